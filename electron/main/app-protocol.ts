// The renderer is served through our own `app://` scheme instead of `file://` (Electron security
// checklist, item 18): a file: page may read any file the user can (and every file: URL counts as
// the same origin), while app://call-console/ answers only for files inside the built renderer
// folder. Everything else (`..`, encoded or not, a symlink leading out, a folder, an unknown file
// type, a source map) is a 404.
import type { Protocol } from 'electron';
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '../core/infra/csp';

export const appScheme = 'app';
/** A standard scheme needs a host; it is fixed, so the origin is always app://call-console. */
export const appHost = 'call-console';
export const rendererIndexUrl = `${appScheme}://${appHost}/index.html`;

/**
 * Must run before the app is ready. standard: relative URLs and the origin work like https (the
 * bundle's ./assets/… paths resolve); secure: a secure context, like https; supportFetchAPI: the
 * page's own fetches of its assets. No bypassCSP, no corsEnabled, no stream: nothing it needs.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The types the renderer build contains; anything else is not served. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The file under `root` that `url` names, or null. The URL parser has already folded `.` and `..`
 * segments (also `%2e%2e`); what is decoded after that (`..%2f..%2f`, `%5c`) is checked again as a
 * path, and the real path (symlinks resolved) must still be inside the real root.
 */
export function appFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (!inside(base, file)) return null;
  if (!(extname(file).toLowerCase() in contentTypes)) return null;
  try {
    const real = realpathSync(file);
    if (!inside(realpathSync(base), real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null; // does not exist
  }
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The handler `protocol.handle('app', …)` gets: GET of a file under `root`, with our CSP. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = appFileFor(root, request.url);
    if (!file) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypes[extname(file).toLowerCase()]!,
        // the session adds it to every response too (security.ts); here it cannot be missed
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

/** After ready: serve the renderer folder on app://call-console/. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(appScheme, appProtocolHandler(root));
}
