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
  type ComplaintDetail,
  type ComplaintPage,
  type DueComplaint,
} from '../schemas/complaint';

export const complaintsContract = {
  /** registers a complaint (C2, C3, C6, O1, O6), pre-filled from a call when callId is given */
  'complaints.create': method<ComplaintDetail>()(complaintCreateInput),
  'complaints.get': method<ComplaintDetail>()(complaintIdInput),
  'complaints.list': method<ComplaintPage>()(complaintListInput),
  'complaints.setStatus': method<ComplaintDetail>()(complaintStatusInput),
  'complaints.note': method<ComplaintDetail>()(complaintNoteInput),
  'complaints.reply': method<ComplaintDetail>()(complaintReplyInput),
  'complaints.setDue': method<ComplaintDetail>()(complaintDueInput),
  'complaints.transfer': method<ComplaintDetail>()(complaintTransferInput),
  'complaints.escalate': method<ComplaintDetail>()(complaintEscalateInput),
  'complaints.edit': method<ComplaintDetail>()(complaintEditInput),
  /** cheap, polled every ~30 s: the signed-in agent's complaints whose next reply is due (C3) */
  'complaints.due': method<DueComplaint[]>()(empty),
};
