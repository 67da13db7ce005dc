// @vitest-environment jsdom
// The action forms of a complaint as an agent meets them: a status move asks up front for what the
// workflow needs (O6: a fault report's cause, impact, handling and actions before resolving), sends
// it with the move, and a refusal of the service is shown in the agent's language, typing kept.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { i18next, initI18n } from '../../../../../renderer/lib/i18n';
import { api, ApiError } from '../../../../../renderer/lib/api';
import { ComplaintDetailView } from '../../../../../renderer/features/complaints/ComplaintDetail';
import { applyEvent, refusals } from '../../../../../shared/domain/complaint-workflow';
import type { Complaint, ComplaintChange, ComplaintDetail } from '../../../../../shared/schemas/complaint';
import type { Mock } from 'vitest';

vi.mock('../../../../../renderer/lib/api', async (original) => ({
  ...(await original<typeof import('../../../../../renderer/lib/api')>()),
  api: vi.fn(),
}));
const mockedApi = vi.mocked(api) as unknown as Mock<(method: string, input: unknown) => Promise<unknown>>;

const AT = '2026-11-27T02:00:00.000Z';
const DUE = '2099-11-28T02:00:00.000Z';

function complaint(over: Partial<Complaint>): Complaint {
  const created = applyEvent(null, {
    kind: 'created',
    at: AT,
    agentId: 'agent-1',
    agentName: 'Li Na',
    data: {
      id: 'cmp-1',
      number: 'TS-202611-0007',
      customerName: 'Chen Jing',
      phone: '139 0000 1111',
      phoneNorm: '13900001111',
      matter: 'No network signal since Monday',
      wants: 'Repair this week',
      category: 'fault',
      severity: 'normal',
      faultTime: 'Mon 09:00',
      faultPlace: 'Building 3',
      faultSymptom: 'No signal on all floors',
      faultPlan: 'Send an engineer',
      nextReplyDue: DUE,
      ownerId: 'agent-1',
      ownerName: 'Li Na',
    },
  });
  return { ...created, status: 'in_progress', ...over };
}

const createdEvent = {
  id: 'evt-1',
  complaintId: 'cmp-1',
  seq: 1,
  arrival: 1,
  kind: 'created' as const,
  at: AT,
  agentId: 'agent-1',
  agentName: 'Li Na',
  data: { number: 'TS-202611-0007' },
};
/** the screen's copy: the complaint as registered, one entry held (its mark: 1) */
const detailOf = (c: Complaint): ComplaintDetail => ({ complaint: c, events: [createdEvent], overdue: false, order: 'arrival', cursor: 1, rewrites: 0 });
/** an action's answer: the new state, nothing new on the timeline in these tests */
const changeOf = (c: Complaint): ComplaintChange => ({
  complaint: c,
  newEvents: [],
  appended: 0,
  total: 1,
  notApplied: {},
  overdue: false,
  order: 'arrival',
  cursor: 1,
  rewrites: 0,
});

const fault = {
  faultCause: 'Fibre cut by road works',
  faultImpact: 'Three hours without network',
  faultHandling: 'Fibre spliced',
  faultActions: 'Cable route marked',
};

/** Serves complaints.get with `c`; setStatus goes to `setStatus`. */
function serve(c: Complaint, setStatus: (input: unknown) => Promise<ComplaintChange>) {
  mockedApi.mockImplementation(async (method: string, input: unknown) => {
    if (method === 'complaints.get') return detailOf(c);
    if (method === 'complaints.setStatus') return setStatus(input);
    throw new Error(`unexpected ${method}`);
  });
}

async function openResolve() {
  await screen.findByRole('heading', { name: /TS-202611-0007/ });
  fireEvent.click(within(screen.getByRole('group', { name: 'What to record' })).getByRole('button', { name: 'Resolve' }));
  return screen.getByRole('form', { name: 'Resolve' });
}

beforeEach(async () => {
  mockedApi.mockReset();
  await initI18n('en');
});

