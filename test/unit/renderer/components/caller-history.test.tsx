// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { initI18n } from '../../../../renderer/lib/i18n';
import { NavigationContext } from '../../../../renderer/lib/navigation';
import { CallerHistory } from '../../../../renderer/components/CallerHistory';
import type { CallerHistory as History } from '../../../../shared/schemas/call';

const history: History = {
  phoneNorm: '13800138000',
  calls: [
    {
      id: 'call-1',
      direction: 'inbound',
      status: 'completed',
      callerName: '张伟',
      phone: '138 0013 8000',
      category: 'complaint',
      subject: 'Late parcel',
      agentName: 'Maria',
      createdAt: '2026-11-25T02:00:00.000Z',
    },
  ],
  callsLast7Days: 1,
  repeatCaller: true,
  openComplaints: [
    {
      id: 'cmp-1',
      number: 'TS-202611-0042',
      status: 'open',
      severity: 'normal',
      category: 'delivery',
      matter: 'Parcel lost',
      ownerName: 'Li Na',
      nextReplyDue: '2026-11-26T02:00:00.000Z',
      overdue: true,
      createdAt: '2026-11-20T02:00:00.000Z',
    },
  ],
  pendingCallbacks: [{ id: 'cb-1', dueAt: '2026-11-28T02:00:00.000Z', reason: 'Quarterly callback', status: 'pending', overdue: false }],
  customer: null,
};

vi.mock('../../../../renderer/lib/api', () => ({ api: vi.fn(async () => history) }));

beforeAll(async () => {
  await initI18n('en');
});

test('a returning caller: repeat flag, open complaint with owner and overdue mark, callback, earlier call; each opens', async () => {
  const navigate = vi.fn();
  render(
    <NavigationContext.Provider value={{ navigate, intent: undefined, consumeIntent: () => undefined }}>
      <CallerHistory phone="138 0013 8000" callId="current" />
    </NavigationContext.Provider>,
  );
  expect(await screen.findByText('Repeat caller: 1 call from this number in the last 7 days')).toBeInTheDocument();
  const complaints = screen.getByRole('list', { name: 'Open complaints' });
  expect(complaints).toHaveTextContent('TS-202611-0042 · Parcel lost');
  expect(complaints).toHaveTextContent('owner Li Na');
  expect(within(complaints).getByText('Overdue')).toBeInTheDocument();
  const callbacks = screen.getByRole('list', { name: 'Pending callbacks' });
  expect(callbacks).toHaveTextContent('Quarterly callback');
  fireEvent.click(within(callbacks).getByRole('button'));
  expect(navigate).toHaveBeenCalledWith('callbacks');
  fireEvent.click(within(complaints).getByRole('button'));
  expect(navigate).toHaveBeenCalledWith('complaints', { kind: 'complaint.open', complaintId: 'cmp-1' });
  fireEvent.click(within(screen.getByRole('list', { name: 'Earlier calls' })).getByRole('button'));
  expect(navigate).toHaveBeenCalledWith('calls', { kind: 'call.open', callId: 'call-1' });
});

test('P9: the service reads the number; separators and the extension do not ask again', async () => {
  const { api } = await import('../../../../renderer/lib/api');
  const mocked = vi.mocked(api);
  mocked.mockClear();
  const wrap = (phone: string) => (
    <NavigationContext.Provider value={{ navigate: vi.fn(), intent: undefined, consumeIntent: () => undefined }}>
      <CallerHistory phone={phone} />
    </NavigationContext.Provider>
  );
  const view = render(wrap('+86 10 6655 4433'));
  await vi.waitFor(() => expect(mocked).toHaveBeenCalledTimes(1));
  expect(mocked).toHaveBeenLastCalledWith('calls.history', { phone: '+861066554433' });
  view.rerender(wrap('+86 (10) 6655-4433 转 12'));
  await new Promise((r) => setTimeout(r, 400));
  expect(mocked).toHaveBeenCalledTimes(1);
  view.rerender(wrap('010-6655-4433'));
  await vi.waitFor(() => expect(mocked).toHaveBeenCalledTimes(2));
  expect(mocked).toHaveBeenLastCalledWith('calls.history', { phone: '01066554433' });
});
