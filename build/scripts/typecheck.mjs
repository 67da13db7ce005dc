// `npm run typecheck`: each TypeScript project on its own, so each keeps only the types its process
// has: shared/ neither DOM nor Node, the renderer no Node, Node code no DOM (see tsconfig.json).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const projects = ['tsconfig.shared.json', 'tsconfig.web.json', 'tsconfig.node.json', 'tsconfig.test-dom.json'];

let failed = 0;
for (const project of projects) {
  const started = Date.now();
  const result = spawnSync(join('node_modules', '.bin', 'tsc'), ['-p', project, '--noEmit'], { stdio: 'inherit' });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`tsc -p ${project}: ${ok ? 'ok' : 'errors'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
