import { z } from 'zod';
import { method } from './define';
import { empty, id, localDay, text } from '../schemas/common';
import type { ErrorShape } from '../errors';

/** A day (R4), a week (R3), a month (R1/R2), a quarter (R1), a range of local days (both inclusive), or all time (the CLI's --all). */
export const periodInput = z.union([
  z.strictObject({ day: localDay }),
  /** ISO week "2026-W47", or any day of it */
  z.strictObject({ week: z.string().regex(/^(20\d\d-W(0[1-9]|[1-4]\d|5[0-3])|20\d\d-\d{2}-\d{2})$/, 'week like 2026-W47') }),
  z.strictObject({ month: z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'month like 2026-10 (2000–2099)') }),
  z.strictObject({ quarter: z.string().regex(/^20\d\d-Q[1-4]$/, 'quarter like 2026-Q4') }),
  z.strictObject({ from: localDay, to: localDay }),
  z.strictObject({ all: z.literal(true) }),
]);

/** report: the printable HTML page; pdf: the same page printed by Electron (not in browser mode or plain Node) */
export const exportFormat = z.enum(['xlsx', 'csv', 'report', 'pdf']);
export type ExportFormat = z.infer<typeof exportFormat>;
export const exportLanguage = z.enum(['en', 'zh-CN']);
export type ExportLanguage = z.infer<typeof exportLanguage>;

export const exportStartInput = z.strictObject({
  period: periodInput,
  format: exportFormat,
  /** browser mode has no folder dialog: a typed path, default exports/ beside the database */
  folder: text(1000).trim().min(1),
  /** headers, sheet names and the report follow the UI language */
  language: exportLanguage,
});

export const exportJobInput = z.strictObject({ jobId: id });

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportProgress {
  jobId: string;
  state: ExportState;
  format: ExportFormat;
  /** rows written so far / rows in the period (fixed when the export starts) */
  done: number;
  total: number;
  /** rows per table, e.g. { calls: 1234, customers: 321 } */
  counts: Record<string, number>;
  /** file names written into `folder` (only once complete) */
  files: string[];
  folder: string;
  error: ErrorShape | null;
}

export interface ExportLogEntry {
  id: string;
  at: string;
  actor: string;
  periodLabel: string;
  format: ExportFormat;
  folder: string;
  status: ExportState;
  counts: Record<string, number>;
}

export const exportsContract = {
  /** team lead only; returns at once, the export runs as a job */
  'exports.start': method<ExportProgress>()(exportStartInput),
  'exports.progress': method<ExportProgress>()(exportJobInput),
  'exports.cancel': method<ExportProgress>()(exportJobInput),
  /** the default target folder (exports/ beside the database) and the formats this transport can write */
  'exports.defaults': method<{ folder: string; formats: ExportFormat[] }>()(empty),
  /** the audit trail of exports (R4: personal data leaving the app is recorded) */
  'exports.log': method<ExportLogEntry[]>()(empty),
};
