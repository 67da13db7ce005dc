// P9 in team mode: a desk still on an older version sends digits-only number keys; pulled rows are
// keyed here from the typed number, so the card meets its twin and the history finds every call.
import { call, memoryCore } from '../../../../helpers/core';
import { applyBatch, applyChange, type IncomingChange } from '../../../../../electron/core/sync/local';
import { newId } from '../../../../../electron/core/infra/ids';

const T = '2026-11-20T02:00:00.000Z';
let pos = 0;
const change = (kind: string, row: Record<string, unknown>, extra: Record<string, unknown> = {}): IncomingChange => ({
  pos: ++pos,
  xid: String(pos),
  id: newId(),
  workstation: 'old-desk',
  kind,
  body: { ref: row.id ?? row.key, row, ...extra },
});

test('a card and a call pulled with digits-only keys land on the card of the same number here', async () => {
  const core = memoryCore();
  const mine = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: mine.id, fields: { phone: '+86 10 6655 4433', callerName: '张伟' } });
  await call(core, 'calls.end', { id: mine.id });
  const remoteCall = newId();
  applyBatch(
    core.db,
    'this-desk',
    'e1',
    [
      change(
        'customers',
        {
          id: 'remote-card',
          phone: '010-6655-4433 转 12',
          phone_norm: '0106655443312',
          name: '',
          region: '',
          address: '朝阳路1号',
          created_at: T,
          updated_at: T,
        },
        { times: { address: '2030-01-01T00:00:00.000Z' } },
      ),
      change('calls', {
        id: remoteCall,
        direction: 'inbound',
        status: 'completed',
        agent_id: null,
        agent_name: '李强',
        customer_id: 'remote-card',
        caller_name: '张伟',
        phone: '010-6655-4433 转 12',
        phone_norm: '0106655443312',
        rang_at: T,
        created_at: T,
        updated_at: T,
      }),
    ],
    T,
  );
  const cards = core.db.prepare('SELECT id, phone_norm, name, address FROM customers').all() as { id: string }[];
  expect(cards).toEqual([{ id: expect.any(String), phone_norm: '+861066554433', name: '张伟', address: '朝阳路1号' }]);
  expect(core.db.prepare('SELECT customer_id, phone_norm, phone_ext FROM calls WHERE id = ?').get(remoteCall)).toEqual({
    customer_id: cards[0]!.id,
    phone_norm: '+861066554433',
    phone_ext: '12',
  });
  const history = await call(core, 'calls.history', { phone: '0086 10 6655 4433' });
  expect(history.calls.map((c) => c.id).sort()).toEqual([mine.id, remoteCall].sort());
  core.close();
});

test('the team chose another default region: a pulled setting re-keys this desk numbers', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { phone: '2123 4567' } });
  applyBatch(core.db, 'this-desk', 'e1', [change('settings', { key: 'phone.defaultRegion', value: 'HK' })], T);
  expect((await call(core, 'settings.get', {})).phoneRegion).toBe('HK');
  expect(core.db.prepare('SELECT phone_norm FROM calls WHERE id = ?').pluck().get(c.id)).toBe('+85221234567');
  core.close();
});

