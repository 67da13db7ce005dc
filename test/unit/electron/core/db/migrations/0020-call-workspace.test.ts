import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { scriptContentSchema } from '../../../../../../shared/schemas/script';

test('0020/0021: existing calls gain script columns with safe defaults; default scripts and outcomes are seeded', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 20),
  );
  db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, rang_at, created_at, updated_at)
     VALUES ('0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', 'inbound', 'completed', '王芳', '138 0013 8000', '13800138000', 'a', 'b', 'c')`,
  ).run();
  migrate(
    db,
    migrations.filter((m) => m.version <= 21),
  );
  expect(schemaVersion(db)).toBe(21);
  expect(db.prepare('SELECT caller_name, late_answer, script_version_id, checklist, disposition_id FROM calls').get()).toEqual({
    caller_name: '王芳',
    late_answer: 0,
    script_version_id: null,
    checklist: '{}',
    disposition_id: null,
  });
  const scripts = db.prepare('SELECT language, version, content FROM script_versions ORDER BY language').all() as {
    language: string;
    version: number;
    content: string;
  }[];
  expect(scripts.map((s) => [s.language, s.version])).toEqual([
    ['en', 1],
    ['zh-CN', 1],
  ]);
  for (const s of scripts) {
    const content = scriptContentSchema.parse(JSON.parse(s.content)); // valid, no unknown placeholder
    const [greeting, , readback, , closing] = content.steps;
    expect(greeting!.lines[0]).toContain('{company}'); // P2
    expect(greeting!.lateLines.length).toBeGreaterThan(0); // P1
    for (const p of ['{caller.phone}', '{caller.name}', '{caller.address}', '{subject}']) expect(readback!.lines.join()).toContain(p); // P6
    expect(closing!.lines.at(-1)).toMatch(s.language === 'en' ? /thank you for calling!$/ : /谢谢您的来电！$/); // P3: last sentence
    expect(closing!.checklist.map((c) => c.key)).toContain('hungUpFirst'); // P7
  }
  expect(db.prepare('SELECT count(*) FROM dispositions WHERE active = 1').pluck().get()).toBeGreaterThan(3);
  expect(() =>
    db
      .prepare("INSERT INTO call_events (id, call_id, kind, data, created_at) VALUES ('e', '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', 'escalated', '{}', 'x')")
      .run(),
  ).not.toThrow();
  expect(() => db.prepare("UPDATE call_events SET kind = 'x'").run()).toThrow(/append-only/);
  db.close();
});

test('0021 on a version-20 database: seeds scripts and outcomes, and calls can point at them', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 21),
  );
  expect(db.prepare('SELECT count(*) FROM script_versions').pluck().get()).toBe(0);
  migrate(
    db,
    migrations.filter((m) => m.version <= 21),
  );
  const zh = db.prepare("SELECT id FROM script_versions WHERE language = 'zh-CN'").pluck().get() as string;
  db.prepare(
    `INSERT INTO calls (id, direction, status, rang_at, created_at, updated_at, script_version_id, disposition_id)
     VALUES ('0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', 'inbound', 'completed', 'a', 'b', 'c', ?, (SELECT id FROM dispositions ORDER BY sort LIMIT 1))`,
  ).run(zh);
  expect(db.prepare('SELECT count(*) FROM calls WHERE script_version_id IS NOT NULL AND disposition_id IS NOT NULL').pluck().get()).toBe(1);
  expect(() => db.prepare("UPDATE calls SET script_version_id = 'nope'").run()).toThrow(/FOREIGN KEY/);
  db.close();
});
