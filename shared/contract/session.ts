import { method } from './define';
import { empty } from '../schemas/common';
import { signInInput, type Agent } from '../schemas/agent';

/** who is at this workstation now; owners and timeline entries name them */
export const sessionContract = {
  'session.signIn': method<Agent>()(signInInput),
  'session.signOut': method<null>()(empty),
  'session.current': method<Agent | null>()(empty),
};
