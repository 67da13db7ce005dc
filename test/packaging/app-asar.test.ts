// `electron-builder --dir` for real, with a stand-in for the Electron binary (its download is
// blocked here: TOOLCHAIN.md trap 4). npmRebuild is off for this run only, because rebuilding
// better-sqlite3 for Electron needs Electron's headers from the network; the .node checked below is
// therefore the Node build, and what is tested is that it is unpacked, not its ABI.
// The stand-in carries Electron's fuse sentinel with Electron's default fuse wire, so the fuses the
// configuration flips are read back from the packaged binary exactly as on a real build.
// Needs `npm run build` first (npm test runs it before this).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { abiProblems } from '../../build/scripts/native-abi.mjs';

const root = resolve(__dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults, one byte per fuse in FuseV1Options order: RunAsNode on, cookie encryption
// off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-from-ASAR off, V8 snapshot off,
// file protocol privileges on ('1' = enabled, '0' = disabled)
const ELECTRON_DEFAULT_WIRE = '10110001';

let work: string;
let appDir: string;
let asarEntries: string[];

beforeAll(async () => {
  for (const built of ['dist/electron/main.js', 'dist/electron/preload.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` before the packaging test`);
  }
  work = mkdtempSync(join(tmpdir(), 'call-console-pack-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (packaging test)"\nexit 0\n# '),
      Buffer.from(SENTINEL),
      Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), // fuse wire version 1, length
      Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`),
    ]),
  );
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), '45.5.0');

  const config = await getConfig(root, null, null);
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: { ...config, electronDist, npmRebuild: false, directories: { ...config.directories, output: join(work, 'release') } },
    publish: 'never',
  });
  appDir = join(work, 'release', 'linux-unpacked');
  asarEntries = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const has = (path: string) => asarEntries.includes(path);
const packages = () =>
  new Set(asarEntries.filter((p) => /^\/node_modules\/[^/]+$|^\/node_modules\/@[^/]+\/[^/]+$/.test(p)).map((p) => p.slice('/node_modules/'.length)));

test('app.asar holds the built app: main, preload, renderer, package.json', () => {
  // scrub-worker.js: an erasure's file work runs on a worker loaded from beside main.js
  for (const file of ['/dist/electron/main.js', '/dist/electron/preload.js', '/dist/electron/scrub-worker.js', '/dist/renderer/index.html', '/package.json']) {
    expect(has(file), file).toBe(true);
  }
  const pkg = JSON.parse(extractFile(join(appDir, 'resources', 'app.asar'), 'package.json').toString());
  expect(pkg.main).toBe('dist/electron/main.js');
  expect(asarEntries.some((p) => p.startsWith('/dist/renderer/assets/') && p.endsWith('.js'))).toBe(true);
});

test('and the production dependencies', () => {
  const inside = packages();
  for (const dep of ['better-sqlite3', 'zod', 'react', 'react-dom', 'i18next', 'uuid', 'exceljs']) expect(inside.has(dep), dep).toBe(true);
});

test('but no devDependencies', () => {
  const inside = packages();
  const dev = [
    'vitest',
    '@playwright/test',
    'playwright',
    'electron',
    'electron-builder',
    'typescript',
    'vite',
    'esbuild',
    'jsdom',
    'fast-check',
    '@axe-core/playwright',
  ];
  expect(dev.filter((d) => inside.has(d))).toEqual([]);
});

test('no sources, source maps, tests or browser-mode server', () => {
  const ours = asarEntries.filter((p) => !p.startsWith('/node_modules/'));
  expect(ours.filter((p) => /\.(ts|tsx|map)$/.test(p))).toEqual([]);
  expect(ours.filter((p) => /^\/(test|electron|renderer|shared|build)\//.test(p))).toEqual([]);
  expect(has('/dist/node/browser.js')).toBe(false);
  expect(asarEntries.filter((p) => p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts')))).toEqual([]);
});

test("better-sqlite3's native module is unpacked beside the archive", () => {
  const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  expect(existsSync(unpacked)).toBe(true);
  expect(readFileSync(unpacked).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // ELF
  // its C sources and the test extension are not shipped
  expect(asarEntries.some((p) => p.startsWith('/node_modules/better-sqlite3/deps/'))).toBe(false);
  expect(asarEntries.some((p) => p.endsWith('test_extension.node'))).toBe(false);
});

test('the packaged binary has its fuses flipped', async () => {
  const wire = await getCurrentFuseWire(join(appDir, 'call-console'));
  const state = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
  expect({
    runAsNode: state(FuseV1Options.RunAsNode),
    cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
    nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
    inspect: state(FuseV1Options.EnableNodeCliInspectArguments),
    asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
    onlyFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
    fileProtocolPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
  }).toEqual({
    runAsNode: '0',
    cookieEncryption: '1',
    nodeOptions: '0',
    inspect: '0',
    asarIntegrity: '1',
    onlyFromAsar: '1',
    fileProtocolPrivileges: '0',
  });
});

test("npm run dist's guard would refuse this build: its better-sqlite3 is Node's, not Electron's (rebuild was off)", () => {
  const electronAbi = 150; // Electron 45 (node-abi)
  expect(abiProblems(appDir, Number(process.versions.modules))).toEqual([]);
  expect(abiProblems(appDir, electronAbi)).toEqual([expect.stringMatching(new RegExp(`ABI ${process.versions.modules}, Electron needs ${electronAbi}$`))]);
});
