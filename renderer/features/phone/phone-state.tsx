// The phone's state as the renderer sees it: one long poll (phone.state waits for the next change),
// shared by the ringing banner, the call screen and the missed list.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import type { PhoneState } from '../../../shared/schemas/phone';

const PhoneContext = createContext<PhoneState | null>(null);
export const usePhone = () => useContext(PhoneContext);

export function PhoneProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PhoneState | null>(null);
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
    };
  }, []);
  return <PhoneContext.Provider value={state}>{children}</PhoneContext.Provider>;
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
