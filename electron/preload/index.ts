// Invariant: the page gets `window.callConsole` with exactly one function per contract method, each
// forwarding its input to ipcRenderer.invoke on the channel of that name, and nothing else: never
// ipcRenderer, invoke, send or on. This preload runs sandboxed as one CommonJS bundle, so it
// imports nothing but 'electron' (no zod, no electron/core, no shared code at run time); the method
// list arrives from the main process in argv (see electron/main/window.ts).
import { contextBridge, ipcRenderer } from 'electron';

/** Must match methodsArgPrefix in electron/main/window.ts. */
const methodsArgPrefix = '--call-console-methods=';

// Contract names are "domain.verb"; anything else in argv is not a method we should expose.
const methodName = /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/;

export type CallConsoleApi = Record<string, (input?: unknown) => Promise<unknown>>;

export function methodsFromArgv(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(methodsArgPrefix));
  if (!arg) return [];
  const names = arg.slice(methodsArgPrefix.length).split(',');
  return [...new Set(names.filter((name) => methodName.test(name)))];
}

export function buildApi(methods: readonly string[], invoke: (channel: string, input: unknown) => Promise<unknown>): CallConsoleApi {
  // Each closure captures its own channel name, so the page cannot choose one.
  return Object.freeze(Object.fromEntries(methods.map((name) => [name, (input?: unknown) => invoke(name, input)])));
}

contextBridge.exposeInMainWorld(
  'callConsole',
  buildApi(methodsFromArgv(process.argv), (channel, input) => ipcRenderer.invoke(channel, input)),
);
