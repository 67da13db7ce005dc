import { method } from './define';
import { callGetInput, callListDayInput, callStartInput, callUpdateInput, type Call } from '../schemas/call';

export const callsContract = {
  'calls.start': method<Call>()(callStartInput),
  'calls.update': method<Call>()(callUpdateInput),
  'calls.get': method<Call>()(callGetInput),
  'calls.listDay': method<Call[]>()(callListDayInput),
};
