import { method } from './define';
import {
  callbackCancelInput,
  callbackCompleteInput,
  callbackLinkInput,
  callbackPlanInput,
  callbackQueueInput,
  callbackScheduleInput,
  type Callback,
} from '../schemas/callback';

export const callbacksContract = {
  /** a one-off callback */
  'callbacks.schedule': method<Callback>()(callbackScheduleInput),
  /** O3: the policy's plan from a delivery date */
  'callbacks.plan': method<Callback[]>()(callbackPlanInput),
  'callbacks.queue': method<Callback[]>()(callbackQueueInput),
  /** the outbound call made for this callback */
  'callbacks.link': method<Callback>()(callbackLinkInput),
  /** records the result and the optional satisfaction score (O5) */
  'callbacks.complete': method<Callback>()(callbackCompleteInput),
  'callbacks.cancel': method<Callback>()(callbackCancelInput),
};
