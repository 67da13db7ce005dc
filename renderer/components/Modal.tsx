import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  labelledBy: string;
  describedBy?: string;
  className: string;
  /** Escape closes; so does a click beside the dialog unless `keepOnBackdrop` (a destructive confirmation) */
  onClose: () => void;
  keepOnBackdrop?: boolean;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden);
}

/**
 * The one modal shell: backdrop, dialog role, Escape to close. Keyboard focus stays inside while it
 * is open (Tab wraps around) and goes back to where the agent was when it closes, so a dialog
 * opened mid-call never leaves the cursor somewhere behind it. The modal is the one owner of that
 * return: callers only mount and unmount it.
 */
export function Modal({ labelledBy, describedBy, className, onClose, keepOnBackdrop = false, role = 'dialog', children }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  // Where the agent was, read while the modal first renders: by the time any effect runs, a child's
  // autoFocus has already moved focus into the dialog and the old place would be lost.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // the control that got focus inside, so a remount (React's development double run) puts it back there
  const landed = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const box = dialog.current;
    if (box) {
      const active = document.activeElement;
      // a field with autoFocus already has it; otherwise the first control, else the dialog itself
      if (active instanceof HTMLElement && box.contains(active)) landed.current = active;
      else {
        const target = landed.current && box.contains(landed.current) ? landed.current : (focusables(box)[0] ?? box);
        target.focus();
        landed.current = target;
      }
    }
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, [before]);

  const keepFocusInside = (e: KeyboardEvent) => {
    const box = dialog.current;
    if (e.key !== 'Tab' || !box) return;
    const all = focusables(box);
    if (all.length === 0) {
      e.preventDefault();
      return;
    }
    const first = all[0]!;
    const last = all[all.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === box)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onClick={keepOnBackdrop ? undefined : onClose}>
      <div
        ref={dialog}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        className={`dialog ${className}`}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else keepFocusInside(e);
        }}
      >
        {children}
      </div>
    </div>
  );
}
