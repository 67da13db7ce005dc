// Random sequences of agent actions, through the real service: whatever the order, a closed
// complaint always has a reply, an open one always has a next-reply time, no event is lost
// and the stored row is the fold of its events; each action answers with only the entries it added,
// and a screen that merges the answers into what it read once holds exactly the stored timeline.
import fc from 'fast-check';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { replay, getComplaint } from '../../../../../electron/core/complaints/store';
import { mergeTimeline } from '../../../../../shared/domain/complaint-timeline';
import type { ComplaintChange } from '../../../../../shared/schemas/complaint';

const statuses = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'] as const;

const action = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    to: fc.constantFrom(...statuses),
    result: fc.constantFrom(undefined, '', '已处理'),
    reason: fc.constantFrom(undefined, '', '客户再次来电'),
    due: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reply' as const), text: fc.constantFrom('', '已告知'), due: fc.boolean() }),
  fc.record({ kind: fc.constant('note' as const), text: fc.constantFrom('', '记录') }),
  fc.record({ kind: fc.constant('due' as const), hours: fc.integer({ min: -5, max: 48 }) }),
  fc.record({ kind: fc.constant('escalate' as const), to: fc.constantFrom('', '经理') }),
  fc.record({ kind: fc.constant('edit' as const), severity: fc.constantFrom('normal' as const, 'major' as const), wants: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);

test('no closed complaint without a reply, no open one without a due date, no event lost', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
      const clock = fixedClock('2026-11-27T02:00:00.000Z');
      const core = memoryCore(clock);
      try {
        const due = (hours: number) => new Date(clock.now().getTime() + hours * 3_600_000).toISOString();
        const c = (await call(core, 'complaints.create', { matter: '投诉', category: 'service', nextReplyDue: due(24) })).complaint;
        let accepted = 1;
        // the screen's copy: read once, then kept up to date from the actions' answers alone (C5)
        let held = await call(core, 'complaints.get', { id: c.id });
        const since = () => held.cursor;
        for (const a of actions) {
          if (a.kind === 'wait') {
            clock.advance(a.hours * 3_600_000);
            continue;
          }
          const input =
            a.kind === 'status'
              ? ([
                  'complaints.setStatus',
                  { id: c.id, since: since(), to: a.to, result: a.result, reason: a.reason, nextReplyDue: a.due ? due(5) : undefined },
                ] as const)
              : a.kind === 'reply'
                ? ([
                    'complaints.reply',
                    { id: c.id, since: since(), how: 'phone', at: clock.now().toISOString(), text: a.text, nextReplyDue: a.due ? due(7) : undefined },
                  ] as const)
                : a.kind === 'note'
                  ? (['complaints.note', { id: c.id, since: since(), text: a.text }] as const)
                  : a.kind === 'due'
                    ? (['complaints.setDue', { id: c.id, since: since(), nextReplyDue: due(a.hours) }] as const)
                    : a.kind === 'escalate'
                      ? (['complaints.escalate', { id: c.id, since: since(), to: a.to, at: clock.now().toISOString() }] as const)
                      : (['complaints.edit', { id: c.id, since: since(), fields: { severity: a.severity, wants: a.wants } }] as const);
          const before = (await call(core, 'complaints.get', { id: c.id })).events.length;
          const result = await core.dispatch(input[0], input[1]);
          const after = (await call(core, 'complaints.get', { id: c.id })).events;
          if (result.ok) {
            expect(after.length).toBeGreaterThan(before);
            accepted += after.length - before;
            // the answer holds only what the action added, and the screen's merged copy is the timeline
            const change = result.value as ComplaintChange;
            expect(change.newEvents).toHaveLength(after.length - before);
            expect(change.appended).toBe(after.length - before);
            const merged = mergeTimeline(held, change);
            expect(merged.complete).toBe(true);
            expect(merged.detail.events).toEqual(after);
            expect(merged.detail.complaint).toEqual(getComplaint(core.db, c.id));
            held = merged.detail;
          } else {
            expect(result.error.code).toBe('rule');
            expect(after.length).toBe(before); // a refusal writes nothing
          }
          expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
          const state = getComplaint(core.db, c.id);
          if (state.status === 'closed') {
            expect(after.some((e) => e.kind === 'reply')).toBe(true);
            expect(state.repliedSinceOpened).toBe(true);
          } else expect(state.nextReplyDue).not.toBeNull();
          if (state.severity === 'major') expect(state.escalated).toBe(true);
        }
        const events = (await call(core, 'complaints.get', { id: c.id })).events;
        expect(events).toHaveLength(accepted);
        expect(replay(core.db, c.id)).toEqual(getComplaint(core.db, c.id));
      } finally {
        core.close();
      }
    }),
    { numRuns: 60 },
  );
}, 120_000);
