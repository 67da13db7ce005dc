// Bundles the Node-side entry points with esbuild. Dependencies stay external (node_modules is
// shipped and better-sqlite3 is native); only our own TypeScript is bundled.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const quiet = process.argv.includes('--quiet');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  // the root tsconfig.json only lists the projects; this one holds the Node code's settings
  tsconfig: 'tsconfig.node.json',
  logLevel: quiet ? 'error' : 'info',
};

const targets = [
  { entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.js', external: ['electron'] },
  // The sandboxed preload may only require('electron'): everything else must be inside the bundle.
  { entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.js', packages: undefined, external: ['electron'] },
  { entryPoints: ['electron/core/entry/browser-main.ts'], outfile: 'dist/node/browser.js' },
  { entryPoints: ['electron/core/entry/cli.ts'], outfile: 'dist/node/cli.js' },
  // an erasure's file work runs on a worker thread loaded from beside each entry point (privacy/scrub-jobs.ts)
  { entryPoints: ['electron/core/privacy/scrub-worker.ts'], outfile: 'dist/electron/scrub-worker.js' },
  { entryPoints: ['electron/core/privacy/scrub-worker.ts'], outfile: 'dist/node/scrub-worker.js' },
];

await Promise.all(
  targets
    .filter((t) => existsSync(t.entryPoints[0]))
    .map((t) => {
      const options = { ...common, ...t };
      if ('packages' in t && t.packages === undefined) delete options.packages;
      return build(options);
    }),
);
