// Deny by default: the renderer is our own bundle (served on app://, app-protocol.ts) and nothing else. It gets no Node, no
// permission but notifications, no navigation, no new windows and no <webview>; IPC is answered only for our page.
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../core/infra/csp';

export function secureWebPreferences(preloadPath: string, additionalArguments: string[] = []): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    additionalArguments,
  };
}

/** The hidden window that prints the report to PDF: as locked down, no preload, and no script at all (the page has none). */
export function printWebPreferences(): WebPreferences {
  const { preload: _preload, additionalArguments: _arguments, ...locked } = secureWebPreferences('');
  return { ...locked, javascript: false };
}

/**
 * True only for our own renderer page: exactly the index.html we loaded, app://call-console/index.html
 * (app-protocol.ts; the hash may differ: it is client-side routing, not another document). Any
 * other page of the scheme, file:, http(s), data:, about:blank or a missing URL is foreign.
 */
export function isTrustedSender(frameUrl: string | null | undefined, rendererIndexUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let ours: URL;
  try {
    frame = new URL(frameUrl);
    ours = new URL(rendererIndexUrl);
  } catch {
    return false;
  }
  // file: stays understood for a page loaded from disk; the app loads app: (app-protocol.ts)
  if (frame.protocol !== ours.protocol || (ours.protocol !== 'app:' && ours.protocol !== 'file:')) return false;
  // file://server/share/... is a network path, never our install folder; app://other is not ours
  if (frame.host !== ours.host) return false;
  return frame.pathname === ours.pathname && frame.search === ours.search;
}

function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // drop any policy that arrived with the response so ours is the only one
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}

// The one permission the console uses: desktop notifications for due complaint replies (C3),
// and only for our own page.
const allowedPermissions: ReadonlySet<string> = new Set(['notifications']);

/** CSP on every response; no permission but notifications for our own page, asked for or checked. */
export function secureSession(ses: Session, rendererIndexUrl: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowedPermissions.has(permission) && isTrustedSender(details?.requestingUrl, rendererIndexUrl)),
  );
  ses.setPermissionCheckHandler(
    (_contents, permission, _origin, details) => allowedPermissions.has(permission) && isTrustedSender(details?.requestingUrl, rendererIndexUrl),
  );
  ses.setDevicePermissionHandler(() => false);
}

/** No way out of our page: navigation, redirects, popups and webviews are refused. */
export function hardenWebContents(contents: WebContents, rendererIndexUrl: string): void {
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (!isTrustedSender(event.url, rendererIndexUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies all of the above: the default session now, every web contents as it is created. */
export function installSecurity(app: Pick<App, 'on'>, ses: Session, rendererIndexUrl: string): void {
  secureSession(ses, rendererIndexUrl);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererIndexUrl));
}
