import { method } from './define';
import { empty } from '../schemas/common';
import type { ConfigProblem, ManagedConfig } from '../schemas/managed-config';

/** What the About screen shows and the diagnostic summary carries: no customer data, ever. */
export interface Diagnostics {
  version: string;
  transport: 'electron' | 'browser';
  platform: string;
  arch: string;
  /** Node's version, and Electron's/Chromium's when running in Electron */
  runtime: { node: string; electron: string | null; chrome: string | null };
  database: {
    path: string;
    /** null for an in-memory database */
    sizeBytes: number | null;
    walBytes: number | null;
    schemaVersion: number;
  };
  backups: {
    folder: string | null;
    keep: number;
    last: { file: string; at: string } | null;
  };
  managedConfig: {
    file: string;
    found: boolean;
    problems: ConfigProblem[];
    /** the values in force; the PIN hash itself never leaves the core */
    effective: Omit<ManagedConfig, 'leadPinHash'> & { leadPinSet: boolean };
  };
  logs: { folder: string | null; failedWrites: number };
  generatedAt: string;
}

export const aboutContract = {
  'about.diagnostics': method<Diagnostics>()(empty),
};
