// Invariant: nothing from a transport reaches the service unvalidated, and nothing leaves it
// but an envelope: { ok, value } or { ok: false, error: { code, message, fields } }. No stack
// traces cross the boundary.
import { contract, isMethod } from '../../shared/contract';
import { AppError, type Envelope, type FieldError } from '../../shared/errors';
import type { Handlers } from './context';
import { storageError } from './db/storage-errors';
import type { z } from 'zod';

export type Dispatch = (method: string, raw: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** where unexpected errors are reported (never to the renderer) */
  onInternalError?: (method: string, err: unknown) => void;
}

export function fieldErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, raw) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${String(method).slice(0, 100)}` } };
    }
    // NUL and lone UTF-16 surrogates are refused in any string, whatever the schema: SQLite would
    // store the surrogate as invalid UTF-8 (read back as "���") and NUL cuts text in C code paths.
    const bad = badCharacters(raw);
    if (bad.length > 0) {
      return { ok: false, error: { code: 'validation', message: `Invalid input for ${method}`, fields: bad } };
    }
    // IPC sends undefined for "no argument"; null or anything else is validated as given.
    const parsed = contract[method].input.safeParse(raw === undefined ? {} : raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'validation', message: `Invalid input for ${method}`, fields: fieldErrors(parsed.error.issues) },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() };
      // disk full, locked, read-only: typed and explained, not "internal"
      const storage = storageError(err);
      if (storage) return { ok: false, error: storage.toShape() };
      options.onInternalError?.(method, err);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${method}` } };
    }
  };
}

// eslint-style note: \u0000 and unpaired \ud800-\udfff, checked with the `u` flag's view of pairs
const NUL = String.fromCharCode(0);
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (s: string) => s.includes(NUL) || loneSurrogate.test(s);

/** Paths of the strings in `value` holding NUL or a lone surrogate (keys included), at most 10. */
export function badCharacters(value: unknown, path: string[] = [], out: FieldError[] = [], depth = 0): FieldError[] {
  if (out.length >= 10 || depth > 32) return out;
  const report = (at: string[], s: string) =>
    out.push({ path: at.join('.'), code: s.includes(NUL) ? 'nul_character' : 'lone_surrogate', message: 'text contains a character that cannot be stored' });
  if (typeof value === 'string') {
    if (unstorable(value)) report(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badCharacters(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (unstorable(k)) report([...path, k], k);
      badCharacters(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}
