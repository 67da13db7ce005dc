import type { z } from 'zod';

/**
 * One contract entry: the zod schema that checks the renderer's input at run time, and the
 * result type (types only: results are produced by our own service, not by an untrusted party).
 */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** phantom: never read at run time */
  output?: (value: O) => O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}