test('resolving a fault report asks for the result and the four O6 fields up front and sends them with the move', async () => {
  const c = complaint({});
  const setStatus = vi.fn(async () => changeOf({ ...c, ...fault, status: 'resolved', result: 'Network restored' }));
  serve(c, setStatus);
  const onChanged = vi.fn();
  render(<ComplaintDetailView id="cmp-1" onChanged={onChanged} />);
  const form = await openResolve();

  const result = within(form).getByLabelText('Result');
  expect(document.activeElement).toBe(result);
  fireEvent.change(result, { target: { value: 'Network restored' } });
  fireEvent.change(within(form).getByLabelText('Fault: cause'), { target: { value: fault.faultCause } });
  fireEvent.change(within(form).getByLabelText('Fault: impact'), { target: { value: fault.faultImpact } });
  fireEvent.change(within(form).getByLabelText('Fault: handling'), { target: { value: fault.faultHandling } });
  fireEvent.change(within(form).getByLabelText('Fault: corrective and preventive actions'), { target: { value: fault.faultActions } });
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Save: Resolve' }));
  });

  expect(setStatus).toHaveBeenCalledTimes(1);
  expect(setStatus).toHaveBeenCalledWith({ id: 'cmp-1', since: 1, to: 'resolved', result: 'Network restored', fault });
  expect(screen.queryByRole('form', { name: 'Resolve' })).toBeNull();
  expect(screen.getByRole('article')).toHaveTextContent('Resolved');
  expect(onChanged).toHaveBeenCalledWith('cmp-1');
});

test('a service complaint is resolved with its result only: no fault fields asked or sent', async () => {
  const c = complaint({ category: 'service', result: 'Refund sent' });
  const setStatus = vi.fn(async () => changeOf({ ...c, status: 'resolved' }));
  serve(c, setStatus);
  render(<ComplaintDetailView id="cmp-1" onChanged={() => undefined} />);
  const form = await openResolve();
  expect(within(form).getByLabelText('Result')).toHaveValue('Refund sent');
  expect(within(form).queryByLabelText('Fault: cause')).toBeNull();
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Save: Resolve' }));
  });
  expect(setStatus).toHaveBeenCalledWith({ id: 'cmp-1', since: 1, to: 'resolved', result: 'Refund sent' });
});

test('reopening a closed complaint asks why and when the customer hears from us next (C3)', async () => {
  const c = complaint({ category: 'service', status: 'closed', nextReplyDue: null });
  const setStatus = vi.fn(async () => changeOf({ ...c, status: 'in_progress' }));
  serve(c, setStatus);
  render(<ComplaintDetailView id="cmp-1" onChanged={() => undefined} />);
  await screen.findByRole('heading', { name: /TS-202611-0007/ });
  fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
  const form = screen.getByRole('form', { name: 'Reopen' });
  expect(document.activeElement).toBe(within(form).getByLabelText('Reason'));
  fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Customer called again' } });
  fireEvent.change(within(form).getByLabelText('Next reply to the customer due'), { target: { value: '2099-12-01T10:00' } });
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: 'Save: Reopen' }));
  });
  expect(setStatus).toHaveBeenCalledWith({
    id: 'cmp-1',
    since: 1,
    to: 'in_progress',
    reason: 'Customer called again',
    nextReplyDue: '2099-12-01T02:00:00.000Z',
  });
});

test('the service refusing the move is shown in Chinese; what was typed stays for the next try', async () => {
  await i18next.changeLanguage('zh-CN');
  const c = complaint({});
  const [rule, message] = refusals.faultAfter;
  const setStatus = vi.fn(async () => {
    throw new ApiError('rule', message, rule);
  });
  serve(c, setStatus);
  render(<ComplaintDetailView id="cmp-1" onChanged={() => undefined} />);
  await screen.findByRole('heading', { name: /TS-202611-0007/ });
  fireEvent.click(within(screen.getByRole('group', { name: '要记录的操作' })).getByRole('button', { name: '标记已解决' }));
  const form = screen.getByRole('form', { name: '标记已解决' });
  fireEvent.change(within(form).getByLabelText('处理结果'), { target: { value: '网络已恢复' } });
  fireEvent.change(within(form).getByLabelText('故障：原因'), { target: { value: '光缆被挖断' } });
  await act(async () => {
    fireEvent.click(within(form).getByRole('button', { name: '保存：标记已解决' }));
  });
  expect(within(form).getByRole('alert')).toHaveTextContent('故障报告标记已解决前，请记录原因、影响、处理经过以及纠正和预防措施。');
  expect(within(form).getByLabelText('处理结果')).toHaveValue('网络已恢复');
  expect(within(form).getByLabelText('故障：原因')).toHaveValue('光缆被挖断');
  // typing again clears the old refusal
  fireEvent.change(within(form).getByLabelText('故障：影响'), { target: { value: '断网 3 小时' } });
  expect(within(form).queryByRole('alert')).toBeNull();
});

