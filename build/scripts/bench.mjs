// `npm run bench`: runs every test/bench/*.bench.ts (bundled with esbuild, run in plain Node),
// each printing `name: value unit` lines. `npm run bench -- save` runs the ones whose name matches.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
// Inside the project, so the bundles resolve node_modules.
const out = join('.cache', 'bench');
mkdirSync(out, { recursive: true });
const files = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
// the erasure's scrub worker, beside the bundled benchmarks (it is looked up beside the running bundle)
await build({
  entryPoints: ['electron/core/privacy/scrub-worker.ts'],
  outfile: join(out, 'scrub-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
});
let failed = false;
for (const file of files) {
  const outfile = join(out, file.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [join('test/bench', file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const result = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', env: { ...process.env, CALL_CONSOLE_ROOT: process.cwd() } });
  if (result.status !== 0) {
    console.error(`${file} failed with exit ${result.status}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
