// What logging costs a call: log_line_p99_us is one line appended (sanitised, JSON, appendFileSync)
// including rotations at 1 MB; dispatch_debug_log_overhead_p50_us compares calls.listDay through a
// core that logs every call (debug level) with one that logs nothing.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogger, nullLogger } from '../../electron/core/infra/logger';
import { startCore } from '../../electron/core/entry/start-core';
import { figure, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 20000);
const dir = mkdtempSync(join(tmpdir(), 'cc-bench-log-'));
const logger = createFileLogger({ dir: join(dir, 'logs'), level: 'debug' });

const samples: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const t = process.hrtime.bigint();
  logger.debug('call', { method: 'calls.update', ms: 0.123 + i, code: 'validation' });
  samples.push(Number(process.hrtime.bigint() - t) / 1e3);
}
figure('log_line_p50_us', percentile(samples, 50), 'us');
figure('log_line_p99_us', percentile(samples, 99), 'us');
figure('log_files_after_rounds', readdirSync(join(dir, 'logs')).length, 'files', 0);

async function timeDispatch(withLog: boolean): Promise<number[]> {
  const core = startCore({
    dbFile: join(dir, `${withLog ? 'log' : 'nolog'}.db`),
    transport: 'browser',
    version: 'bench',
    logger: withLog ? createFileLogger({ dir: join(dir, 'logs2'), level: 'debug' }) : nullLogger,
  });
  await core.backup;
  const out: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t = process.hrtime.bigint();
    await core.dispatch('calls.listDay', {});
    out.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  core.close();
  return out;
}
void (async () => {
  const plain = await timeDispatch(false);
  const logged = await timeDispatch(true);
  figure('dispatch_debug_log_overhead_p50_us', percentile(logged, 50) - percentile(plain, 50), 'us');
})();
