// About / diagnostics: facts about this installation for IT. Invariant: nothing here reads a
// customer row; only file sizes, paths, versions, the schema version and the managed config.
import { statSync } from 'node:fs';
import type { Diagnostics, aboutContract } from '../../../shared/contract/about';
import { backupDir, lastBackup } from '../db/backup';
import type { DomainHandlers, ServiceContext } from '../context';
import type { RuntimeInfo } from '../context';

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

export function diagnostics(ctx: ServiceContext, runtime: RuntimeInfo): Diagnostics {
  const { dbFile, managed, logger } = runtime;
  const inMemory = dbFile === ':memory:';
  const { leadPinHash, ...effective } = managed.config;
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    version: ctx.info.version,
    transport: ctx.info.transport,
    platform: process.platform,
    arch: process.arch,
    runtime: { node: versions.node, electron: versions.electron ?? null, chrome: versions.chrome ?? null },
    database: {
      path: dbFile,
      sizeBytes: inMemory ? null : sizeOf(dbFile),
      walBytes: inMemory ? null : (sizeOf(`${dbFile}-wal`) ?? 0),
      schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
    },
    backups: {
      folder: inMemory ? null : backupDir(dbFile),
      keep: runtime.backupKeep,
      last: inMemory ? null : lastBackup(dbFile),
    },
    managedConfig: {
      file: managed.file,
      found: managed.found,
      problems: managed.problems,
      effective: { ...effective, locked: [...effective.locked], leadPinSet: leadPinHash !== null },
    },
    logs: { folder: logger.dir, failedWrites: logger.failedWrites },
    generatedAt: ctx.clock.now().toISOString(),
  };
}

export function aboutHandlers(ctx: ServiceContext): DomainHandlers<typeof aboutContract> {
  return {
    'about.diagnostics': () => {
      if (!ctx.runtime) throw new Error('about.diagnostics needs the runtime info from startCore');
      return diagnostics(ctx, ctx.runtime);
    },
  };
}
