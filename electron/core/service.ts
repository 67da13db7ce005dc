import type { Db } from './db/open';
import type { Clock } from './clock';
import type { Input, Method, Output } from '../../shared/contract';
import type { AppInfo } from '../../shared/contract/app';
import type { Agent } from '../../shared/schemas/agent';
import { agentHandlers } from './agents';
import type { LeadLock } from './lead-pin';
import { callHandlers } from './calls';
import { privacyHandlers } from './erasure';
import { exportHandlers } from './exports';
import { reportHandlers } from './reports';
import { aboutHandlers, type RuntimeInfo } from './diagnostics';
import { complaintHandlers } from './complaints';
import { callbackHandlers } from './callbacks';
import { searchHandlers } from './search';
import { scriptHandlers } from './scripts';
import { settingsHandlers } from './settings';
import type { PdfPrinter } from './export/pdf';
import { syncHandlers, type SyncStatusSource } from './sync/handlers';

export interface Session {
  /** the agent signed in at this workstation (one per running app) */
  agent: Agent | null;
  /** team-lead actions are allowed until this instant (ms since epoch); 0 = locked */
  leadUntil: number;
  leadLock: LeadLock;
}

export function newSession(): Session {
  return { agent: null, leadUntil: 0, leadLock: { failures: 0, blockedUntil: 0 } };
}

export interface ServiceContext {
  db: Db;
  clock: Clock;
  info: AppInfo;
  session: Session;
  /** better-sqlite3 build for this runtime, for files the service opens itself (backups) */
  nativeBinding?: string;
  /** personal data older than this many months is erased automatically (managed config) */
  retentionMonths?: number;
  /** files, managed config and logger of this run (startCore sets it; tests may omit it) */
  runtime?: RuntimeInfo;
  /** the Electron shell's report printer (R2 as PDF); absent in browser mode and the Node CLI */
  printPdf?: PdfPrinter;
  /** team mode's continuous sync, when the managed configuration names a connection file */
  teamSync?: SyncStatusSource;
}

export type Handler<M extends Method> = (input: Input<M>) => Output<M> | Promise<Output<M>>;
/** The type makes a contract method without a handler a compile error. */
export type Handlers = { [M in Method]: Handler<M> };
/** The handlers of one domain's part of the contract, e.g. DomainHandlers<typeof callsContract>. */
export type DomainHandlers<C> = { [M in keyof C & Method]: Handler<M> };

/** Joins the per-domain handler maps, refusing a method registered twice. */
export function compose(...parts: Partial<Handlers>[]): Handlers {
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (name in all) throw new Error(`method ${name} is registered twice`);
      all[name] = handler;
    }
  }
  return all as Handlers;
}

export function createService(ctx: ServiceContext): Handlers {
  return compose(
    { 'app.info': () => ctx.info },
    agentHandlers(ctx),
    callHandlers(ctx),
    scriptHandlers(ctx),
    settingsHandlers(ctx),
    complaintHandlers(ctx),
    callbackHandlers(ctx),
    searchHandlers(ctx),
    exportHandlers(ctx),
    reportHandlers(ctx),
    aboutHandlers(ctx),
    privacyHandlers(ctx),
    syncHandlers(ctx),
  );
}
