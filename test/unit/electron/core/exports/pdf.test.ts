// R2 as PDF: the core hands the report page to the shell's printer and writes what comes back
// like every other export file (temporary name, renamed when complete, logged). Where there is no
// printer (browser mode, plain Node) PDF is not offered and is refused with a clear reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { runCli } from '../../../../../electron/core/entry/cli';
import { newId } from '../../../../../electron/core/infra/ids';
import { openDatabase } from '../../../../../electron/core/db/open';
import type { PdfPrinter } from '../../../../../electron/core/exports/pdf';
import type { ExportProgress } from '../../../../../shared/contract/exports';
import { call, fixedClock } from '../../../../helpers/core';
import { filesIn, insertCall, tempFolder } from '../../../../helpers/exports';

const PDF = Buffer.from('%PDF-1.7\n% a printed report\n%%EOF\n', 'latin1');

function printer(result: () => Promise<Uint8Array> = async () => PDF) {
  const pages: string[] = [];
  const print: PdfPrinter = async (html) => {
    pages.push(html);
    return result();
  };
  return { print, pages };
}

async function leadCore(printPdf?: PdfPrinter): Promise<Core> {
  const core = startCore({
    dbFile: ':memory:',
    transport: 'electron',
    version: 'test',
    clock: fixedClock('2026-11-01T02:00:00.000Z'),
    ...(printPdf ? { printPdf } : {}),
  });
  const agentId = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, '李娜', 'lead', '2026-01-01T00:00:00.000Z')").run(agentId);
  await call(core, 'session.signIn', { agentId });
  await call(core, 'lead.setPin', { pin: '246800' });
  insertCall(core.db, { createdAt: '2026-10-10T02:00:00.000Z', callerName: '张伟', category: 'complaint' });
  insertCall(core.db, { createdAt: '2026-10-31T15:30:00.000Z', callerName: 'Maria', category: 'inquiry' });
  return core;
}

async function settled(core: Core, started: ExportProgress): Promise<ExportProgress> {
  for (let i = 0; i < 1000; i++) {
    const p = await call(core, 'exports.progress', { jobId: started.jobId });
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('export did not finish');
}

test('where the app can print, the lead exports the month report as a PDF file, logged like any export', async () => {
  const { print, pages } = printer();
  const core = await leadCore(print);
  expect((await call(core, 'exports.defaults', {})).formats).toEqual(['xlsx', 'csv', 'report', 'pdf']);
  const folder = tempFolder();
  const started = await call(core, 'exports.start', { period: { month: '2026-10' }, format: 'pdf', folder, language: 'zh-CN' });
  const done = await settled(core, started);
  expect(done).toMatchObject({ state: 'done', files: ['service-report-2026-10.pdf'], counts: { calls: 2 } });
  expect(readFileSync(join(folder, 'service-report-2026-10.pdf'))).toEqual(PDF);
  expect(filesIn(folder)).toEqual(['service-report-2026-10.pdf']);
  // what was printed is the report page of that month, in the lead's language, with its charts
  expect(pages).toHaveLength(1);
  expect(pages[0]).toContain('月度服务监督报告');
  expect(pages[0]).toContain('期间：2026-10-01 至 2026-10-31'); // the month's local days, both inclusive
  expect(pages[0]).toContain('<svg');
  expect(await call(core, 'exports.log', {})).toEqual([expect.objectContaining({ format: 'pdf', status: 'done', actor: '李娜' })]);
  core.close();
});

test.each([
  ['the printer fails', async () => Promise.reject(new Error('GPU process crashed')), /Printing the report to PDF failed: GPU process crashed/],
  ['the printer gives no PDF', async () => Buffer.from('<html>'), /gave no PDF/],
])('when %s, the export fails with a reason, leaves no file and is logged as failed', async (_, result, reason) => {
  const core = await leadCore(printer(result).print);
  const folder = tempFolder();
  const done = await settled(core, await call(core, 'exports.start', { period: { month: '2026-10' }, format: 'pdf', folder, language: 'en' }));
  expect(done.state).toBe('failed');
  expect(done.error?.message).toMatch(reason);
  expect(filesIn(folder)).toEqual([]);
  expect(await call(core, 'exports.log', {})).toEqual([expect.objectContaining({ format: 'pdf', status: 'failed' })]);
  core.close();
});

test('without a printer (browser mode) PDF is not offered, and asking for it is refused before anything is written', async () => {
  const core = await leadCore();
  expect((await call(core, 'exports.defaults', {})).formats).toEqual(['xlsx', 'csv', 'report']);
  const folder = tempFolder();
  const result = await core.dispatch('exports.start', { period: { month: '2026-10' }, format: 'pdf', folder, language: 'en' });
  expect(result).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/desktop app.*print dialog/) } });
  expect(filesIn(folder)).toEqual([]);
  expect(core.db.prepare('SELECT count(*) FROM exports_log').pluck().get()).toBe(0);
  core.close();
});

test("the installed app's command line prints the PDF with the printer it is given", async () => {
  const dir = tempFolder('cc-pdf-cli-');
  const file = join(dir, 'calls.db');
  const db = openDatabase(file);
  insertCall(db, { createdAt: '2026-10-10T02:00:00.000Z', callerName: '张伟' });
  db.close();
  const { print, pages } = printer();
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`err: ${l}`) };
  const out = join(dir, 'out');
  const code = await runCli(['export', '--db', file, '--month', '2026-10', '--format', 'pdf', '--out', out, '--lang', 'en'], io, { printPdf: print });
  expect(code).toBe(0);
  expect(readFileSync(join(out, 'service-report-2026-10.pdf'))).toEqual(PDF);
  expect(pages[0]).toContain('Monthly service supervision report');
  expect(pages[0]).toContain('Period: 2026-10-01 – 2026-10-31 (whole days, local time)');
  expect(pages[0]).toContain('by the scheduled export'); // a human signature, not "cli:root"
  expect(pages[0]).not.toContain('cli:');
  expect(lines).toContain('  file: service-report-2026-10.pdf');
});
