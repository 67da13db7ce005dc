// Builds better-sqlite3 for Electron's ABI into .cache/electron-native/better_sqlite3.node (trap 2
// of TOOLCHAIN.md). node_modules/better-sqlite3 keeps its Node build untouched, so vitest, browser
// mode and `npm start` all work on one checkout in any order: the app passes the cached file to
// better-sqlite3 as `nativeBinding` (electron/main/paths.ts).
//
//   node build/scripts/electron-native.mjs [--build-only] [--force]
//     --build-only  skip the check that the Electron binary is installed (e.g. before packaging)
//     --force       rebuild even when the cache says it is up to date
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = join(root, '.cache', 'electron-native');
const target = join(cacheDir, 'better_sqlite3.node');
const stampFile = join(cacheDir, 'stamp.json');
const logFile = join(cacheDir, 'build.log');
const args = new Set(process.argv.slice(2));

function fail(line) {
  console.error(`electron-native: ${line}`);
  process.exit(1);
}

function versionOf(pkg) {
  const file = join(root, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) fail(`node_modules/${pkg} is missing; run npm ci first.`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

const wanted = {
  electron: versionOf('electron'),
  betterSqlite3: versionOf('better-sqlite3'),
  platform: process.platform,
  arch: process.arch,
};

// The electron package downloads its binary on first require() (it has no install script), and
// prints a long download trace when that fails. Ask in a child process so we can say it in a line.
function electronBinaryProblem() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    return /failed to install correctly/i.test(probe.stderr ?? '')
      ? 'the Electron binary is not installed (Electron failed to install correctly: its download is blocked here).'
      : `cannot load the electron package: ${(probe.stderr ?? '').trim().split('\n').pop()}`;
  }
  return existsSync(probe.stdout) ? undefined : `the Electron binary is missing at ${probe.stdout}.`;
}

function upToDate() {
  if (!existsSync(target) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

// npm passes its config to scripts as npm_config_*; this machine's ~/.npmrc sets nodedir=/usr, and
// node-gyp would then compile against Node's headers while claiming an Electron target (trap 4).
function gypEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|devdir)$/i.test(key)) delete env[key];
  }
  return env;
}

function build() {
  const work = mkdtempSync(join(tmpdir(), 'call-console-native-'));
  const source = join(root, 'node_modules', 'better-sqlite3');
  try {
    // A copy without build/: node-gyp writes only inside the copy, never into node_modules.
    cpSync(source, work, {
      recursive: true,
      filter: (file) => relative(source, file).split(sep)[0] !== 'build',
    });
    const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (!existsSync(gyp)) throw new Error('node_modules/node-gyp is missing; run npm ci first.');
    const result = spawnSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${wanted.electron}`,
        '--dist-url=https://electronjs.org/headers',
        `--devdir=${join(root, '.cache', 'node-gyp')}`,
      ],
      { cwd: work, env: gypEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) {
      const reason = explain(`${result.stdout ?? ''}\n${result.stderr ?? ''}`) ?? (result.error?.message || `exit code ${result.status}`);
      throw new Error(`could not build better-sqlite3 for Electron ${wanted.electron} (${reason}); ` + `full log: ${relative(root, logFile)}`);
    }
    // Copy then rename, so an interrupted run never leaves a half-written module behind.
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The one reason worth a line: a failed headers download, else node-gyp's first error. */
function explain(output) {
  const headers = output.match(/gyp http GET (\S+headers\S*)/);
  if (headers && /install got an error|network connectivity/i.test(output)) {
    return `cannot download the Electron headers from ${headers[1]}`;
  }
  const errors = output
    .split('\n')
    .filter((l) => l.startsWith('gyp ERR!') || /\berror\b/i.test(l))
    .map((l) => l.replace(/^gyp ERR!\s*(stack\s*)?/, '').trim())
    .filter(Boolean);
  return errors[0]?.slice(0, 200);
}

if (!args.has('--build-only')) {
  const problem = electronBinaryProblem();
  if (problem) fail(problem);
}
mkdirSync(cacheDir, { recursive: true });
if (!args.has('--force') && upToDate()) {
  console.log(`electron-native: up to date for Electron ${wanted.electron} (${relative(root, target)})`);
} else {
  console.log(`electron-native: building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} …`);
  try {
    build();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  console.log(`electron-native: built ${relative(root, target)}`);
}
