/** The service's notion of "now"; tests and e2e move it (CALL_CONSOLE_NOW_OFFSET_MS) instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}
