import { method } from './define';
import { empty } from '../schemas/common';
import { agentAddInput, leadPinInput, setLeadPinInput, signInInput, type Agent, type LeadState } from '../schemas/agent';

export const agentsContract = {
  'agents.list': method<Agent[]>()(empty),
  'agents.add': method<Agent>()(agentAddInput),
  /** who is at this workstation now; owners and timeline entries name them */
  'session.signIn': method<Agent>()(signInInput),
  'session.signOut': method<null>()(empty),
  'session.current': method<Agent | null>()(empty),
  /** team-lead mode: unlocked by the PIN for a few minutes */
  'lead.state': method<LeadState>()(empty),
  'lead.unlock': method<LeadState>()(leadPinInput),
  'lead.lock': method<LeadState>()(empty),
  /** sets the PIN the first time, or changes it while unlocked */
  'lead.setPin': method<LeadState>()(setLeadPinInput),
};
