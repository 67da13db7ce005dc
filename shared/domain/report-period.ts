// Periods of the workstation's local calendar. Storage is UTC; "which day / which month" is always
// local, so each period becomes a half-open UTC range [from, to). R1/R3: a report or export covers a
// local calendar month, a week (Friday meeting) or any range of local days.

export interface Range {
  /** inclusive UTC instant */
  from: string;
  /** exclusive UTC instant */
  to: string;
}

export function localDayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function localDayRange(day: string): Range {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d).toISOString(), to: new Date(y, m - 1, d + 1).toISOString() };
}

export function localMonthRange(month: string): Range {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(y, m - 1, 1).toISOString(), to: new Date(y, m, 1).toISOString() };
}

export type PeriodSpec = { month: string } | { from: string; to: string } | { all: true };

export interface ResolvedPeriod extends Range {
  /** for file names and headings: "2026-10", "2026-10-01_2026-10-07", "all" */
  label: string;
}

/** The widest range an ISO string can express: "all time" still goes through the same query. */
export const ALL_TIME: Range = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isValidDay(day: string): boolean {
  if (!dayPattern.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** Throws a plain Error with a readable message; callers turn it into their own error kind. */
export function resolvePeriod(spec: PeriodSpec): ResolvedPeriod {
  if ('all' in spec) return { ...ALL_TIME, label: 'all' };
  if ('month' in spec) {
    if (!monthPattern.test(spec.month)) throw new Error(`month must look like 2026-10, got "${spec.month}"`);
    return { ...localMonthRange(spec.month), label: spec.month };
  }
  if (!isValidDay(spec.from)) throw new Error(`from must be a day like 2026-10-01, got "${spec.from}"`);
  if (!isValidDay(spec.to)) throw new Error(`to must be a day like 2026-10-31, got "${spec.to}"`);
  if (spec.to < spec.from) throw new Error(`the period ends (${spec.to}) before it starts (${spec.from})`);
  return { from: localDayRange(spec.from).from, to: localDayRange(spec.to).to, label: `${spec.from}_${spec.to}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function localMonthOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/** Adds days to a local day string (calendar arithmetic, not 24-hour steps). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + days);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Monday of the week containing `day` (R3: the week handed in at Friday's meeting). */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}
