import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../../../electron/core/entry/start-core';
import { createFileLogger } from '../../../../../electron/core/infra/logger';
import { migrations } from '../../../../../electron/core/db/migrations';
import { call, fixedClock } from '../../../../helpers/core';
import { diagnosticSummary } from '../../../../../renderer/features/about/summary';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'call-console-diag-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('reports the database file, its sizes, schema version, last backup and log folder, and no customer data', async () => {
  const dbFile = join(dir, 'console.db');
  const logger = createFileLogger({ dir: join(dir, 'logs') });
  const core = startCore({ dbFile, transport: 'browser', version: '1.2.3', logger, clock: fixedClock('2026-11-27T02:00:00.000Z') });
  await core.backup;
  const agent = await call(core, 'agents.add', { name: '司马光明', role: 'agent' });
  await call(core, 'session.signIn', { agentId: agent.id });
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { callerName: '欧阳修文', phone: '13711112222' } });

  const d = await call(core, 'about.diagnostics', {});
  expect(d).toMatchObject({
    version: '1.2.3',
    transport: 'browser',
    database: { path: dbFile, schemaVersion: Math.max(...migrations.map((m) => m.version)) },
    backups: { folder: join(dir, 'backups'), keep: 7, last: { file: join(dir, 'backups', 'console-2026-11-27.db') } },
    logs: { folder: join(dir, 'logs'), failedWrites: 0 },
    generatedAt: '2026-11-27T02:00:00.000Z',
  });
  expect(d.database.sizeBytes).toBeGreaterThan(0);
  expect(d.database.walBytes).toBeGreaterThan(0);

  const everything = JSON.stringify(d) + diagnosticSummary(d);
  for (const secret of ['司马光明', '欧阳修文', '13711112222']) expect(everything).not.toContain(secret);
  expect(diagnosticSummary(d)).toContain(`database.path: ${dbFile}`);
  core.close();
});
