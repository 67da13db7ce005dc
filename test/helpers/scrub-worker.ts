// The erasure's scrub worker as the app ships it (build/scripts/bundle.mjs bundles it beside each
// entry point). Tests run from source, where no bundled worker exists and the file work would run on
// the service's thread; a test that is about the worker builds it here and passes it to startCore.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

let built: Promise<string> | undefined;

export function buildScrubWorker(root = process.env.CALL_CONSOLE_ROOT ?? process.cwd()): Promise<string> {
  built ??= (async () => {
    const out = join(root, '.cache', 'scrub-worker');
    mkdirSync(out, { recursive: true });
    const outfile = join(out, `scrub-worker-${process.pid}.js`);
    await build({
      entryPoints: [join(root, 'electron', 'core', 'privacy', 'scrub-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      tsconfig: join(root, 'tsconfig.node.json'),
      logLevel: 'error',
    });
    return outfile;
  })();
  return built;
}
