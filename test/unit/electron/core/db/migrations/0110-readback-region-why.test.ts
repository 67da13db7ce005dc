import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

const before110 = migrations.filter((m) => m.version < 110);
const upTo110 = migrations.filter((m) => m.version <= 110);

function fresh(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before110);
  return db;
}

const content = (db: Database.Database, language: string, version: number) =>
  JSON.parse(db.prepare('SELECT content FROM script_versions WHERE language = ? AND version = ?').pluck().get(language, version) as string) as {
    steps: { key: string; lines: string[]; checklist: unknown[] }[];
  };

test('0110 adds version 2 of each shipped script whose read-back also reads the region and why they call (P6)', () => {
  const db = fresh();
  const v1 = { zh: content(db, 'zh-CN', 1), en: content(db, 'en', 1) };
  expect(migrate(db, upTo110)).toEqual([110]);
  expect(schemaVersion(db)).toBe(110);
  for (const [language, old] of [
    ['zh-CN', v1.zh],
    ['en', v1.en],
  ] as const) {
    const next = content(db, language, 2);
    expect(next.steps[2]!.key).toBe('readback');
    expect(next.steps[2]!.lines[0]).toContain('{caller.region}');
    expect(next.steps[2]!.lines[0]).toContain('{wants}');
    // everything else is the version it came from, and version 1 is untouched (old calls show it)
    expect({ ...next, steps: next.steps.filter((s) => s.key !== 'readback') }).toEqual({ ...old, steps: old.steps.filter((s) => s.key !== 'readback') });
    expect(content(db, language, 1)).toEqual(old);
  }
  db.close();
});

test('0110 leaves a script the team already edited alone', () => {
  const db = fresh();
  db.prepare(
    "INSERT INTO script_versions (id, language, version, content, created_at, created_by) SELECT 'edited-en', 'en', 2, content, '2026-12-01T00:00:00.000Z', 'lead' FROM script_versions WHERE language = 'en' AND version = 1",
  ).run();
  migrate(db, upTo110);
  expect(db.prepare("SELECT id FROM script_versions WHERE language = 'en' ORDER BY version").pluck().all()).toEqual([
    '01930000-0000-7000-8000-000000000002',
    'edited-en',
  ]);
  expect(db.prepare("SELECT count(*) FROM script_versions WHERE language = 'zh-CN'").pluck().get()).toBe(2);
  db.close();
});
