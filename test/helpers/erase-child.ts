// The process the erasure crash test kills (test/unit/electron/core/privacy/erasure-crash.test.ts).
// It erases a customer through the real dispatcher and stops before the erasure's first file job
// (the core's beforeScrub hook), printing:
//   erased <record JSON>   the answer came back: the row transaction has committed
//   paused                 the file work is about to start and waits here forever
// The test SIGKILLs it once both lines are out: killed exactly between the two steps, no timing.
// With a fifth argument `slices` it does not pause: the background work runs in tiny slices and
// each committed slice prints `slice <mentions|index>`, so the test can kill it in the middle of the
// search index rewrite.
import { startCore } from '../../electron/core/entry/start-core';
import { createFileLogger } from '../../electron/core/infra/logger';

const [dbFile, workerFile, logDir, phone, mode] = process.argv.slice(2);
if (!dbFile || !workerFile || !logDir || !phone) throw new Error('usage: erase-child <dbFile> <scrubWorker> <logDir> <phone> [slices]');

async function main(): Promise<void> {
  const core = startCore({
    dbFile: dbFile!,
    transport: 'browser',
    version: 'crash',
    logger: createFileLogger({ dir: logDir!, level: 'debug' }),
    scrubWorkerFile: workerFile!,
    ...(mode === 'slices'
      ? { scrubSlice: { ms: 1, onSlice: (kind: string) => void process.stdout.write(`slice ${kind}\n`) } }
      : {
          beforeScrub: () => {
            process.stdout.write('paused\n');
            return new Promise<void>(() => undefined);
          },
        }),
  });
  await core.backup;
  const ok = async (method: string, input: unknown) => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const [lead] = (await ok('agents.list', {})) as { id: string }[];
  await ok('session.signIn', { agentId: lead!.id });
  await ok('lead.unlock', { pin: '864200' });
  const record = await ok('privacy.eraseCustomer', { phone: phone!, reason: 'asked to be forgotten' });
  process.stdout.write(`erased ${JSON.stringify(record)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`erase-child: ${String(err)}\n`);
  process.exit(1);
});
