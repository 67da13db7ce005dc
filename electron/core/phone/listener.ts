// The phone listener: where PBX connectors (Zammad generic CTI fields) and softphone hooks (through
// `npm run cli -- phone …`) deliver call events. Invariants: listens on 127.0.0.1 only; every
// request carries the workstation's phone token (path, or Bearer header) checked before anything
// else; the Host header must name our loopback origin (no DNS rebinding); bodies are small.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../entry/args';
import { LOOPBACK } from '../entry/browser-server';
import type { PhoneRuntime, SourceOutcome } from './runtime';
import { hookFromBody } from './hooks';

const MAX_BODY_BYTES = 64 * 1024;

export interface PhoneListener {
  port: number;
  server: Server;
  close(): Promise<void>;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
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

/** Form-encoded (what Zammad connectors send) or JSON, by Content-Type. */
function parseFields(body: string, contentType: string | undefined): Record<string, unknown> | string {
  if (/^application\/json\b/i.test(contentType ?? '')) {
    try {
      const value: unknown = JSON.parse(body || '{}');
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'body must be a JSON object';
    } catch {
      return 'body is not JSON';
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function reply(res: ServerResponse, outcome: SourceOutcome): void {
  if (outcome.ok) return send(res, 200, { ok: true, outcome: outcome.outcome });
  const status = outcome.outcome === 'malformed' ? 400 : 409;
  send(res, status, {
    ok: false,
    outcome: outcome.outcome,
    error: { code: outcome.outcome === 'malformed' ? 'validation' : 'conflict', message: outcome.message, fields: outcome.fields ?? [] },
  });
}

export async function startPhoneListener(runtime: PhoneRuntime, options: { token: string; port?: number }): Promise<PhoneListener> {
  let origins = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const zammadPath = /^\/api\/v1\/cti\/([^/]+)$/.exec(url.pathname);
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const given = zammadPath ? decodeURIComponent(zammadPath[1]!) : bearer;
    if (!sameToken(given, options.token)) return send(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token' } });
    if (!origins.has(req.headers.host ?? '')) return send(res, 421, { ok: false, error: { code: 'forbidden', message: 'Wrong host' } });
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'validation', message: 'POST only' } });
    const route = zammadPath || url.pathname === '/phone/cti' ? 'cti' : url.pathname === '/phone/hook' ? 'hook' : null;
    if (!route) return send(res, 404, { ok: false, error: { code: 'not_found', message: 'Unknown path' } });
    void (async () => {
      const body = await readBody(req);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'validation', message: 'Body too large' } });
      const fields = parseFields(body, req.headers['content-type']);
      if (typeof fields === 'string') return send(res, 400, { ok: false, outcome: 'malformed', error: { code: 'validation', message: fields } });
      if (route === 'cti') return reply(res, runtime.acceptZammad(fields));
      try {
        return reply(res, runtime.acceptHook(hookFromBody(fields)));
      } catch (err) {
        if (err instanceof UsageError) return send(res, 400, { ok: false, outcome: 'malformed', error: { code: 'validation', message: err.message } });
        throw err;
      }
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'Server error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origins = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
