// Instants typed with an offset are stored as UTC Z (SQL compares them as strings), and instants
// outside a sane window are refused with a field error instead of being stored.
import { call, fixedClock, memoryCore } from '../../../helpers/core';
import { instant, localDay, pastInstant } from '../../../../shared/schemas/common';

test('an offset instant becomes UTC Z', () => {
  expect(instant.parse('2026-12-02T06:00:00+09:00')).toBe('2026-12-01T21:00:00.000Z');
  expect(instant.parse('2026-12-02T06:00:00Z')).toBe('2026-12-02T06:00:00.000Z');
});

test.each(['0000-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '9999-01-01T00:00:00Z'])('instant %s is refused', (s) => {
  expect(instant.safeParse(s).success).toBe(false);
});

test('a past event cannot be in the future; a day is 2000–2099', () => {
  expect(pastInstant.safeParse(new Date(Date.now() + 3600_000).toISOString()).success).toBe(false);
  expect(pastInstant.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
  expect(localDay.safeParse('0000-01-01').success).toBe(false);
  expect(localDay.safeParse('2026-11-27').success).toBe(true);
});

test('a callback due at 06:00 +09:00 shows in the due queue at 21:30 UTC the day before', async () => {
  const core = memoryCore(fixedClock('2026-12-01T21:30:00.000Z'));
  const cb = await call(core, 'callbacks.schedule', { customerName: '王芳', phone: '13700000000', reason: '回访', dueAt: '2026-12-02T06:00:00+09:00' });
  expect(cb.dueAt).toBe('2026-12-01T21:00:00.000Z');
  expect((await call(core, 'callbacks.queue', { scope: 'due' })).map((c) => c.id)).toContain(cb.id);
  core.close();
});

test('rangAt in year 0 and month 0000-01 are field errors, nothing stored', async () => {
  const core = memoryCore();
  expect(await core.dispatch('calls.start', { rangAt: '0000-01-01T00:00:00Z' })).toMatchObject({
    ok: false,
    error: { code: 'validation', fields: [{ path: 'rangAt' }] },
  });
  expect(await core.dispatch('reports.summary', { period: { month: '0000-01' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(core.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
  core.close();
});
