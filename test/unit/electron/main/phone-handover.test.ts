// `"Call Console" --phone ring --from …` from a softphone: the second process's command line is
// handed to the running console by Electron's single-instance lock ('second-instance').
import { fixedClock } from '../../../helpers/core';
import { phoneCore, phoneRows } from '../../../helpers/phone';
import { wireSecondInstance, type HandoverTarget } from '../../../../electron/main/phone-handover';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

beforeEach(() => fake.reset());

test('a second start with --phone delivers the hook to the running console; a ring brings the window forward', async () => {
  const core = phoneCore(fixedClock('2026-12-01T02:00:00.000Z'), { source: 'hooks' });
  const focus = vi.fn();
  const refused = vi.fn();
  const target: HandoverTarget = { deliver: (c) => core.phone.runtime.acceptHook(c), focus, refused };
  const { app } = await import('electron');
  wireSecondInstance(app, () => target, focus);
  const exe = 'C:\\Program Files\\Call Console\\Call Console.exe';
  app.emit('second-instance', {}, [exe, '--phone', 'ring', '--from', '13800138000', '--call', '42'], '/');
  expect(phoneRows(core)).toEqual([expect.objectContaining({ call_id: '42', status: 'ringing', from_number: '13800138000' })]);
  expect(focus).toHaveBeenCalledTimes(1);
  app.emit('second-instance', {}, [exe, '--phone', 'answer', '--call', '42'], '/');
  app.emit('second-instance', {}, [exe, '--phone', 'hangup'], '/');
  expect(phoneRows(core)[0]).toMatchObject({ status: 'ended' });
  expect(focus).toHaveBeenCalledTimes(1);
  // a broken hook is logged, not obeyed
  app.emit('second-instance', {}, [exe, '--phone', 'ring'], '/');
  app.emit('second-instance', {}, [exe, '--phone', 'hangup', '--call', 'nope'], '/');
  expect(refused.mock.calls).toEqual([['usage'], ['unknown_call']]);
  // a plain second start just wants the window
  app.emit('second-instance', {}, [exe], '/');
  expect(focus).toHaveBeenCalledTimes(2);
  core.close();
});
