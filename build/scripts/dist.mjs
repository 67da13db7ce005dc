// `npm run dist -- --win nsis msi` (or `--linux deb AppImage`, `--mac dmg`): builds the app, then
// the installers with electron-builder, then checks that better-sqlite3 in every unpacked app was
// compiled for Electron's ABI. npm hands its config to scripts as npm_config_*; a `nodedir` there
// (this kind of machine sets one) makes the Electron rebuild compile against Node's headers, so
// those variables are removed before electron-builder runs (TOOLCHAIN.md trap 4). Afterwards the
// Node build of better-sqlite3 is restored in node_modules (electron-builder rebuilt it in place).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { abiProblems } from './native-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' && cmd === 'npm' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|devdir|arch|target_arch)$/i.test(key)) delete env[key];
}

run('npm', ['run', 'build', '--silent']);
run(process.execPath, [require.resolve('electron-builder/cli.js'), ...process.argv.slice(2)], env);

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const expected = Number(require('node-abi').getAbi(electronVersion, 'electron'));
const release = join(root, 'release');
const unpackedApps = readdirSync(release)
  .filter((d) => /-unpacked$|^mac/.test(d))
  .map((d) => join(release, d));
const problems = unpackedApps.flatMap((dir) => abiProblems(dir, expected));
if (problems.length) {
  console.error(`dist: better-sqlite3 was not rebuilt for Electron ${electronVersion}; do not ship these installers:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`dist: better-sqlite3 built for Electron ${electronVersion} (ABI ${expected}) in ${unpackedApps.length} app folder(s)`);
// electron-builder rebuilt node_modules/better-sqlite3 for Electron in place; put the Node build
// back so unit tests and browser mode keep working on this checkout.
console.log('dist: restoring the Node build of better-sqlite3 for tests and browser mode …');
run('npm', ['rebuild', 'better-sqlite3']);
