import { method } from './define';
import { empty } from '../schemas/common';
import { leadPinInput, setLeadPinInput, type LeadState } from '../schemas/agent';

/** team-lead mode: unlocked by the PIN for a few minutes */
export const leadContract = {
  'lead.state': method<LeadState>()(empty),
  'lead.unlock': method<LeadState>()(leadPinInput),
  'lead.lock': method<LeadState>()(empty),
  /** sets the PIN the first time, or changes it while unlocked */
  'lead.setPin': method<LeadState>()(setLeadPinInput),
};
