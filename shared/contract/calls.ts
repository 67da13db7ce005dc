import { method } from './define';
import {
  callAmendInput,
  callCheckInput,
  callCompleteInput,
  callDiscardInput,
  callEndInput,
  callEscalateInput,
  callGetInput,
  callHistoryInput,
  callListDayInput,
  callListUnfinishedInput,
  callMarkLateInput,
  callOpenInput,
  callStartInput,
  callTransferInput,
  callUpdateInput,
  type Call,
  type CallEvent,
  type CallerHistory,
  type CallView,
  type UnfinishedPage,
} from '../schemas/call';

export const callsContract = {
  'calls.start': method<Call>()(callStartInput),
  /** autosave while typing: one UPDATE, nothing else (the typing path) */
  'calls.update': method<Call>()(callUpdateInput),
  'calls.get': method<Call>()(callGetInput),
  'calls.listDay': method<Call[]>()(callListDayInput),
  /** the call with the script version it was read from and its events */
  'calls.open': method<CallView>()(callOpenInput),
  /** not completed and not discarded: never lost */
  'calls.listUnfinished': method<UnfinishedPage>()(callListUnfinishedInput),
  'calls.markLate': method<Call>()(callMarkLateInput),
  'calls.check': method<Call>()(callCheckInput),
  /** the caller hung up: after-call work starts */
  'calls.end': method<Call>()(callEndInput),
  /** wrap-up: P5 fields and an outcome are required */
  'calls.complete': method<Call>()(callCompleteInput),
  'calls.discard': method<Call>()(callDiscardInput),
  'calls.escalate': method<CallEvent>()(callEscalateInput),
  'calls.transfer': method<CallEvent>()(callTransferInput),
  'calls.amend': method<Call>()(callAmendInput),
  /** O2: what this number has called about before */
  'calls.history': method<CallerHistory>()(callHistoryInput),
};
