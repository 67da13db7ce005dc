// 0120: numbers are keyed in E.164; cards that turn out to hold one number are merged (newest
// value per field, records follow the survivor), each merge recorded so a lead can undo it.
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { renormalisePhones, unmergeCard } from '../../../../../../electron/core/customers/merges';

const T = (day: number) => `2026-11-0${day}T02:00:00.000Z`;

function legacyDatabase() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 120),
  );
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES ('a1', '王芳', ?)").run(T(1));
  const card = db.prepare('INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // one Beijing landline, two cards under the old digits-only keys
  card.run('kA', '010-6655-4433', '01066554433', '张伟', '北京', '', T(1), T(1));
  card.run('kB', '+86 10 6655 4433', '861066554433', '', '', '朝阳路1号', T(3), T(5));
  card.run('kC', '138 0013 8000', '13800138000', '李娜', '', '', T(2), T(2));
  card.run('kD', '95588', '95588', '银行', '', '', T(2), T(2));
  const callRow = db.prepare(
    "INSERT INTO calls (id, direction, status, agent_id, customer_id, phone, phone_norm, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'completed', 'a1', ?, ?, ?, ?, ?, ?)",
  );
  callRow.run('c1', 'kA', '010-6655-4433', '01066554433', T(1), T(1), T(1));
  callRow.run('c2', 'kB', '+86 10 6655 4433 转 12', '86106655443312', T(3), T(3), T(3));
  callRow.run('c3', 'kC', '+86 138 0013 8000', '13800138000', T(2), T(2), T(2));
  // an erased call keeps its empty key
  callRow.run('c4', null, '[已删除]', '', T(2), T(2), T(2));
  db.prepare(
    "INSERT INTO callbacks (id, customer_id, customer_name, phone, phone_norm, reason, due_at, created_at, updated_at) VALUES ('b1', 'kB', '', '(010) 66554433', '01066554433', '回访', ?, ?, ?)",
  ).run(T(9), T(3), T(3));
  db.prepare(
    "INSERT INTO phone_calls (id, source, call_id, from_number, from_norm, status, rang_at, created_at, updated_at) VALUES ('p1', 'http', 'x1', '+861066554433', '861066554433', 'ended', ?, ?, ?)",
  ).run(T(3), T(3), T(3));
  return db;
}

