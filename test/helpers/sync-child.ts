// The workstation the team-sync kill test SIGKILLs: saves calls through the dispatcher with team
// mode on (its syncer pushing in the background) and prints "ack <callId>" after each save returns.
import { startCore } from '../../electron/core/entry/start-core';

const [dbFile, connFile] = process.argv.slice(2);
if (!dbFile || !connFile) throw new Error('usage: sync-child <dbFile> <connectionFile>');

async function main(): Promise<void> {
  const core = startCore({ dbFile: dbFile!, transport: 'browser', version: 'sync-kill', backupKeep: 1, teamConnectionFile: connFile!, teamPollMs: 20 });
  const agents = await core.dispatch('agents.list', {});
  if (!agents.ok) throw new Error(JSON.stringify(agents.error));
  let agentId = (agents.value as { id: string }[])[0]?.id;
  if (!agentId) {
    const added = await core.dispatch('agents.add', { name: 'Kill Agent' });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    agentId = (added.value as { id: string }).id;
  }
  await core.dispatch('session.signIn', { agentId });
  for (let n = 0; ; n++) {
    const started = await core.dispatch('calls.start', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const id = (started.value as { id: string }).id;
    const saved = await core.dispatch('calls.update', { id, fields: { callerName: `k${n}`, phone: '138 0013 8000', details: `saved ${n}` } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    process.stdout.write(`ack ${id}\n`);
    // leave the syncer room to push while the agent works
    await new Promise((r) => setTimeout(r, 5));
  }
}

void main();
