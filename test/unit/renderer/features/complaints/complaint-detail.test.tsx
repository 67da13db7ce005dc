// @vitest-environment jsdom
// The complaint screen against the real service of a team workstation: it reads the timeline once,
// then each action answers with only the entries the screen lacks (C5). An entry another desk wrote
// earlier, pulled by team sync between two actions, still shows in its place, and the screen's list
// is the stored timeline, in the fold order, after every action.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { initI18n } from '../../../../../renderer/lib/i18n';
import { api } from '../../../../../renderer/lib/api';
import { ComplaintDetailView } from '../../../../../renderer/features/complaints/ComplaintDetail';
import { call, fixedClock, memoryCore } from '../../../../helpers/core';
import { acknowledge, applyBatch, enableTeamMode, takeOutgoing, type IncomingChange } from '../../../../../electron/core/sync/local';
import type { Core } from '../../../../../electron/core/entry/start-core';
import type { Method, RawInput } from '../../../../../shared/contract';
import type { Mock } from 'vitest';

vi.mock('../../../../../renderer/lib/api', async (original) => ({
  ...(await original<typeof import('../../../../../renderer/lib/api')>()),
  api: vi.fn(),
}));
const mockedApi = vi.mocked(api) as unknown as Mock<(method: string, input: unknown) => Promise<unknown>>;

interface Desk {
  name: string;
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  cursor: number;
}
const server: IncomingChange[] = [];
const push = (d: Desk) => {
  const out = takeOutgoing(d.core.db, 100_000);
  for (const c of out)
    server.push({
      pos: server.length + 1,
      xid: String(server.length + 1),
      id: c.id,
      workstation: d.name,
      kind: c.kind,
      body: JSON.parse(JSON.stringify(c.body)),
    });
  acknowledge(d.core.db, out, d.clock.now().toISOString());
};
const pull = (d: Desk) => {
  applyBatch(d.core.db, d.name, 'epoch', server.slice(d.cursor), d.clock.now().toISOString());
  d.cursor = server.length;
};
function desk(name: string): Desk {
  const clock = fixedClock('2026-12-01T09:00:00.000Z');
  const core = memoryCore(clock);
  enableTeamMode(core.db, name, 'test');
  return { name, core, clock, cursor: 0 };
}

let a: Desk;
let b: Desk;
let methods: string[];
beforeEach(async () => {
  server.length = 0;
  [a, b] = [desk('view_a'), desk('view_b')];
  methods = [];
  // the screen talks to desk A's real service
  mockedApi.mockImplementation(async (method: string, input: unknown) => {
    methods.push(method);
    return call(a.core, method as Method, input as RawInput<Method>);
  });
  await initI18n('en');
});
afterEach(() => {
  a.core.close();
  b.core.close();
});

/** the entries as the screen lists them */
const shownTimeline = () =>
  within(screen.getByRole('region', { name: /Timeline/ }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.complaints-event')!.textContent);

async function addNote(text: string) {
  fireEvent.click(within(screen.getByRole('group', { name: 'What to record' })).getByRole('button', { name: 'Add note' }));
  const form = screen.getByRole('form', { name: 'Add note' });
  fireEvent.change(within(form).getByLabelText('Note'), { target: { value: text } });
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Save: Add note' }));
  });
  expect(screen.queryByRole('form', { name: 'Add note' })).toBeNull();
}

test('after several actions, one arriving by team sync in between, the screen lists the stored timeline in fold order', async () => {
  const { complaint } = await call(a.core, 'complaints.create', {
    customerName: '王芳',
    phone: '13900001111',
    matter: '安装延误',
    category: 'service',
    nextReplyDue: '2026-12-03T08:00:00.000Z',
  });
  push(a);
  pull(b);
  render(<ComplaintDetailView id={complaint.id} onChanged={() => undefined} />);
  await screen.findByRole('heading', { name: /TS-202612-0001/ });

  a.clock.set('2026-12-01T11:00:00.000Z');
  await addNote('A: called the installer');
  // desk B's note is earlier (10:00) and reaches A only now, between two of A's actions
  b.clock.set('2026-12-01T10:00:00.000Z');
  await call(b.core, 'complaints.note', { id: complaint.id, text: 'B: customer called again' });
  push(b);
  pull(a);
  a.clock.set('2026-12-01T12:00:00.000Z');
  await addNote('A: installer booked for Friday');
  a.clock.set('2026-12-01T12:05:00.000Z');
  await act(async () => {
    fireEvent.click(within(screen.getByRole('group', { name: 'What to record' })).getByRole('button', { name: 'Start work' }));
  });
  await act(async () => {
    fireEvent.click(within(screen.getByRole('form', { name: 'Start work' })).getByRole('button', { name: 'Save: Start work' }));
  });

  const expected = [
    'Registered as TS-202612-0001',
    'Note: B: customer called again',
    'Note: A: called the installer',
    'Note: A: installer booked for Friday',
    'Status: New → In progress',
  ];
  expect(shownTimeline()).toEqual(expected);
  expect(within(screen.getByRole('region', { name: /Timeline/ })).getByRole('heading')).toHaveTextContent('Timeline 5');
  expect(screen.getByRole('article')).toHaveTextContent('In progress');
  // the same as the service's own timeline, and it was read once: the actions' answers did the rest
  const stored = await call(a.core, 'complaints.get', { id: complaint.id });
  expect(stored.events.map((e) => e.kind)).toEqual(['created', 'note', 'note', 'note', 'status']);
  expect(methods.filter((m) => m === 'complaints.get')).toHaveLength(1);
});

test('an erasure between two actions: the screen reads the timeline again and shows the erased text as erased', async () => {
  const { complaint } = await call(a.core, 'complaints.create', {
    customerName: '王芳',
    phone: '13900001111',
    matter: '安装延误',
    category: 'service',
    nextReplyDue: '2026-12-03T08:00:00.000Z',
  });
  render(<ComplaintDetailView id={complaint.id} onChanged={() => undefined} />);
  await screen.findByRole('heading', { name: /TS-202612-0001/ });
  await addNote('客户 13900001111 要求回电');
  expect(shownTimeline()[1]).toContain('13900001111');
  await call(a.core, 'lead.setPin', { pin: '864200' });
  await call(a.core, 'privacy.eraseCustomer', { phone: '13900001111', reason: 'asked to be forgotten' });
  a.clock.set('2026-12-01T09:30:00.000Z');
  await act(async () => {
    fireEvent.click(within(screen.getByRole('group', { name: 'What to record' })).getByRole('button', { name: 'Start work' }));
  });
  await act(async () => {
    fireEvent.click(within(screen.getByRole('form', { name: 'Start work' })).getByRole('button', { name: 'Save: Start work' }));
  });
  expect(shownTimeline()).toHaveLength(3);
  expect(shownTimeline().join('\n')).not.toContain('13900001111');
  expect(methods.filter((m) => m === 'complaints.get')).toHaveLength(2);
});
