import { method } from './define';
import { empty } from '../schemas/common';
import { agentAddInput, signInInput, type Agent } from '../schemas/agent';

export const agentsContract = {
  'agents.list': method<Agent[]>()(empty),
  'agents.add': method<Agent>()(agentAddInput),
  /** who is at this workstation now; owners and timeline entries name them */
  'session.signIn': method<Agent>()(signInInput),
  'session.signOut': method<null>()(empty),
  'session.current': method<Agent | null>()(empty),
};
