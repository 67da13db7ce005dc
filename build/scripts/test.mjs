// `npm test`: lint (ESLint, then Prettier's check), type-check, unit tests (vitest), then a fresh build,
// the packaging test and the Chromium e2e tests.
// CI cannot read vitest's or Playwright's own summaries, so this prints plain
// "vitest: N passed, N failed", "packaging: …" and "playwright: N passed, N failed" lines and fails when a
// runner ran no test at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'call-console-test-'));
let failed = false;

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function report(name, passed, failedCount, skipped, exitCode) {
  console.log(`${name}: ${passed} passed, ${failedCount} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (passed + failedCount === 0) {
    console.log(`${name}: no test ran`);
    failed = true;
  }
  if (failedCount > 0 || exitCode !== 0) failed = true;
}

// Lint first: a zone breach, an import cycle or a hooks violation fails the run (the rules: eslint.config.mjs).
const eslintExit = run('lint: eslint', bin('eslint'), ['.']);
const prettierExit = run('lint: prettier --check', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
console.log(`lint: eslint ${eslintExit === 0 ? 'passed' : 'FAILED'}, prettier ${prettierExit === 0 ? 'passed' : 'FAILED (npm run format fixes it)'}`);
if (eslintExit !== 0 || prettierExit !== 0) failed = true;

if (run('type-check', 'node', ['build/scripts/typecheck.mjs']) !== 0) failed = true;

const vitestJson = join(work, 'vitest.json');
const vitestExit = run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
report('vitest', v?.numPassedTests ?? 0, v?.numFailedTests ?? 0, (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0), vitestExit);

if (run('build', 'npm', ['run', 'build', '--silent']) !== 0) failed = true;

// electron-builder --dir with a stand-in Electron: what goes into app.asar (needs the build above)
const packJson = join(work, 'packaging.json');
const packExit = run('packaging (electron-builder --dir, stand-in Electron)', bin('vitest'), [
  'run',
  '--config',
  'vitest.packaging.config.mts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${packJson}`,
]);
const k = readJson(packJson);
report('packaging', k?.numPassedTests ?? 0, k?.numFailedTests ?? 0, (k?.numPendingTests ?? 0) + (k?.numTodoTests ?? 0), packExit);

const pwJson = join(work, 'playwright.json');
const pwExit = run('e2e tests (Chromium, browser mode)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
const p = readJson(pwJson);
const stats = p?.stats ?? {};
report('playwright', stats.expected ?? 0, (stats.unexpected ?? 0) + (stats.flaky ?? 0), stats.skipped ?? 0, pwExit);

console.log(failed ? '\nTESTS FAILED' : '\nall tests passed');
process.exit(failed ? 1 : 0);
