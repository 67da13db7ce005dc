import { methodNames } from '../../../../shared/contract';
import { createMainWindow, methodsArgPrefix, windowTitle } from '../../../../electron/main/window';
import { rendererIndexUrl } from '../../../../electron/main/app-protocol';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

function create() {
  createMainWindow({ preloadPath: '/opt/app/dist/electron/preload.js', rendererIndexUrl, methods: methodNames });
  expect(fake.windows).toHaveLength(1);
  return fake.windows[0]!;
}

beforeEach(() => fake.reset());

describe('createMainWindow', () => {
  it('makes a 1280x800 window titled Call Console, at least 1024x700, hidden until painted', () => {
    const win = create();
    expect(win.options).toMatchObject({
      title: 'Call Console',
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 700,
      show: false,
    });
    expect(windowTitle).toBe('Call Console');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('uses the secure web preferences with our preload', () => {
    const prefs = create().options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/opt/app/dist/electron/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('passes the contract method names to the preload in one argument', () => {
    const prefs = create().options.webPreferences;
    expect(prefs?.additionalArguments).toEqual([methodsArgPrefix + methodNames.join(',')]);
  });

  it('loads exactly the URL that IPC trusts', () => {
    const win = create();
    // our own scheme, never file: (app-protocol.ts)
    expect(rendererIndexUrl).toBe('app://call-console/index.html');
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith(rendererIndexUrl);
  });

  it('keeps its title when the page sets another', () => {
    const win = create();
    const event = { defaultPrevented: false, preventDefault: vi.fn() };
    win.emit('page-title-updated', event, 'Vite App');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('shows the window when loading fails, so the app does not look hung', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fake.behaviour.loadURL = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    try {
      const win = create();
      await vi.waitFor(() => expect(win.show).toHaveBeenCalled());
      expect(error).toHaveBeenCalled();
    } finally {
      error.mockRestore();
    }
  });
});
