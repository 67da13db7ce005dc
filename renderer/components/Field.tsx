import type { ReactNode } from 'react';

/** A labelled control; the label wraps the control so a screen reader and getByLabel both find it. */
export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}