// A run of pulled calls and call events is applied by one statement (a desk joining a team applies
// a million): the records it leaves must be exactly those applying the changes one by one leaves.
test('a run of pulled calls and call events leaves what applying them one by one leaves', async () => {
  const callRow = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    direction: 'inbound',
    status: 'completed',
    agent_id: 'remote-agent',
    agent_name: 'Test Agent',
    customer_id: null,
    caller_name: '张伟',
    phone: '138 0013 8000',
    phone_norm: '13800138000',
    subject: '退款 refund',
    rang_at: T,
    created_at: T,
    updated_at: T,
    late_answer: 0,
    ...extra,
  });
  const [a, twice, there, erased, noDesk] = [newId(), newId(), newId(), newId(), newId()];
  const earlier = [
    // the same agent on two desks: an alias sends the remote agent's records to this desk's agent
    change('agents', { id: 'remote-agent', name: 'test agent', role: 'agent', active: 1, created_at: T }),
    change('calls', callRow(there, { subject: 'first version' })),
  ];
  const run = [
    change('calls', callRow(a, { workstation: 'desk_9', future_column: 'a newer version sends more' })),
    change('calls', callRow(twice, { subject: 'typed' })),
    change('calls', callRow(there, { subject: 'second version' })),
    change('calls', callRow(twice, { subject: 'typed, then corrected', updated_at: '2026-11-20T02:05:00.000Z' })),
    change('calls', callRow(erased, { caller_name: '王芳', address: '西湖区文三路 90 号', erased_at: T })),
    change('calls', callRow(noDesk, { phone: '010-6655-4433 转 12', phone_norm: '0106655443312' })),
    change('call_events', { id: 'ev-1', call_id: a, kind: 'answered', agent_id: 'remote-agent', agent_name: 'Test Agent', data: '{}', created_at: T }),
    change('call_events', { id: 'ev-1', call_id: a, kind: 'answered', agent_id: null, agent_name: 'again', data: '{}', created_at: T }),
    change('call_events', { id: 'ev-2', call_id: erased, kind: 'note', agent_id: null, agent_name: '', data: '{"text":"王芳 13800138000"}', created_at: T }),
  ];
  // each desk made its own agent: compared by name
  const dump = (core: ReturnType<typeof memoryCore>) =>
    JSON.stringify([
      core.db.prepare('SELECT * FROM calls ORDER BY id').all(),
      core.db.prepare('SELECT * FROM call_events ORDER BY id').all(),
      core.db.prepare('SELECT kind, ref_id, body FROM search_docs ORDER BY ref_id').all(),
    ]).replaceAll(core.db.prepare("SELECT id FROM agents WHERE name = 'Test Agent'").pluck().get() as string, 'this desk agent');
  const desks = [memoryCore(), memoryCore()];
  for (const core of desks) {
    applyBatch(core.db, 'this-desk', 'e1', earlier, T);
    core.db.prepare("INSERT INTO sync_erased_refs (kind, ref) VALUES ('calls', ?)").run(erased);
  }
  const [together, oneByOne] = desks as [ReturnType<typeof memoryCore>, ReturnType<typeof memoryCore>];
  applyBatch(together.db, 'this-desk', 'e1', run, T);
  for (const c of run) {
    oneByOne.db.transaction(() => {
      oneByOne.db.pragma('defer_foreign_keys = ON');
      oneByOne.db.prepare('UPDATE sync_state SET mode = 2').run();
      applyChange(oneByOne.db, 'this-desk', c);
      oneByOne.db.prepare('UPDATE sync_state SET mode = 1').run();
    })();
  }
  expect(JSON.parse(dump(together))).toEqual(JSON.parse(dump(oneByOne)));
  // what an agent sees: the corrected version, this desk's agent, the sender's desk, the erased caller gone
  const local = together.db.prepare("SELECT id FROM agents WHERE name = 'Test Agent'").pluck().get();
  const rows = together.db.prepare('SELECT id, subject, agent_id, workstation, caller_name, phone_norm, phone_ext FROM calls').all() as Record<
    string,
    unknown
  >[];
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  expect(byId[twice]).toMatchObject({ subject: 'typed, then corrected', agent_id: local, workstation: 'old-desk' });
  expect(byId[there]).toMatchObject({ subject: 'second version' });
  expect(byId[a]).toMatchObject({ workstation: 'desk_9', phone_norm: '+8613800138000' });
  expect(byId[noDesk]).toMatchObject({ phone_norm: '+861066554433', phone_ext: '12' });
  expect(byId[erased]!.caller_name).not.toBe('王芳');
  expect(together.db.prepare("SELECT data FROM call_events WHERE id = 'ev-2'").pluck().get()).not.toContain('王芳');
  expect(together.db.prepare("SELECT agent_name FROM call_events WHERE id = 'ev-1'").pluck().get()).toBe('Test Agent');
  for (const core of desks) core.close();
});
