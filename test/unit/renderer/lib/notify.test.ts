// @vitest-environment jsdom
import { notify } from '../../../../renderer/lib/notify';

afterEach(() => vi.unstubAllGlobals());

function fakeNotification(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; body: string | undefined }[] = [];
  const Fake = Object.assign(
    function (this: unknown, title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    },
    { permission, requestPermission: vi.fn(async () => ((Fake.permission = answer), answer)) },
  );
  vi.stubGlobal('Notification', Fake);
  return { shown, Fake };
}

test('shows a desktop notification when allowed, asking once if not decided yet', async () => {
  const { shown, Fake } = fakeNotification('default', 'granted');
  expect(await notify('Reply due: TS-202611-0001', '张伟: 退款')).toBe(true);
  expect(Fake.requestPermission).toHaveBeenCalledTimes(1);
  expect(shown).toEqual([{ title: 'Reply due: TS-202611-0001', body: '张伟: 退款' }]);
});

test('says false, and shows nothing, when notifications are denied or missing', async () => {
  const { shown } = fakeNotification('denied');
  expect(await notify('t', 'b')).toBe(false);
  expect(shown).toEqual([]);
  vi.stubGlobal('Notification', undefined);
  expect(await notify('t', 'b')).toBe(false);
});