describe('the other actions send exactly their own fields', () => {
  const c = complaint({ category: 'service', severity: 'normal' });
  let sent: [string, unknown][];
  beforeEach(() => {
    sent = [];
    mockedApi.mockImplementation(async (method: string, input: unknown) => {
      if (method === 'agents.list')
        return [
          { id: 'agent-1', name: 'Li Na', active: true },
          { id: 'agent-2', name: 'Wang Fang', active: true },
        ];
      if (method === 'complaints.get') return detailOf(c);
      sent.push([method, input]);
      return changeOf(c);
    });
  });

  async function open(name: string) {
    render(<ComplaintDetailView id="cmp-1" onChanged={() => undefined} />);
    await screen.findByRole('heading', { name: /TS-202611-0007/ });
    // the transfer form loads the colleagues as it opens
    await act(async () => {
      fireEvent.click(within(screen.getByRole('group', { name: 'What to record' })).getByRole('button', { name }));
    });
    return screen.getByRole('form', { name });
  }
  const type = (form: HTMLElement, label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
  async function save(form: HTMLElement, name: string) {
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: `Save: ${name}` }));
    });
  }

  test('a note', async () => {
    const form = await open('Add note');
    type(form, 'Note', 'Finance contacted');
    await save(form, 'Add note');
    expect(sent).toEqual([['complaints.note', { id: 'cmp-1', since: 1, text: 'Finance contacted' }]]);
  });

  test('a reply: how, when, what, and an optional next reply time (C4, C3)', async () => {
    const form = await open('Record reply to customer');
    fireEvent.change(within(form).getByLabelText('How the customer was told'), { target: { value: 'sms' } });
    type(form, 'When they were told', '2026-11-27T09:30');
    type(form, 'What they were told', 'Refund is on its way');
    await save(form, 'Record reply to customer');
    expect(sent).toEqual([
      ['complaints.reply', { id: 'cmp-1', since: 1, how: 'sms', at: '2026-11-27T01:30:00.000Z', text: 'Refund is on its way', nextReplyDue: undefined }],
    ]);
  });

  test('a transfer offers the colleagues, not the owner (O1)', async () => {
    const form = await open('Transfer');
    const to = within(form).getByLabelText('Hand over to');
    await within(to).findByRole('option', { name: 'Wang Fang' });
    expect(within(to).queryByRole('option', { name: 'Li Na' })).toBeNull();
    fireEvent.change(to, { target: { value: 'agent-2' } });
    type(form, 'Why (the colleague reads this)', 'On leave tomorrow');
    await save(form, 'Transfer');
    expect(sent).toEqual([['complaints.transfer', { id: 'cmp-1', since: 1, toAgentId: 'agent-2', why: 'On leave tomorrow' }]]);
  });

  test('an edit sends only what changed; making it major asks to whom it was reported (C6)', async () => {
    const form = await open('Edit details');
    expect(within(form).queryByLabelText(/Reported to/)).toBeNull();
    type(form, 'What the customer wants', 'Refund and an apology');
    fireEvent.change(within(form).getByLabelText('Severity'), { target: { value: 'major' } });
    type(form, 'Reported to (department head or manager)', '王经理');
    type(form, 'Reported at', '2026-11-27T09:00');
    await save(form, 'Edit details');
    expect(sent).toEqual([
      [
        'complaints.edit',
        { id: 'cmp-1', since: 1, fields: { wants: 'Refund and an apology', severity: 'major' }, escalation: { to: '王经理', at: '2026-11-27T01:00:00.000Z' } },
      ],
    ]);
  });
});
