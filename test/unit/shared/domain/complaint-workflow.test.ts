import { complaintNumber, isOverdue, localMonthKey, moveFields, transitionNeeds, transitions } from '../../../../shared/domain/complaint-workflow';
import { callbackPlanDays } from '../../../../shared/domain/callback-plan';

test('readable numbers: TS-YYYYMM-NNNN in the local month', () => {
  expect(complaintNumber('202611', 42)).toBe('TS-202611-0042');
  expect(localMonthKey(new Date('2026-11-30T16:30:00.000Z'))).toBe('202612'); // Shanghai: 1 Dec
});

test('what each move needs, for the forms to ask up front', () => {
  expect(transitionNeeds('in_progress', 'resolved')).toEqual(['result', 'faultAfter']);
  expect(transitionNeeds('resolved', 'closed')).toEqual(['reply']);
  expect(transitionNeeds('closed', 'in_progress')).toEqual(['reason', 'nextReplyDue']);
  expect(transitionNeeds('resolved', 'in_progress')).toEqual(['reason']);
  expect(transitions.closed).toEqual(['in_progress']);
  expect(Object.values(transitions).flat()).not.toContain('new');
});

test('what a form asks for a move: fault fields only on a fault report, a new reply time whenever it reopens', () => {
  expect(moveFields({ status: 'in_progress', category: 'fault' }, 'resolved')).toEqual({ needs: ['result', 'faultAfter'], offers: [] });
  expect(moveFields({ status: 'in_progress', category: 'service' }, 'resolved')).toEqual({ needs: ['result'], offers: [] });
  expect(moveFields({ status: 'resolved', category: 'service' }, 'in_progress')).toEqual({ needs: ['reason'], offers: ['nextReplyDue'] });
  expect(moveFields({ status: 'closed', category: 'product' }, 'in_progress')).toEqual({ needs: ['reason', 'nextReplyDue'], offers: [] });
  expect(moveFields({ status: 'new', category: 'fault' }, 'awaiting_customer')).toEqual({ needs: [], offers: [] });
});

test('overdue: open, not resolved, and the next reply time has come (C3, shared/domain/overdue.ts)', () => {
  const now = new Date('2026-11-27T02:00:00.000Z');
  expect(isOverdue({ status: 'new', nextReplyDue: '2026-11-27T02:00:00.000Z' }, now)).toBe(true);
  expect(isOverdue({ status: 'resolved', nextReplyDue: '2026-11-27T01:00:00.000Z' }, now)).toBe(false);
  expect(isOverdue({ status: 'new', nextReplyDue: '2026-11-27T03:00:00.000Z' }, now)).toBe(false);
  expect(isOverdue({ status: 'closed', nextReplyDue: null }, now)).toBe(false);
});

test('O3 plan: 12 monthly dates, then quarterly; month ends fall back to the last day', () => {
  const days = callbackPlanDays('2026-01-31', 3);
  expect(days).toHaveLength(12 + 8);
  expect(days.slice(0, 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  expect(days[11]).toBe('2027-01-31');
  expect(days.slice(12, 14)).toEqual(['2027-04-30', '2027-07-31']);
  expect(days.at(-1)).toBe('2029-01-31');
});
