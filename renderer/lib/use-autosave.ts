import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; error: unknown };

/**
 * Collects changes and writes them after a short pause in typing, so a keystroke never waits on
 * the database and a crash loses at most the last `delayMs` of typing. `flush` writes now.
 */
export function useAutosave<T extends object>(write: (changes: Partial<T>) => Promise<void>, delayMs = 300) {
  const pending = useRef<Partial<T>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const writeRef = useRef(write);
  writeRef.current = write;
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const changes = pending.current;
    if (Object.keys(changes).length === 0) return inFlight.current;
    pending.current = {};
    setState({ kind: 'saving' });
    // Writes are chained so an older autosave never lands after a newer one.
    inFlight.current = inFlight.current
      .then(() => writeRef.current(changes))
      .then(
        () => setState({ kind: 'saved', at: new Date() }),
        (error: unknown) => {
          pending.current = { ...changes, ...pending.current };
          setState({ kind: 'failed', error });
        },
      );
    return inFlight.current;
  }, []);

  const change = useCallback(
    (changes: Partial<T>) => {
      pending.current = { ...pending.current, ...changes };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(() => () => void flush(), [flush]);
  return { change, flush, state };
}
