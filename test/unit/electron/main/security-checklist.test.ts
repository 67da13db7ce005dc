// The items of Electron's security checklist (docs/tutorial/security.md) that the other security
// tests do not pin yet. README "Security checklist" maps every item to its test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy } from '../../../../electron/core/infra/csp';
import { secureWebPreferences } from '../../../../electron/main/security';

vi.mock('electron', () => ({}));

const root = resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}
const shipped = [...sources('electron'), ...sources('renderer')];
const offenders = (pattern: RegExp) => shipped.filter((f) => pattern.test(readFileSync(join(root, f), 'utf8')));

describe('Electron security checklist', () => {
  test('#7 the Content-Security-Policy allows only our own code: no inline or eval script, no remote source', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe|https?:|\*/);
  });

  test('#10 no enableBlinkFeatures; #13 no navigation by dropping a file', () => {
    const prefs = secureWebPreferences('/p.js');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(offenders(/enableBlinkFeatures/)).toEqual([]);
  });

  test('#11/#12 no <webview> and no allowpopups anywhere in the app', () => {
    // (the renderer is the only place markup comes from; webviewTag: false and will-attach-webview guard the rest)
    expect(offenders(/<webview|allowpopups/i).filter((f) => f.startsWith('renderer/'))).toEqual([]);
    expect(offenders(/allowpopups/i)).toEqual([]);
  });

  test('#15 shell.openExternal is never used (nothing from the page can open a URL or a program)', () => {
    expect(offenders(/openExternal|openPath\(/)).toEqual([]);
  });

  test('#20 no remote module, and ipcRenderer only in the preload', () => {
    expect(offenders(/@electron\/remote|enableRemoteModule/)).toEqual([]);
    expect(offenders(/ipcRenderer/).filter((f) => !f.startsWith('electron/preload/'))).toEqual([]);
  });

  test('every window is made by createMainWindow, i.e. with the secure web preferences', () => {
    expect(offenders(/new BrowserWindow\(/)).toEqual(['electron/main/window.ts']);
    expect(offenders(/webPreferences\s*:/).filter((f) => f !== 'electron/main/window.ts' && f !== 'electron/main/security.ts')).toEqual([]);
  });

  test('#16 Electron is a current major version (bump this floor with each upgrade)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const major = Number(/(\d+)/.exec(pkg.devDependencies.electron ?? '')?.[1]);
    expect(major).toBeGreaterThanOrEqual(45);
  });
});
