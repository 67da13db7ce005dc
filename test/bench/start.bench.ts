// start_ready_ms: from starting browser mode (a fresh process) to its first answered API call, on
// databases of 0, 100,000 and 1,000,000 calls (BENCH_START_SIZES to change them). Checks that read
// the whole file (quick_check) must run after the first answer, so the figure must not grow with the
// file. Also prints the file size per call. Needs `npm run build:node` (npm run bench does it).
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabase, settled } from './bench-db';
import { startCore } from '../../electron/core/entry/start-core';
import { figure, ms } from './stats';

const sizes = (process.env.BENCH_START_SIZES ?? `0,100000,${process.env.BENCH_CALLS ?? 1000000}`).split(',').map(Number);
const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const root = process.env.CALL_CONSOLE_ROOT ?? process.cwd();

/** One cold start: spawn → "on http://…#token=…" → POST /api/app.info answered. */
async function startOnce(dbFile: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, 'dist/node/browser.js'), '--db', dbFile, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CALL_CONSOLE_LOG_DIR: mkdtempSync(join(tmpdir(), 'cc-bench-start-logs-')) },
  });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(new URL(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before it served: ${out}`)));
    });
    const token = /token=([^&]+)/.exec(url.hash)?.[1] ?? '';
    const response = await fetch(new URL('/api/app.info', url.origin), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { ok: boolean };
    if (!body.ok) throw new Error(`app.info failed: ${JSON.stringify(body)}`);
    return ms(started);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  for (const size of sizes) {
    // the cached bench database of that size (bench-db.ts); an empty one is made fresh
    let dbFile = join(mkdtempSync(join(tmpdir(), 'cc-bench-start-')), 'start.db');
    if (size > 0) dbFile = benchDatabase(size).file;
    else startCore({ dbFile, transport: 'browser', version: 'bench' }).close();
    // The day's backup is made (and verified) before the measured starts: a start killed right after
    // its first answer never finishes it, so each start would copy the whole file again meanwhile.
    (await settled(startCore({ dbFile, transport: 'browser', version: 'bench' }))).close();
    await startOnce(dbFile);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await startOnce(dbFile));
    const label = size >= 1_000_000 ? `${size / 1_000_000}m` : size >= 1000 ? `${size / 1000}k` : String(size);
    figure(`start_ready_ms_${label}`, Math.min(...times), 'ms', 0);
    if (size > 0) figure(`start_file_bytes_per_call_${label}`, statSync(dbFile).size / size, 'bytes', 0);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
