// The process the crash test kills (test/helpers/crash-harness.ts). It types calls through the
// real dispatcher, as the renderer's autosave does, and prints one line after each write RETURNS:
//   ack <callId> <version>     (version 0 = calls.start, n = the n-th autosave of that call)
// A line on stdout is the acknowledgement the agent would have seen ("Saved"); stdout to a pipe is
// synchronous on Linux, so a printed line was written before the next statement runs.
import { startCore } from '../../electron/core/entry/start-core';

const dbFile = process.argv[2];
if (!dbFile) throw new Error('usage: crash-child <dbFile>');

async function main(): Promise<void> {
  const core = startCore({ dbFile: dbFile!, transport: 'browser', version: 'crash', backupKeep: 2 });
  const agents = await core.dispatch('agents.list', {});
  if (!agents.ok) throw new Error(JSON.stringify(agents.error));
  let agentId = (agents.value as { id: string }[])[0]?.id;
  if (!agentId) {
    const added = await core.dispatch('agents.add', { name: 'Crash Agent' });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    agentId = (added.value as { id: string }).id;
  }
  await core.dispatch('session.signIn', { agentId });
  process.stdout.write('ready\n');
  const words = '客户来电询问发票寄送进度 customer asks about the invoice '.split(' ');
  for (;;) {
    const started = await core.dispatch('calls.start', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const id = (started.value as { id: string }).id;
    process.stdout.write(`ack ${id} 0\n`);
    for (let version = 1; version <= 8; version++) {
      const details = `v${version} ` + words.slice(0, version).join(' ').repeat(version);
      const saved = await core.dispatch('calls.update', { id, fields: { callerName: `张伟 ${version}`, phone: '138 0013 8000', details } });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      process.stdout.write(`ack ${id} ${version}\n`);
    }
  }
}

// Loading Node and the bundle is the slow part of a start; the harness starts the next child while
// it checks the last kill, and says "go" when it is its turn, so the random kill lands on the work.
process.stdout.write('loaded\n');
process.stdin.once('data', () => {
  main().catch((err: unknown) => {
    process.stderr.write(`crash-child: ${String(err)}\n`);
    process.exit(1);
  });
});
