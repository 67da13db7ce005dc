import { method } from './define';
import { empty } from '../schemas/common';
import {
  complaintCreateInput,
  complaintDueInput,
  complaintEditInput,
  complaintEscalateInput,
  complaintIdInput,
  complaintListInput,
  complaintNoteInput,
  complaintReplyInput,
  complaintStatusInput,
  complaintTransferInput,
  type ComplaintChange,
  type ComplaintDetail,
  type ComplaintPage,
  type DueComplaint,
} from '../schemas/complaint';

export const complaintsContract = {
  /** registers a complaint (C2, C3, C6, O1, O6), pre-filled from a call when callId is given */
  'complaints.create': method<ComplaintDetail>()(complaintCreateInput),
  'complaints.get': method<ComplaintDetail>()(complaintIdInput),
  'complaints.list': method<ComplaintPage>()(complaintListInput),
  // an action answers with the new state and the timeline entries the screen lacks (ComplaintChange)
  'complaints.setStatus': method<ComplaintChange>()(complaintStatusInput),
  'complaints.note': method<ComplaintChange>()(complaintNoteInput),
  'complaints.reply': method<ComplaintChange>()(complaintReplyInput),
  'complaints.setDue': method<ComplaintChange>()(complaintDueInput),
  'complaints.transfer': method<ComplaintChange>()(complaintTransferInput),
  'complaints.escalate': method<ComplaintChange>()(complaintEscalateInput),
  'complaints.edit': method<ComplaintChange>()(complaintEditInput),
  /** cheap, polled every ~30 s: the signed-in agent's complaints whose next reply is due (C3) */
  'complaints.due': method<DueComplaint[]>()(empty),
};
