// Errors cross the process boundary as data: Electron's invoke keeps only an Error's message,
// so every failure travels as { code, message, fields } and the renderer translates the code.

export const errorCodes = [
  'validation', // input did not match the contract's schema
  'unknown_method',
  'forbidden', // IPC from a frame that is not ours
  'not_found',
  'conflict', // e.g. the record changed state underneath the request
  'erased', // the record's personal data was erased: nothing is written back into it (field erasedAt says when)
  'rule', // a service-policy rule refused the action (details in `rule`)
  'db_newer', // database written by a newer app version: refused untouched
  'db_corrupt',
  'db_foreign', // the file is some other program's SQLite database: refused untouched
  'db_unavailable', // locked, read-only or full disk
  'io', // file system trouble while exporting or backing up
  'cancelled',
  'unsupported', // this transport cannot do it (PDF needs Electron's printToPDF)
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  /** dotted path into the input, e.g. "caller.name" */
  path: string;
  /** zod issue code or a rule id; the renderer maps it to a translated message */
  code: string;
  message: string;
}

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  /** a service-policy rule id (P5, C4, …) when code is "rule" */
  rule?: string;
  fields?: FieldError[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** Thrown by the service; dispatch turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly rule: string | undefined;
  readonly fields: FieldError[] | undefined;
  constructor(code: ErrorCode, message: string, extra: { rule?: string; fields?: FieldError[] } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.rule = extra.rule;
    this.fields = extra.fields;
  }
  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message };
    if (this.rule) shape.rule = this.rule;
    if (this.fields) shape.fields = this.fields;
    return shape;
  }
}
