import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../../../electron/core/infra/csp';
import { hardenWebContents, installSecurity, isTrustedSender, secureSession, secureWebPreferences } from '../../../../electron/main/security';
import { createFakeSession, FakeWebContents } from '../fake-electron';

// security.ts imports only types from electron, but mock it anyway: nothing here may load the real one.
vi.mock('electron', () => ({}));

const home = 'file:///opt/call-console/resources/app.asar/dist/renderer/index.html';

describe('secureWebPreferences', () => {
  it('turns every isolation on and every risky feature off', () => {
    const prefs = secureWebPreferences('/opt/app/preload.js', ['--x=1']);
    expect(prefs).toMatchObject({
      preload: '/opt/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      additionalArguments: ['--x=1'],
    });
  });
});

describe('isTrustedSender', () => {
  it('trusts our own index.html, with or without a hash route', () => {
    expect(isTrustedSender(home, home)).toBe(true);
    expect(isTrustedSender(`${home}#/calls/today`, home)).toBe(true);
  });

  it.each([
    ['https://evil.example/', 'the web'],
    ['http://localhost:5173/index.html', 'a dev server'],
    ['file:///opt/call-console/resources/app.asar/dist/renderer/other.html', 'another file beside ours'],
    ['file:///tmp/index.html', 'an index.html elsewhere'],
    ['file:///etc/passwd', 'any file'],
    ['file://server/opt/call-console/resources/app.asar/dist/renderer/index.html', 'a network share'],
    [`${home}?evil=1`, 'our file with a different query'],
    ['about:blank', 'about:blank'],
    ['data:text/html,<script>1</script>', 'data:'],
    ['', 'an empty URL'],
    [undefined, 'no frame'],
    [null, 'a destroyed frame'],
    ['not a url', 'garbage'],
  ] as [string | null | undefined, string][])('refuses %s (%s)', (url) => {
    expect(isTrustedSender(url, home)).toBe(false);
  });

  it('normalises dot segments before comparing', () => {
    expect(isTrustedSender('file:///opt/call-console/resources/app.asar/dist/x/../renderer/index.html', home)).toBe(true);
    expect(isTrustedSender('file:///opt/call-console/resources/app.asar/dist/renderer/../index.html', home)).toBe(false);
  });
});

describe('secureSession', () => {
  function secured() {
    const ses = createFakeSession();
    secureSession(ses as unknown as Session, home);
    return ses;
  }

  it('puts our CSP on every response, replacing any the response brought', () => {
    const ses = secured();
    expect(ses.headersListener).toBeTypeOf('function');
    const callback = vi.fn();
    ses.headersListener?.(
      {
        url: home,
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });

  it('adds the CSP when the response had no headers at all', () => {
    const ses = secured();
    const callback = vi.fn();
    ses.headersListener?.({ url: home }, callback);
    expect(callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });

  it('allows desktop notifications for our own page only', () => {
    const ses = secured();
    const ours = vi.fn();
    const foreign = vi.fn();
    ses.permissionRequestHandler?.({}, 'notifications', ours, { requestingUrl: home });
    ses.permissionRequestHandler?.({}, 'notifications', foreign, { requestingUrl: 'https://evil.example/' });
    expect(ours).toHaveBeenCalledExactlyOnceWith(true);
    expect(foreign).toHaveBeenCalledExactlyOnceWith(false);
    expect(ses.permissionCheckHandler?.({}, 'notifications', 'file://', { requestingUrl: home })).toBe(true);
    expect(ses.permissionCheckHandler?.({}, 'notifications', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midi'])('denies the permission request "%s"', (permission) => {
    const ses = secured();
    const callback = vi.fn();
    ses.permissionRequestHandler?.({}, permission, callback, { requestingUrl: home });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check and device check with false', () => {
    const ses = secured();
    expect(ses.permissionCheckHandler?.({}, 'media', 'file://', {})).toBe(false);
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', home, {})).toBe(false);
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, home);
    return contents;
  }

  it('prevents navigation and redirects to anywhere else', () => {
    const contents = hardened();
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
  });

  it('lets the page reload itself', () => {
    const contents = hardened();
    expect(contents.fire('will-navigate', home).defaultPrevented).toBe(false);
  });

  it('denies window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: home })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const contents = hardened();
    expect(contents.fire('will-attach-webview').defaultPrevented).toBe(true);
  });
});

describe('installSecurity', () => {
  it('secures the session and hardens every web contents created later', () => {
    const ses = createFakeSession();
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const app = { on: vi.fn((name: string, listener: (...args: unknown[]) => void) => listeners.set(name, listener)) };
    installSecurity(app as unknown as Pick<App, 'on'>, ses as unknown as Session, home);

    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledOnce();

    const contents = new FakeWebContents();
    listeners.get('web-contents-created')?.({}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});
