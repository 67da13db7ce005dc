// A stand-in for the parts of the `electron` module that electron/main and the preload use. The real
// module cannot load under vitest (and its binary is not installed here), so tests do:
//
//   const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
//   vi.mock('electron', () => fake.module);
//
// Fakes record what the code asked for and let a test fire events the way Electron would.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** What a listener receives for will-navigate / will-redirect / will-attach-webview. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  const event: FakeEvent = {
    url,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  /** Chromium's printing: hands back a tiny PDF */
  printToPDF = vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'));
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** fires an event with a fresh FakeEvent and reports whether a listener prevented it */
  fire(name: string, url = ''): FakeEvent {
    const event = fakeEvent(url);
    this.emit(name, event, url);
    return event;
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export function createFakeSession() {
  const session = {
    headersListener: undefined as HeadersListener | undefined,
    permissionRequestHandler: undefined as
      ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined,
    permissionCheckHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    devicePermissionHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    webRequest: {
      onHeadersReceived: vi.fn((listener: HeadersListener) => {
        session.headersListener = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: typeof session.permissionRequestHandler) => {
      session.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: typeof session.permissionCheckHandler) => {
      session.permissionCheckHandler = handler;
    }),
    setDevicePermissionHandler: vi.fn((handler: typeof session.devicePermissionHandler) => {
      session.devicePermissionHandler = handler;
    }),
  };
  return session;
}
export type FakeSession = ReturnType<typeof createFakeSession>;

export function createFakeElectron() {
  const windows: FakeBrowserWindow[] = [];
  const loadsFine = async (_url: string): Promise<void> => undefined;
  /** what a window's loadURL does; a test may make it fail */
  const behaviour = { loadURL: loadsFine };

  class FakeBrowserWindow extends EventEmitter {
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
    readonly webContents = new FakeWebContents();
    minimized = false;
    destroyed = false;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn(() => {
      this.minimized = false;
    });
    loadURL = vi.fn((url: string) => behaviour.loadURL(url));
    loadFile = vi.fn(async (_file: string) => undefined);
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    getAppPath: vi.fn(() => '/fake/app'),
    getVersion: vi.fn(() => '9.9.9'),
  });
  vi.spyOn(app, 'on');

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    }),
    handleOnce: vi.fn(),
    on: vi.fn(),
    once: vi.fn(),
    removeHandler: vi.fn((channel: string) => {
      ipcHandlers.delete(channel);
    }),
  };

  const defaultSession = createFakeSession();

  /** custom schemes: what was registered as privileged, and the handler of each scheme */
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    handlers: protocolHandlers,
    registerSchemesAsPrivileged: vi.fn((_schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => undefined),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      if (protocolHandlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
      protocolHandlers.set(scheme, handler);
    }),
  };

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    session: { defaultSession },
    protocol,
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined), send: vi.fn(), on: vi.fn() },
  };

  return {
    module,
    windows,
    behaviour,
    /** forget everything recorded, keeping the same objects (vi.mock captured them) */
    reset(): void {
      windows.length = 0;
      behaviour.loadURL = loadsFine;
      ipcHandlers.clear();
      protocolHandlers.clear();
      app.removeAllListeners();
      app.isPackaged = false;
      vi.clearAllMocks();
      app.requestSingleInstanceLock.mockImplementation(() => true);
      app.whenReady.mockImplementation(() => Promise.resolve());
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeBrowserWindow = FakeElectron['module']['BrowserWindow']['prototype'];
