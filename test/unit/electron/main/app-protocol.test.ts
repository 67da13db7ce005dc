// The renderer comes from app://call-console/ (Electron security checklist, item 18): the scheme is
// privileged before the app is ready, the window loads app://call-console/index.html, and the handler
// serves only files inside the built renderer folder, with their types and our CSP.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFileFor, appProtocolHandler, registerAppScheme, rendererIndexUrl } from '../../../../electron/main/app-protocol';
import { contentSecurityPolicy } from '../../../../electron/core/infra/csp';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
const core = vi.hoisted(() => ({ startCore: vi.fn() }));
vi.mock('electron', () => fake.module);
vi.mock('../../../../electron/core/entry/start-core', () => ({ startCore: core.startCore }));

/** a built renderer folder beside a secret file, and a symlink from inside to outside */
function rendererFolder(): { root: string; secret: string } {
  const base = mkdtempSync(join(tmpdir(), 'cc-app-protocol-'));
  const root = join(base, 'dist', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Call Console</title><script type="module" src="./assets/index-abc.js"></script>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'index-abc.js.map'), '{}');
  const secret = join(base, 'secret.json');
  writeFileSync(secret, '{"token":"x"}');
  symlinkSync(secret, join(root, 'assets', 'leak.json'));
  return { root, secret };
}

const get = (root: string, url: string) => appProtocolHandler(root)(new Request(url));

describe('the app:// scheme in the shell', () => {
  const saved = { db: process.env.CALL_CONSOLE_DB, config: process.env.CALL_CONSOLE_CONFIG, logs: process.env.CALL_CONSOLE_LOG_DIR };
  beforeEach(() => {
    fake.reset();
    const temp = mkdtempSync(join(tmpdir(), 'cc-app-main-'));
    process.env.CALL_CONSOLE_DB = join(temp, 'test.db');
    process.env.CALL_CONSOLE_CONFIG = join(temp, 'config.json');
    process.env.CALL_CONSOLE_LOG_DIR = join(temp, 'logs');
    core.startCore.mockReset().mockImplementation(() => ({ dispatch: vi.fn(), close: vi.fn() }));
  });
  afterEach(() => {
    for (const [name, value] of [
      ['CALL_CONSOLE_DB', saved.db],
      ['CALL_CONSOLE_CONFIG', saved.config],
      ['CALL_CONSOLE_LOG_DIR', saved.logs],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('is registered privileged (standard, secure, fetch) before the app is ready, then serves the renderer, then the window loads it', async () => {
    let ready: () => void = () => undefined;
    fake.module.app.whenReady.mockImplementation(() => new Promise<void>((resolve) => (ready = resolve)));
    vi.resetModules();
    await import('../../../../electron/main/index');
    // not ready yet: the scheme is already privileged, nothing is handled or loaded
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.module.protocol.handle).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.module.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const win = fake.windows[0]!;
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://call-console/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(fake.module.protocol.handle.mock.invocationCallOrder[0]!).toBeLessThan(win.loadURL.mock.invocationCallOrder[0]!);
    // navigation stays on that page: another app:// page, a file: page, the web are refused
    const contents = new (await import('../fake-electron')).FakeWebContents();
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'app://call-console/index.html#/privacy').defaultPrevented).toBe(false);
    for (const url of ['app://call-console/assets/index-abc.js', 'app://other/index.html', 'file:///etc/passwd', 'https://evil.example/']) {
      expect(contents.fire('will-navigate', url).defaultPrevented, url).toBe(true);
    }
  }, 30_000); // the first import of the shell's module graph is slow on a busy machine
});

describe('the app:// handler', () => {
  it('serves the renderer files with their types, our CSP and nosniff', async () => {
    const { root } = rendererFolder();
    const index = await get(root, rendererIndexUrl);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Call Console</title>');
    // the bundle's relative ./assets/ paths (vite base './') resolve under the same origin
    const script = new URL('./assets/index-abc.js', rendererIndexUrl).href;
    expect(script).toBe('app://call-console/assets/index-abc.js');
    expect((await get(root, script)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(root, 'app://call-console/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get(root, 'app://call-console/')).status).toBe(200);
  });

  it.each([
    ['app://call-console/../../etc/passwd', 'dot segments (folded by the URL parser to /etc/passwd under the root)'],
    ['app://call-console/%2e%2e/%2e%2e/secret.json', 'encoded dot segments'],
    ['app://call-console/..%2f..%2fsecret.json', 'an encoded slash'],
    ['app://call-console/assets/..%5c..%5c..%5csecret.json', 'an encoded backslash'],
    ['app://call-console/assets/leak.json', 'a symlink that leads out of the folder'],
    ['app://call-console/assets/index-abc.js.map', 'a source map'],
    ['app://call-console/assets', 'a folder'],
    ['app://call-console/nothing-here.js', 'a file that does not exist'],
    ['app://call-console/%E0%A4%A', 'a malformed escape'],
    ['app://elsewhere/index.html', 'another host'],
  ])('refuses %s (%s) with 404', async (url) => {
    const { root } = rendererFolder();
    const response = await get(root, url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it('never resolves a path outside the folder, even one that exists', () => {
    const { root, secret } = rendererFolder();
    expect(appFileFor(root, 'app://call-console/../secret.json')).toBeNull();
    expect(appFileFor(root, `app://call-console/${encodeURIComponent('../../secret.json')}`)).toBeNull();
    expect(appFileFor(root, 'app://call-console/assets/leak.json')).toBeNull();
    expect(appFileFor(root, 'app://call-console/index.html')).toBe(join(root, 'index.html'));
    expect(secret).toMatch(/secret\.json$/);
  });

  it('answers only GET and HEAD', async () => {
    const { root } = rendererFolder();
    expect((await appProtocolHandler(root)(new Request(rendererIndexUrl, { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await appProtocolHandler(root)(new Request(rendererIndexUrl, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers only the privileges the page needs', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    const [[schemes]] = protocol.registerSchemesAsPrivileged.mock.calls as [[{ privileges: Record<string, boolean> }[]]];
    expect(Object.keys(schemes[0]!.privileges).sort()).toEqual(['secure', 'standard', 'supportFetchAPI']);
  });
});

describe('IPC and navigation trust', () => {
  it('exactly app://call-console/index.html (any hash), nothing else of the scheme or of file:', async () => {
    const { isTrustedSender } = await import('../../../../electron/main/security');
    expect(isTrustedSender(rendererIndexUrl, rendererIndexUrl)).toBe(true);
    expect(isTrustedSender(`${rendererIndexUrl}#/calls`, rendererIndexUrl)).toBe(true);
    for (const url of [
      'app://call-console/assets/index-abc.js',
      'app://call-console/index.html?x=1',
      'app://evil/index.html',
      'file:///opt/call-console/dist/renderer/index.html',
      'http://call-console/index.html',
    ]) {
      expect(isTrustedSender(url, rendererIndexUrl), url).toBe(false);
    }
  });
});