test('0120 re-keys every stored number in E.164, merges the two cards of one landline, and records the merge', () => {
  const db = legacyDatabase();
  // team mode on: the re-keying must not push every record again (each desk derives the same keys)
  db.prepare('UPDATE sync_state SET mode = 1').run();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 120),
    ),
  ).toEqual([120]);
  expect(schemaVersion(db)).toBe(120);
  expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);

  const cards = db.prepare('SELECT id, phone, phone_norm, name, region, address, updated_at FROM customers ORDER BY id').all();
  expect(cards).toEqual([
    // the first card survives; per field the newest non-empty value: name and region from kA, address from kB
    { id: 'kA', phone: '+86 10 6655 4433', phone_norm: '+861066554433', name: '张伟', region: '北京', address: '朝阳路1号', updated_at: T(5) },
    { id: 'kC', phone: '138 0013 8000', phone_norm: '+8613800138000', name: '李娜', region: '', address: '', updated_at: T(2) },
    // a short service number is no E.164 number: its digits stay its key
    { id: 'kD', phone: '95588', phone_norm: '95588', name: '银行', region: '', address: '', updated_at: T(2) },
  ]);
  const calls = db.prepare('SELECT id, customer_id, phone_norm, phone_ext FROM calls ORDER BY id').all();
  expect(calls).toEqual([
    { id: 'c1', customer_id: 'kA', phone_norm: '+861066554433', phone_ext: '' },
    // the extension is kept apart and is not part of the key
    { id: 'c2', customer_id: 'kA', phone_norm: '+861066554433', phone_ext: '12' },
    { id: 'c3', customer_id: 'kC', phone_norm: '+8613800138000', phone_ext: '' },
    { id: 'c4', customer_id: null, phone_norm: '', phone_ext: '' },
  ]);
  expect(db.prepare('SELECT customer_id, phone_norm FROM callbacks').get()).toEqual({ customer_id: 'kA', phone_norm: '+861066554433' });
  expect(db.prepare('SELECT from_norm FROM phone_calls').pluck().get()).toBe('+861066554433');

  const merge = db.prepare('SELECT * FROM card_merges').get() as Record<string, string>;
  expect(merge).toMatchObject({ why: 'migration', phone_norm: '+861066554433', survivor_id: 'kA', merged_id: 'kB', undone_at: null });
  expect(JSON.parse(merge.merged_card!)).toMatchObject({ id: 'kB', phone: '+86 10 6655 4433', address: '朝阳路1号' });
  expect(JSON.parse(merge.moved!)).toEqual({ calls: ['c2'], complaints: [], callbacks: ['b1'] });
  // team mode: records from other desks that still name kB land on kA
  expect(db.prepare("SELECT local_id FROM sync_alias WHERE kind = 'customers' AND remote_id = 'kB'").pluck().get()).toBe('kA');
  expect(db.prepare("SELECT value FROM settings WHERE key = 'phone.normalisedRegion'").pluck().get()).toBe('CN');
  expect(db.pragma('foreign_key_check')).toEqual([]);

  // the default region is a team setting now: it travels like the company name
  db.prepare("INSERT INTO settings (key, value) VALUES ('phone.defaultRegion', 'HK')").run();
  expect(db.prepare("SELECT ref FROM sync_outbox WHERE kind = 'settings'").pluck().all()).toEqual(['phone.defaultRegion']);
  db.close();
});

test('a merge is undone: the card and its records come back apart, and a later re-keying leaves them apart', () => {
  const db = legacyDatabase();
  migrate(db, migrations);
  const mergeId = db.prepare('SELECT id FROM card_merges').pluck().get() as string;
  const undone = unmergeCard(db, '2026-11-10T00:00:00.000Z', mergeId, { id: 'a1', name: '王芳', role: 'lead', active: true } as never, 'CN');
  expect(undone).toMatchObject({
    survivor: { id: 'kA' },
    merged: { id: 'kB', phone: '+86 10 6655 4433' },
    undoneAt: '2026-11-10T00:00:00.000Z',
    undoneBy: '王芳',
  });
  const cards = db.prepare("SELECT id, phone_norm, name, address FROM customers WHERE id IN ('kA', 'kB') ORDER BY id").all();
  expect(cards).toEqual([
    // the address the survivor took from kB goes back with it
    { id: 'kA', phone_norm: '+861066554433', name: '张伟', address: '' },
    // kept apart from the number's key: new calls of the number still go to kA
    { id: 'kB', phone_norm: '+861066554433#kB', name: '', address: '朝阳路1号' },
  ]);
  expect(db.prepare("SELECT customer_id FROM calls WHERE id = 'c2'").pluck().get()).toBe('kB');
  expect(db.prepare("SELECT customer_id FROM callbacks WHERE id = 'b1'").pluck().get()).toBe('kB');
  expect(db.prepare("SELECT count(*) FROM sync_alias WHERE remote_id = 'kB'").pluck().get()).toBe(0);
  expect(() => unmergeCard(db, '2026-11-11T00:00:00.000Z', mergeId, null, 'CN')).toThrow(/already undone/);
  // computing the keys again (another region change) does not merge them a second time
  db.transaction(() => renormalisePhones(db, '2026-11-12T00:00:00.000Z', 'CN', 'region'))();
  expect(db.prepare("SELECT count(*) FROM customers WHERE id IN ('kA', 'kB')").pluck().get()).toBe(2);
  expect(db.prepare('SELECT count(*) FROM card_merges').pluck().get()).toBe(1);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
