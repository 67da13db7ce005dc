import { requireAgent, getAgent } from '../agents/store';
import { upsertCustomer } from '../customers/store';
import { AppError } from '../../../shared/errors';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { decideDue, decideEdit, decideEscalate, decideNote, decideReply, decideStatus, decideTransfer } from '../../../shared/domain/complaint-workflow';
import type { complaintsContract } from '../../../shared/contract/complaints';
import type { DomainHandlers, ServiceContext } from '../context';

import { bulkRead } from '../privacy/access';
import { act, complaintDetail, createComplaint, dueComplaints, listComplaints } from './store';

export function complaintsHandlers(ctx: ServiceContext): DomainHandlers<typeof complaintsContract> {
  const { db, clock } = ctx;
  return {
    'complaints.create': (input) => createComplaint(db, clock, requireAgent(ctx), input),
    'complaints.get': (input) => complaintDetail(db, clock, input.id),
    'complaints.list': (input) => {
      // a search's further pages are a bulk read; paging the tracker itself is everyday work
      if (input.q?.trim()) bulkRead(ctx, 'complaints.list', { offset: input.offset, limit: input.limit, q: input.q });
      return listComplaints(db, clock, requireAgent(ctx).id, input);
    },
    'complaints.setStatus': (input) => act(ctx, input.id, (s, a) => decideStatus(s, input, a), { carriesText: !!input.reason?.trim(), since: input.since }),
    'complaints.note': (input) => act(ctx, input.id, (s) => decideNote(s, input.text), { since: input.since }),
    'complaints.reply': (input) => act(ctx, input.id, (s, a) => decideReply(s, input, a), { since: input.since }),
    'complaints.setDue': (input) =>
      act(ctx, input.id, (s, a) => decideDue(s, input.nextReplyDue, input.reason, a), { carriesText: !!input.reason?.trim(), since: input.since }),
    'complaints.transfer': (input) => {
      const to = getAgent(db, input.toAgentId);
      if (!to.active) throw new AppError('rule', `${to.name} is no longer active`, { rule: 'O1-inactive' });
      return act(ctx, input.id, (s) => decideTransfer(s, to, input.why), { since: input.since });
    },
    'complaints.escalate': (input) => act(ctx, input.id, (s) => decideEscalate(s, input), { since: input.since }),
    'complaints.edit': (input) =>
      act(
        ctx,
        input.id,
        (s) => {
          const phone = input.fields.phone;
          // a corrected number belongs to another customer card (found or made, O4), inside the edit's transaction
          const change =
            phone !== undefined && phone !== s.phone
              ? {
                  phoneNorm: normalisePhone(phone, phoneRegion(db)),
                  customerId: phone ? upsertCustomer(db, clock, { phone, name: input.fields.customerName ?? s.customerName }) : null,
                }
              : undefined;
          return decideEdit(s, input.fields, input.escalation, change);
        },
        { since: input.since },
      ),
    'complaints.due': () => dueComplaints(db, clock, requireAgent(ctx).id),
  };
}
