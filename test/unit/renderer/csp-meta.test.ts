import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from '../../../electron/core/infra/csp';

// The meta tag is the fallback for file:// loads in Electron; it must say what the header says
// (minus frame-ancestors, which browsers ignore in a meta tag).
test('the page carries the same Content-Security-Policy as the response header', () => {
  const html = readFileSync(resolve(__dirname, '../../../renderer/index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  const header = contentSecurityPolicy.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
  expect(meta?.split('; ').sort()).toEqual(header.sort());
});
