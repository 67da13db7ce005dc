// The installer configuration, read by electron-builder's own loader and schema validator: what
// IT relies on (per-machine, silent-capable installers, the fuses, what goes into app.asar).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

const root = resolve(__dirname, '../../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

type Target = { target: string; arch?: string[] };
const targetsOf = (value: unknown) => (value as Target[]).map((t) => t.target);

test("the file passes electron-builder's schema", async () => {
  await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
});

test('app id, product name and the icon', () => {
  expect(config.appId).toBe('com.callconsole.desktop');
  expect(config.productName).toBe('Call Console');
  expect(config.directories?.buildResources).toBe('build');
  const png = readFileSync(resolve(root, 'build/icon.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // IHDR width and height: electron-builder needs at least 512×512 to derive .ico and .icns
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  for (const os of [config.win, config.linux, config.mac]) expect(os?.icon).toBe('build/icon.png');
});

test('Windows: NSIS per-machine with a folder choice, and an MSI', () => {
  expect(targetsOf(config.win?.target)).toEqual(['nsis', 'msi']);
  expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false });
  expect(config.msi).toMatchObject({ perMachine: true });
  expect(config.msi?.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('Linux deb and AppImage, macOS dmg', () => {
  expect(targetsOf(config.linux?.target)).toEqual(['deb', 'AppImage']);
  expect(targetsOf(config.mac?.target)).toEqual(['dmg']);
});

test('better-sqlite3 is rebuilt from source for Electron and its .node unpacked from the asar', () => {
  expect(config.npmRebuild).toBe(true);
  expect(config.buildDependenciesFromSource).toBe(true);
  expect(config.asar).toBe(true);
  expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
});

test('release builds flip the fuses of the security checklist', () => {
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('only the built app goes in: dist and package.json, no maps, no sources, no tests', () => {
  // the loader normalises the list to [{ filter: [...] }]
  const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
  const included = files.filter((f) => !f.startsWith('!'));
  expect(included.every((f) => f.startsWith('dist/') || f === 'package.json')).toBe(true);
  expect(included).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']));
  expect(files).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.ts']));
  // browser mode (a development server) is not part of the product
  expect(included.some((f) => f.includes('browser'))).toBe(false);
});
