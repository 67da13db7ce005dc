// P9: what reading numbers with the numbering plans costs. `npm run bench -- phone-keys` prints
//   normalise_us: one typed number to its E.164 key (autosave pays it when the phone field changes)
//   migration_0120_ms: re-keying a database of 100,000 calls (typed numbers of 20,000 customers,
//     digits-only keys as before) and merging the cards that coincide
import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { fillDemoData } from '../../electron/core/db/demo-data';
import { legacyPhoneKey, normalisePhone } from '../../shared/domain/phone';

const typed = Array.from({ length: 20_000 }, (_, i) => {
  const d = String(i).padStart(8, '0');
  return [`138 ${d.slice(0, 4)} ${d.slice(4)}`, `0571-${d}`, `+86 10 ${d}`, `(+852) 9${d.slice(1, 4)} ${d.slice(4)}`][i % 4]!;
});
for (const t of typed.slice(0, 2_000)) normalisePhone(t);
let t0 = performance.now();
for (const t of typed) normalisePhone(t);
console.log(`normalise_us: ${(((performance.now() - t0) * 1000) / typed.length).toFixed(1)} us`);

const db = new Database(':memory:');
migrate(
  db,
  migrations.filter((m) => m.version < 120),
);
fillDemoData(db, { calls: 100_000, now: new Date('2026-12-01T00:00:00Z'), seed: 7 });
// the keys as the digits-only normaliser wrote them
db.function('legacy_key', { deterministic: true }, (p: unknown) => legacyPhoneKey(String(p)));
for (const table of ['calls', 'complaints', 'callbacks']) db.exec(`UPDATE ${table} SET phone_norm = legacy_key(phone) WHERE phone_norm <> ''`);
db.exec('UPDATE customers SET phone_norm = legacy_key(phone)');
t0 = performance.now();
const cpu0 = process.cpuUsage();
migrate(db, migrations);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const count = (sql: string) => db.prepare(sql).pluck().get() as number;
console.log(`migration_0120_ms: ${Math.round(ms)} ms`);
// the wall time on a busy shared machine says little: the CPU time is what the migration costs
console.log(`migration_0120_cpu_ms: ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
console.log(`migration_0120_customers: ${count('SELECT count(*) FROM customers')} cards`);
console.log(`migration_0120_merges: ${count('SELECT count(*) FROM card_merges')} merges`);
db.close();
