// What every domain's handler factory receives, and the handler types the service composes. Domains
// import these types from here, never from service.ts, so service.ts can import every domain
// without an import cycle.
import type { Db } from './db/open';
import type { Clock } from './infra/clock';
import type { Input, Method, Output } from '../../shared/contract';
import type { AppInfo } from '../../shared/contract/app';
import type { Agent } from '../../shared/schemas/agent';
import type { LeadLock } from './lead/lead-pin';
import type { ManagedConfigResult } from '../../shared/schemas/managed-config';
import type { Logger } from './infra/logger';
import type { PdfPrinter } from './exports/pdf';
import type { SyncStatus } from '../../shared/contract/sync';
import type { ScrubRunner } from './privacy/scrub-jobs';

export interface Session {
  /** the agent signed in at this workstation (one per running app) */
  agent: Agent | null;
  /** team-lead actions are allowed until this instant (ms since epoch); 0 = locked */
  leadUntil: number;
  /** who typed the PIN: lead actions are recorded under this agent (signing in or out locks) */
  leadAgent: Agent | null;
  leadLock: LeadLock;
}

export function newSession(): Session {
  return { agent: null, leadUntil: 0, leadAgent: null, leadLock: { failures: 0, blockedUntil: 0 } };
}

/** What only the process that started the core knows: files, config, logger. */
export interface RuntimeInfo {
  dbFile: string;
  managed: ManagedConfigResult;
  backupKeep: number;
  logger: Logger;
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
  /** where the phone listener can be reached (set once it listens; for the lead's settings view) */
  phoneEndpoint?: { port: number; token: string };
  /** cleans erasures' backups, damaged copies and WAL off the service's thread (absent: done inline) */
  scrubs?: ScrubRunner;
  /** team mode's continuous sync, when the managed configuration names a connection file */
  teamSync?: { status(): SyncStatus };
}

export type Handler<M extends Method> = (input: Input<M>) => Output<M> | Promise<Output<M>>;
/** The type makes a contract method without a handler a compile error. */
export type Handlers = { [M in Method]: Handler<M> };
/** The handlers of one domain's part of the contract, e.g. DomainHandlers<typeof callsContract>. */
export type DomainHandlers<C> = { [M in keyof C & Method]: Handler<M> };
