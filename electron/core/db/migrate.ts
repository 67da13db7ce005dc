// Invariant: the schema version in PRAGMA user_version only moves forward, one migration at a
// time, each inside a transaction; a database from a newer app is never touched.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { migrations as allMigrations, type Migration } from './migrations';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws db_newer before writing anything when the file comes from a newer app. */
export function refuseNewer(db: Database.Database, migrations: Migration[] = allMigrations): void {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'db_newer',
      `The database has schema version ${current}, newer than this app understands (${latest}). Update the app; the file was not changed.`,
    );
  }
}

export function migrate(db: Database.Database, migrations: Migration[] = allMigrations): number[] {
  refuseNewer(db, migrations);
  const applied: number[] = [];
  for (const step of migrations) {
    if (step.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      step.run?.(db);
      db.pragma(`user_version = ${step.version}`);
    })();
    applied.push(step.version);
  }
  return applied;
}
