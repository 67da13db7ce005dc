// The phone's state as the renderer sees it: one long poll (phone.state waits for the next change),
// shared by the ringing banner, the call screen and the missed list.
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api } from './api';
import type { PhoneState } from '../../shared/schemas/phone';

// A tiny store rather than a context: a ring re-renders the banner and what reads the part that
// changed, not the whole call screen (the pop's latency is what the agent waits for).
let current: PhoneState | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const setState = (next: PhoneState | null) => {
  current = next;
  for (const l of listeners) l();
};

/** The whole phone state (re-renders on every change). */
export const usePhone = () => useSyncExternalStore(subscribe, () => current);
/** One value derived from it (a number, a string, a boolean): re-renders only when that value changes. */
export const usePhoneValue = <T,>(select: (state: PhoneState | null) => T): T => useSyncExternalStore(subscribe, () => select(current));
/** The state right now, for event handlers. */
export const phoneNow = () => current;

export function PhoneProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    let stopped = false;
    let version = -1;
    void (async () => {
      while (!stopped) {
        try {
          const next = await api('phone.state', version < 0 ? {} : { after: version, waitMs: 25_000 });
          if (stopped) return;
          if (next.version !== version || version < 0) setState(next);
          version = next.version;
        } catch {
          // the service restarting or unreachable: try again shortly, the banner keeps its last state
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    })();
    return () => {
      stopped = true;
      setState(null);
    };
  }, []);
  return <>{children}</>;
}

/** Re-renders every `ms` while `on`: live ring counts and call timers. */
export function useTicker(on: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
  return now;
}

/** 0:07, 12:30, 1:02:03 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
