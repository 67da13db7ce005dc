import type { ReactNode } from 'react';

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

/** The one modal shell: backdrop, dialog role and Escape to close. */
export function Modal({ labelledBy, describedBy, className, onClose, keepOnBackdrop = false, role = 'dialog', children }: Props) {
  return (
    <div className="dialog-backdrop" onClick={keepOnBackdrop ? undefined : onClose}>
      <div
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        className={`dialog ${className}`}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}
