// Browser mode: the same dispatcher as Electron's IPC, served to Chromium on loopback only.
// Invariants: listens on 127.0.0.1 and nowhere else; every /api request must carry the per-run
// token (checked before anything else); the Host header must name our loopback origin, so a
// DNS-rebinding page cannot talk to us either.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../dispatch';
import { contentSecurityPolicy } from '../infra/csp';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface BrowserServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function tokenMatches(header: string | undefined, token: string): boolean {
  // the scheme is part of the contract: a bare token is refused
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, dispatch: Dispatch): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
  const body = await readBody(req);
  if (body === null) {
    return send(res, 413, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Request body too large' } }));
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return send(res, 400, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Body is not JSON' } }));
  }
  send(res, 200, JSON.stringify(await dispatch(method, input)));
}

async function handleStatic(res: ServerResponse, staticDir: string, pathname: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'Bad request', 'text/plain'); // "/%": a malformed escape is the client's error
  }
  const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(normalize(staticDir) + sep) || relative.includes('\0')) return send(res, 404, 'Not found', 'text/plain');
  // source maps show the source to anyone on the machine who finds the port: never served
  if (extname(file) === '.map') return send(res, 404, 'Not found', 'text/plain');
  try {
    // a symlink placed under the renderer folder must not reach files outside it
    const root = await realpath(staticDir);
    if ((await lstat(file)).isSymbolicLink() || !(await realpath(file)).startsWith(root + sep)) return send(res, 404, 'Not found', 'text/plain');
    const data = await readFile(file);
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(data);
  } catch {
    send(res, 404, 'Not found', 'text/plain');
  }
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? newToken();
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const isApi = url.pathname.startsWith('/api/');
    if (isApi && !tokenMatches(req.headers.authorization, token)) {
      return send(res, 401, JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Missing or wrong token' } }));
    }
    if (req.headers.host !== origin) return send(res, 421, 'Wrong host', 'text/plain');
    const work = isApi ? handleApi(req, res, url.pathname.slice('/api/'.length), options.dispatch) : handleStatic(res, options.staticDir, url.pathname);
    work.catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: 'Server error' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `${LOOPBACK}:${port}`;
  return {
    url: `http://${origin}/#token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
