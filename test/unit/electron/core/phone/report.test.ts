// P1 measured in the report: within 2 rings, after 5 or more (and of those, apologised), the real
// average answer time, missed calls; talk, after-call work and handle time.
import { fixedClock, call } from '../../../../helpers/core';
import { phoneCore } from '../../../../helpers/phone';

const T0 = '2026-10-15T02:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

test("the report's P1 and call-time figures come from the phone's times", async () => {
  const clock = fixedClock(T0);
  const core = phoneCore(clock, { source: 'http', ringCadenceSeconds: 5 });
  const rt = core.phone.runtime;
  const [outcome] = await call(core, 'dispositions.list', {});
  // answers after 4 s (0 rings), 12 s (2 rings), 27 s (5 rings), 40 s (8 rings); one missed
  const answers = [4, 12, 27, 40];
  const ids: string[] = [];
  for (const [i, seconds] of answers.entries()) {
    const start = i * 1000;
    clock.set(at(start));
    rt.accept('http', { kind: 'ringing', callId: `c${i}`, from: `1380013800${i}`, at: at(start) });
    clock.set(at(start + seconds));
    const c = await call(core, 'phone.answer', {});
    ids.push(c.id);
    // 60 s of talk, then 30 s of wrap-up for the first two
    rt.accept('http', { kind: 'ended', callId: `c${i}`, at: at(start + seconds + 60) });
    if (i < 2 || i === 3) {
      if (i === 3) await call(core, 'calls.check', { id: c.id, key: 'greeted', checked: true });
      await call(core, 'calls.update', { id: c.id, fields: { callerName: '张伟', region: '上海', subject: 'x', wants: 'y' } });
      clock.set(at(start + seconds + 90));
      await call(core, 'calls.complete', { id: c.id, dispositionId: outcome!.id });
    }
  }
  clock.set(at(9000));
  rt.accept('http', { kind: 'ringing', callId: 'm1', from: '13900000000', at: at(9000) });
  rt.accept('http', { kind: 'ended', callId: 'm1', at: at(9010) });
  const figures = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(figures.phone).toEqual({
    ringCadenceSeconds: 5,
    phoneCalls: 4,
    within2RingsPct: 50,
    after5Rings: 2,
    after5RingsPct: 50,
    after5RingsApologised: 1,
    avgAnswerSeconds: 20.8,
    missed: 1,
    avgTalkSeconds: 60,
    avgAfterCallWorkSeconds: 30,
    avgHandleSeconds: 90,
  });
  const html = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'en' });
  expect(html.html).toContain('Answered within 2 rings');
  expect(html.html).toContain('Missed calls');
  const zh = await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'zh-CN' });
  expect(zh.html).toContain('两声内接听');
  core.close();
});

test('a period with no calls from the phone says so instead of 0 %', async () => {
  const core = phoneCore(fixedClock(T0), { source: 'none' });
  const figures = await call(core, 'reports.summary', { period: { month: '2026-10' } });
  expect(figures.phone).toMatchObject({ phoneCalls: 0, within2RingsPct: null, after5RingsPct: null, avgAnswerSeconds: null, missed: 0 });
  expect((await call(core, 'reports.html', { period: { month: '2026-10' }, language: 'en' })).html).toContain('no calls from the phone');
  core.close();
});
