// `"Call Console" --cli export …`: the installed app runs the same command line as
// `npm run cli`, so IT can schedule month-end exports on workstations without Node. Release
// builds disable ELECTRON_RUN_AS_NODE (fuses), so the CLI runs inside the app process instead:
// no window, no single-instance lock (a scheduled export must not be refused because an agent
// has the console open: SQLite's WAL lets both read and write safely).
import type { App } from 'electron';
import { runCli, type CliIo } from '../core/entry/cli';
import type { PdfPrinter } from '../core/exports/pdf';

export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at < 0 ? null : argv.slice(at + 1);
}

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function runCliMode(app: Pick<App, 'exit' | 'on'>, args: string[], nativeBinding: string | undefined, printPdf?: PdfPrinter): Promise<number> {
  // Printing a PDF opens and closes a hidden window; by default Electron quits when its last
  // window closes, which would end the export before its file is written. The CLI exits itself.
  app.on('window-all-closed', () => undefined);
  let code: number;
  try {
    code = await runCli(args, consoleIo, { ...(nativeBinding ? { nativeBinding } : {}), ...(printPdf ? { printPdf } : {}) });
  } catch (err) {
    consoleIo.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    code = 1;
  }
  app.exit(code);
  return code;
}
