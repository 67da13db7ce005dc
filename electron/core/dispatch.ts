// Invariant: nothing from a transport reaches the service unvalidated, and nothing leaves it
// but an envelope: { ok, value } or { ok: false, error: { code, message, fields } }. No stack
// traces cross the boundary.
import { contract,isMethod } from '../../shared/contract';
import { AppError,type Envelope,type FieldError } from '../../shared/errors';
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
