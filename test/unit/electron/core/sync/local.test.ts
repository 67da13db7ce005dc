// P9 in team mode: a desk still on an older version sends digits-only number keys; pulled rows are
// keyed here from the typed number, so the card meets its twin and the history finds every call.
import { call, memoryCore } from '../../../../helpers/core';
import { applyBatch, type IncomingChange } from '../../../../../electron/core/sync/local';
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
