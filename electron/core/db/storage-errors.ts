// Storage trouble: a full disk, a locked or read-only database must reach the
// agent as a clear, typed error that says what to do, never as "internal". The renderer shows
// errors:rule.<rule> for these; the message is for logs and the command line. Whatever failed was
// not written (SQLite rolled the statement back) and the renderer keeps the unsaved typing.
import { AppError } from '../../../shared/errors';

export type StorageProblem = 'disk_full' | 'db_locked' | 'db_readonly' | 'db_io';

const messages: Record<StorageProblem, string> = {
  disk_full: 'The disk is full: nothing more can be saved. Free some space (or ask IT), then save again; what you typed is kept.',
  db_locked:
    'The database is locked by another program (another copy of Call Console, a backup or sync tool). Close it, then save again; what you typed is kept.',
  db_readonly:
    'The database or its folder cannot be written (read-only, missing, or no permission). Ask IT to make the data folder writable, or start with --db pointing at a writable folder; nothing was changed.',
  db_io: 'The disk reported an error while saving. Check the disk or network drive, then save again; what you typed is kept.',
};

/** The problem a SQLite or file-system error stands for, if it is one of ours. */
export function storageProblem(err: unknown): StorageProblem | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full/i.test(err.message)) return 'disk_full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'db_locked';
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return 'db_readonly';
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'db_io';
  return undefined;
}

/** An AppError (code db_unavailable, rule = the problem) for a storage error; undefined for anything else. */
export function storageError(err: unknown, where?: string): AppError | undefined {
  const problem = storageProblem(err);
  if (!problem) return undefined;
  const detail = where ? ` (${where}: ${(err as Error).message})` : ` (${(err as Error).message})`;
  return new AppError('db_unavailable', messages[problem] + detail, { rule: problem });
}
