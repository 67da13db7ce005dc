// <input type="datetime-local"> speaks local wall time without a zone; storage is UTC ISO.
const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A sensible default for "next reply due": tomorrow at the same hour, on the hour. */
export function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3_600_000);
  d.setMinutes(0, 0, 0);
  return toLocalInput(d);
}

export const nowLocal = (): string => toLocalInput(new Date());
