// Crash safety: a child process writing calls and autosaves through the dispatcher
// is killed with SIGKILL at random moments, again and again, on one database. After each kill the
// database must pass integrity_check and hold every write the child acknowledged before it died.
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CrashReport {
  kills: number;
  /** kills that landed after the child had acknowledged at least one write in that run */
  killsAfterWrites: number;
  acknowledged: number;
  lostAcknowledged: number;
  integrityFailures: string[];
  seconds: number;
}

/** Bundles the child with esbuild (as build/scripts/bench.mjs bundles benchmarks) inside the project. */
export async function buildCrashChild(root = process.env.CALL_CONSOLE_ROOT ?? process.cwd()): Promise<string> {
  const out = join(root, '.cache', 'crash');
  mkdirSync(out, { recursive: true });
  const outfile = join(out, `crash-child-${process.pid}.cjs`);
  await build({
    entryPoints: [join(root, 'test', 'helpers', 'crash-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

interface Child {
  /** tells the waiting child to open the database and start writing; kills it after `delayMs` */
  run(delayMs: number, acked: Map<string, number>, from: 'go' | 'ready'): Promise<{ wrote: boolean; stderr: string }>;
}

/** A child started and loaded, waiting for "go" on stdin (so its start-up cost overlaps the checks). */
function startChild(childFile: string, dbFile: string): Child {
  const child = spawn(process.execPath, [childFile, dbFile], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  let wrote = false;
  let acked: Map<string, number> | undefined;
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line === 'loaded') markLoaded();
      if (line === 'ready') markReady();
      const match = /^ack (\S+) (\d+)$/.exec(line);
      if (match && acked) {
        wrote = true;
        acked.set(match[1]!, Math.max(acked.get(match[1]!) ?? -1, Number(match[2])));
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close': the process is gone AND its pipes are drained, so every line it printed is counted
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  void closed.then(() => {
    markLoaded(); // a child that died while loading or opening is not waited for
    markReady();
  });
  child.stdin.on('error', () => undefined);
  return {
    run: async (delayMs, into, from) => {
      await loaded;
      acked = into;
      child.stdin.write('go\n');
      if (from === 'ready') await ready;
      const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      await closed;
      clearTimeout(timer);
      return { wrote, stderr };
    },
  };
}

/** After a kill: integrity and every acknowledged write, checked the way the app opens the file. */
function verify(dbFile: string, acked: Map<string, number>): { lost: number; integrity: string } {
  if (!existsSync(dbFile)) return { lost: acked.size, integrity: 'ok' }; // killed before the file existed
  const db = new Database(dbFile);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const migrated = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'calls'").get() !== undefined;
    if (!migrated) return { lost: acked.size, integrity }; // killed before the first migration committed
    const details = db.prepare('SELECT details FROM calls WHERE id = ?').pluck();
    let lost = 0;
    for (const [id, version] of acked) {
      const stored = details.get(id) as string | undefined;
      const storedVersion = stored === undefined ? -1 : stored === '' ? 0 : Number(/^v(\d+) /.exec(stored)?.[1] ?? -1);
      if (storedVersion < version) lost += 1;
    }
    return { lost, integrity };
  } finally {
    db.close();
  }
}

export async function runCrashKills({
  kills,
  maxDelayMs = 100,
  spares = 3,
  log = () => undefined,
}: {
  kills: number;
  maxDelayMs?: number;
  spares?: number;
  log?: (line: string) => void;
}): Promise<CrashReport> {
  const started = Date.now();
  const childFile = await buildCrashChild();
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-crash-')), 'console.db');
  const acked = new Map<string, number>();
  const report: CrashReport = { kills: 0, killsAfterWrites: 0, acknowledged: 0, lostAcknowledged: 0, integrityFailures: [], seconds: 0 };
  // a few children loaded ahead, so their start-up cost overlaps the kills and checks before them
  const ready = Array.from({ length: spares }, () => startChild(childFile, dbFile));
  for (let i = 0; i < kills; i++) {
    const current = ready.shift()!;
    // a random moment: one kill in five while opening (integrity check, migrations, the daily
    // backup), the others while writing calls and autosaves
    const delay = Math.floor(Math.random() * maxDelayMs);
    const running = current.run(delay, acked, Math.random() < 0.2 ? 'go' : 'ready');
    ready.push(startChild(childFile, dbFile)); // loads Node and the bundle meanwhile; waits for its "go"
    const run = await running;
    if (run.stderr.trim()) throw new Error(`the crash child failed by itself (not killed): ${run.stderr.trim()}`);
    report.kills += 1;
    if (run.wrote) report.killsAfterWrites += 1;
    const { lost, integrity } = verify(dbFile, acked);
    if (integrity !== 'ok') report.integrityFailures.push(`kill ${i + 1}: ${integrity}`);
    report.lostAcknowledged = Math.max(report.lostAcknowledged, lost);
    if ((i + 1) % 50 === 0) log(`crash: ${i + 1}/${kills} kills, ${acked.size} calls acknowledged`);
  }
  for (const spare of ready) await spare.run(0, new Map(), 'go'); // the spares: killed before they open anything
  rmSync(childFile, { force: true });
  report.acknowledged = [...acked.values()].reduce((n, v) => n + v + 1, 0);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
