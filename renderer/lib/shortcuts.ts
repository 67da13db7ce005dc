import { useEffect, useRef } from 'react';

// Function keys, because a browser page cannot take Ctrl+N/Ctrl+T from Chromium and an agent
// with a headset wants one key, not a chord. Ctrl+S works everywhere and is what people try.
export const shortcuts = [
  { id: 'newCall', keys: 'F2', label: 'shortcuts.newCall' },
  { id: 'save', keys: 'Ctrl+S', label: 'shortcuts.save' },
  { id: 'help', keys: 'F1', label: 'shortcuts.help' },
  // the call workspace; labels in the call namespace
  { id: 'outboundCall', keys: 'Shift+F2', label: 'call:shortcut.outboundCall' },
  { id: 'hungUp', keys: 'F4', label: 'call:shortcut.hungUp' },
  { id: 'complete', keys: 'F9', label: 'call:shortcut.complete' },
  { id: 'nextStep', keys: 'Alt+ArrowDown', label: 'call:shortcut.nextStep' },
  { id: 'prevStep', keys: 'Alt+ArrowUp', label: 'call:shortcut.prevStep' },
  { id: 'tickStep', keys: 'Alt+Enter', label: 'call:shortcut.tickStep' },
  { id: 'lateAnswer', keys: 'Alt+L', label: 'call:shortcut.lateAnswer' },
  { id: 'escalate', keys: 'Alt+E', label: 'call:shortcut.escalate' },
  { id: 'transfer', keys: 'Alt+T', label: 'call:shortcut.transfer' },
  { id: 'logComplaint', keys: 'Alt+C', label: 'call:shortcut.logComplaint' },
  { id: 'discard', keys: 'Alt+D', label: 'call:shortcut.discard' },
  { id: 'fillFromCard', keys: 'Alt+F', label: 'call:shortcut.fillFromCard' },
  { id: 'outcome', keys: 'Ctrl+1…9', label: 'call:shortcut.outcome' },
  { id: 'history', keys: 'Alt+H', label: 'call:shortcut.history' },
  { id: 'unfinished', keys: 'Alt+U', label: 'call:shortcut.unfinished' },
  { id: 'screen', keys: 'Alt+1…9', label: 'shortcuts.screen' },
] as const;
export type ShortcutId = (typeof shortcuts)[number]['id'];

function matches(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const wantCtrl = parts.includes('Ctrl');
  const wantAlt = parts.includes('Alt');
  const wantShift = parts.includes('Shift');
  return (
    event.key.toLowerCase() === key.toLowerCase() && (event.ctrlKey || event.metaKey) === wantCtrl && event.altKey === wantAlt && event.shiftKey === wantShift
  );
}

/** Window-level shortcuts; handlers may change every render without re-binding. */
export function useShortcuts(handlers: Partial<Record<ShortcutId, () => void>>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      for (const s of shortcuts) {
        if (s.id === 'screen' || s.id === 'outcome') continue; // handled by useScreenKeys and the call workspace
        const handler = ref.current[s.id];
        if (handler && matches(event, s.keys)) {
          event.preventDefault();
          handler();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Alt+1…9 picks the n-th screen. */
export function useScreenKeys(count: number, pick: (index: number) => void): void {
  const ref = useRef(pick);
  ref.current = pick;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const n = Number(event.code.replace(/^Digit/, ''));
      if (Number.isInteger(n) && n >= 1 && n <= count) {
        event.preventDefault();
        ref.current(n - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);
}
