import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserServer, type BrowserServer } from '../../../../../electron/core/entry/browser-server';
import { memoryCore, snapshot } from '../../../../helpers/core';
import type { Core } from '../../../../../electron/core/entry/start-core';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(
  port: number,
  path: string,
  init: { method?: string; token?: string; authorization?: string; body?: string; host?: string; address?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: init.address ?? '127.0.0.1',
        port,
        path,
        method: init.method ?? 'POST',
        headers: {
          'Content-Type': 'application/json',
          Host: init.host ?? `127.0.0.1:${port}`,
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...(init.authorization ? { Authorization: init.authorization } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

let core: Core;
let server: BrowserServer;
let staticDir: string;

beforeEach(async () => {
  core = memoryCore();
  staticDir = mkdtempSync(join(tmpdir(), 'cc-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Call Console</title>');
  server = await startBrowserServer({ dispatch: core.dispatch, staticDir });
});
afterEach(async () => {
  await server.close();
  core.close();
});

test('prints a loopback URL that carries the token', () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  expect(server.token.length).toBeGreaterThanOrEqual(32);
});

test('an API request without the token gets 401 and changes nothing', async () => {
  const before = snapshot(core.db);
  const reply = await send(server.port, '/api/calls.start', { body: '{}' });
  expect(reply.status).toBe(401);
  expect(snapshot(core.db)).toBe(before);
});

test('401 comes before anything else is looked at: unknown methods, bad bodies, wrong hosts', async () => {
  expect((await send(server.port, '/api/no.such', { body: 'not json' })).status).toBe(401);
  expect((await send(server.port, '/api/calls.start', { body: '{}', host: 'evil.example' })).status).toBe(401);
  expect((await send(server.port, '/api/calls.start', { body: '{}', token: 'x'.repeat(32) })).status).toBe(401);
});

test('with the token the same dispatcher answers with an envelope', async () => {
  const reply = await send(server.port, '/api/calls.start', { body: '{}', token: server.token });
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { status: 'open', direction: 'inbound' } });
  const bad = await send(server.port, '/api/calls.get', { body: '{"id": 5}', token: server.token });
  expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
});

test('a request naming another host is refused (DNS rebinding)', async () => {
  const reply = await send(server.port, '/api/app.info', { body: '{}', token: server.token, host: 'attacker.example:80' });
  expect(reply.status).toBe(421);
});

test('listens on 127.0.0.1 only', async () => {
  const address = server.server.address();
  expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  // 127.0.0.2 and ::1 answer only if the server bound a wildcard address: they prove the point
  // on any machine, with or without a network card.
  for (const other of ['127.0.0.2', '::1', ...others]) {
    await expect(send(server.port, '/', { method: 'GET', address: other })).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL/);
  }
});

test('serves the renderer with the CSP, and nothing outside its folder', async () => {
  const page = await send(server.port, '/', { method: 'GET' });
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect((await send(server.port, '/../../etc/passwd', { method: 'GET' })).status).toBe(404);
  expect((await send(server.port, '/%2e%2e/%2e%2e/etc/passwd', { method: 'GET' })).status).toBe(404);
});

test("a malformed escape (GET /%) is the client's error: 400, not 500", async () => {
  expect((await send(server.port, '/%', { method: 'GET' })).status).toBe(400);
  expect((await send(server.port, '/%E0%A4%A', { method: 'GET' })).status).toBe(400);
});

test('the token counts only with the Bearer scheme', async () => {
  const bare = await send(server.port, '/api/app.info', { authorization: server.token, body: '{}' });
  expect(bare.status).toBe(401);
  expect((await send(server.port, '/api/app.info', { authorization: `Basic ${server.token}`, body: '{}' })).status).toBe(401);
  expect((await send(server.port, '/api/app.info', { token: server.token, body: '{}' })).status).toBe(200);
});

test('source maps are not served, and symlinks under the renderer folder are not followed', async () => {
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'app.js.map'), '{"sources":["secret.ts"]}');
  const outside = mkdtempSync(join(tmpdir(), 'cc-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'not yours');
  symlinkSync(join(outside, 'secret.txt'), join(staticDir, 'link.txt'));
  mkdirSync(join(staticDir, 'assets'));
  symlinkSync(outside, join(staticDir, 'assets', 'dir'));
  expect((await send(server.port, '/app.js', { method: 'GET' })).status).toBe(200);
  expect((await send(server.port, '/app.js.map', { method: 'GET' })).status).toBe(404);
  const link = await send(server.port, '/link.txt', { method: 'GET' });
  expect([link.status, link.body]).toEqual([404, 'Not found']);
  expect((await send(server.port, '/assets/dir/secret.txt', { method: 'GET' })).status).toBe(404);
});
