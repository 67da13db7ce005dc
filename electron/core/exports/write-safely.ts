// Invariant: an export file appears under its real name only when it is complete, and never in
// place of an existing file. It is written to a hidden temporary name in the target folder and
// linked to its name at the end (a hard link fails when the name is taken, so a second export of
// the same period gets "-2", "-3" … instead of replacing the first); on any failure or cancel the
// temporary file is removed, so an unwritable folder or a full disk leaves no half file.
import { closeSync, createWriteStream, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';

/** Tests inject a stream that fails to simulate a full disk. */
export type OpenStream = (path: string) => Writable;
// a large buffer lets the disk write one batch while the next is formatted
export const openFileStream: OpenStream = (path) => createWriteStream(path, { flags: 'wx', highWaterMark: 4 * 1024 * 1024 });

export function ioError(folder: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  return new AppError('io', `Cannot write into the folder ${folder}: ${reason}`);
}

/** Creates the folder if needed and proves it takes a file (permissions, read-only media, ENOTDIR). */
export function ensureWritableFolder(folder: string, probeName: string): void {
  const probe = join(folder, `.${probeName}.probe`);
  try {
    makeFolder(folder);
    writeFileSync(probe, 'ok', { flag: 'wx' });
  } catch (err) {
    throw ioError(folder, err);
  } finally {
    removeQuietly(probe);
  }
}

/** mkdir -p without { recursive: true }, which never returns on some paths (e.g. under /proc) */
function makeFolder(folder: string): void {
  try {
    mkdirSync(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // a file there fails at the probe with ENOTDIR
    const parent = dirname(folder);
    if (code !== 'ENOENT' || parent === folder) throw err;
    makeFolder(parent);
    mkdirSync(folder);
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing was created there (e.g. the "folder" is a file)
  }
}

/** "calls-2026-10.csv" → "calls-2026-10-2.csv" (n ≥ 2) */
export function numbered(path: string, n: number): string {
  if (n < 2) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${n}${ext}`;
}

export class SafeFile {
  /** the name asked for; after commit() the name it got */
  final: string;
  readonly partial: string;
  readonly stream: Writable;
  private failure: unknown = null;
  private readonly folder: string;

  constructor(final: string, tag: string, open: OpenStream = openFileStream) {
    this.final = final;
    this.folder = dirname(final);
    this.partial = join(this.folder, `.${basename(final)}.${tag}.partial`);
    try {
      this.stream = open(this.partial);
    } catch (err) {
      throw ioError(this.folder, err);
    }
    this.stream.on('error', (err) => {
      this.failure ??= err;
    });
  }

  /** rejects as soon as the stream fails (for racing a writer that would otherwise wait forever) */
  failed(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.failure) return reject(ioError(this.folder, this.failure));
      this.stream.once('error', (err) => reject(ioError(this.folder, err)));
    });
  }

  /** throws the stream's error, if it had one */
  check(): void {
    if (this.failure) throw ioError(this.folder, this.failure);
  }

  async write(chunk: string | Buffer): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) await this.drained();
    this.check();
  }

  /** waits until the stream has room again (or failed) */
  drained(): Promise<void> {
    if (this.failure || !this.stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  /** ends the stream (unless someone else ends it) and waits until the data is on disk */
  async finish(endIt = true): Promise<void> {
    this.check();
    await new Promise<void>((resolve) => {
      if (this.stream.closed || this.stream.destroyed) return resolve();
      this.stream.once('close', () => resolve());
      this.stream.once('error', () => resolve());
      if (endIt) this.stream.end();
    });
    this.check();
    try {
      const fd = openSync(this.partial, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      throw ioError(this.folder, err);
    }
  }

  /** Gives the file its name, or the first free numbered one; never replaces an existing file. */
  commit(): void {
    const wanted = this.final;
    for (let n = 1; n < 10_000; n++) {
      const name = numbered(wanted, n);
      try {
        linkSync(this.partial, name);
        removeQuietly(this.partial);
        this.final = name;
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // file systems without hard links (FAT/exFAT sticks): check, then rename
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV') {
          if (existsSync(name)) continue;
          try {
            renameSync(this.partial, name);
            this.final = name;
            return;
          } catch (again) {
            throw ioError(this.folder, again);
          }
        }
        throw ioError(this.folder, err);
      }
    }
    throw ioError(this.folder, new Error('no free file name'));
  }

  /** Windows cannot delete an open file: close it first, then remove it. */
  async abort(): Promise<void> {
    if (!this.stream.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        this.stream.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        this.stream.destroy();
      });
    }
    removeQuietly(this.partial);
  }
}
