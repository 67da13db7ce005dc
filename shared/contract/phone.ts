import { method } from './define';
import type { Call } from '../schemas/call';
import {
  phoneAnswerInput,
  phoneCallBackInput,
  phoneConfigureInput,
  phoneMissedInput,
  phoneSettingsInput,
  phoneStateInput,
  type MissedCall,
  type PhoneSettings,
  type PhoneState,
} from '../schemas/phone';

export interface PhoneSettingsView extends PhoneSettings {
  /** for the team lead only: where PBX connectors post (with the token); null for agents */
  endpoint: { url: string; zammadUrl: string } | null;
}

export const phoneContract = {
  /** ringing calls, the call going on, missed count; with `after`, waits up to waitMs for a change */
  'phone.state': method<PhoneState>()(phoneStateInput),
  /** F2 with a phone source: answers the ringing call (tells baresip to pick up) and opens its console call */
  'phone.answer': method<Call>()(phoneAnswerInput),
  /** "Missed — call back": calls that ended while ringing */
  'phone.missed': method<MissedCall[]>()(phoneMissedInput),
  /** starts the outbound call to a missed caller and links it */
  'phone.callBack': method<Call>()(phoneCallBackInput),
  'phone.settings': method<PhoneSettingsView>()(phoneSettingsInput),
  /** team lead; IT can lock each field */
  'phone.configure': method<PhoneSettingsView>()(phoneConfigureInput),
};
