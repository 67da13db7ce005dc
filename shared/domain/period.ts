// Periods of the workstation's local calendar. Storage is UTC; "which day / which month" is always
// local, so each period becomes a half-open UTC range [from, to). R1–R4: a report or export covers a
// local calendar day (R4: the agent's daily work report), a week (R3: Friday's meeting), a month
// (R1/R2), a quarter (R1: the company inspects quarterly) or any range of local days.

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

export type PeriodSpec = { day: string } | { week: string } | { month: string } | { quarter: string } | { from: string; to: string } | { all: true };

export type PeriodKindName = 'day' | 'week' | 'month' | 'quarter' | 'range' | 'all';

export interface ResolvedPeriod extends Range {
  /** for file names and headings: "2026-10-05", "2026-W41", "2026-10", "2026-Q4", "2026-10-01_2026-10-07", "all" */
  label: string;
  kind: PeriodKindName;
  /** the local days it covers, both inclusive ('' for all time) */
  firstDay: string;
  lastDay: string;
}

/** The widest range an ISO string can express: "all time" still goes through the same query. */
export const ALL_TIME: Range = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const weekPattern = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const quarterPattern = /^\d{4}-Q[1-4]$/;

export function isValidDay(day: string): boolean {
  if (!dayPattern.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
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

/** ISO 8601 week of a local day: "2026-W47" (the year is the one its Thursday falls in). */
export function isoWeekOf(day: string): string {
  const thursday = addDays(weekStart(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstMonday = weekStart(`${year}-01-04`);
  const week = Math.round((Date.UTC(...ymd(thursday)) - Date.UTC(...ymd(firstMonday))) / 86_400_000 / 7) + 1;
  return `${year}-W${pad(week)}`;
}

function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [y, m - 1, d];
}

/** Monday of an ISO week "2026-W47"; throws when the year has no such week. */
export function isoWeekMonday(week: string): string {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const monday = addDays(weekStart(`${year}-01-04`), (n - 1) * 7);
  if (isoWeekOf(monday) !== week) throw new Error(`${year} has no week ${n}`);
  return monday;
}

export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

function monthDays(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(y, m, 0).getDate();
  return [`${month}-01`, `${month}-${pad(last)}`];
}

function days(first: string, last: string, label: string, kind: PeriodKindName): ResolvedPeriod {
  return { from: localDayRange(first).from, to: localDayRange(last).to, label, kind, firstDay: first, lastDay: last };
}

/** Throws a plain Error with a readable message; callers turn it into their own error kind. */
export function resolvePeriod(spec: PeriodSpec): ResolvedPeriod {
  if ('all' in spec) return { ...ALL_TIME, label: 'all', kind: 'all', firstDay: '', lastDay: '' };
  if ('day' in spec) {
    if (!isValidDay(spec.day)) throw new Error(`day must look like 2026-10-05, got "${spec.day}"`);
    return days(spec.day, spec.day, spec.day, 'day');
  }
  if ('week' in spec) {
    // a week by its ISO name, or by any day in it
    let monday: string;
    if (isValidDay(spec.week)) monday = weekStart(spec.week);
    else if (weekPattern.test(spec.week)) monday = isoWeekMonday(spec.week);
    else throw new Error(`week must look like 2026-W47 or a day in it (2026-11-18), got "${spec.week}"`);
    return days(monday, addDays(monday, 6), isoWeekOf(monday), 'week');
  }
  if ('month' in spec) {
    if (!monthPattern.test(spec.month)) throw new Error(`month must look like 2026-10, got "${spec.month}"`);
    const [first, last] = monthDays(spec.month);
    return { ...localMonthRange(spec.month), label: spec.month, kind: 'month', firstDay: first, lastDay: last };
  }
  if ('quarter' in spec) {
    if (!quarterPattern.test(spec.quarter)) throw new Error(`quarter must look like 2026-Q4, got "${spec.quarter}"`);
    const year = spec.quarter.slice(0, 4);
    const q = Number(spec.quarter.slice(6));
    const firstMonth = `${year}-${pad((q - 1) * 3 + 1)}`;
    const lastMonth = `${year}-${pad((q - 1) * 3 + 3)}`;
    return days(monthDays(firstMonth)[0], monthDays(lastMonth)[1], spec.quarter, 'quarter');
  }
  if (!isValidDay(spec.from)) throw new Error(`from must be a day like 2026-10-01, got "${spec.from}"`);
  if (!isValidDay(spec.to)) throw new Error(`to must be a day like 2026-10-31, got "${spec.to}"`);
  if (spec.to < spec.from) throw new Error(`the period ends (${spec.to}) before it starts (${spec.from})`);
  return days(spec.from, spec.to, `${spec.from}_${spec.to}`, 'range');
}

/**
 * The period a report compares with: the day, week, month or quarter before; for a range of N
 * days, the N days before it. All time has none.
 */
export function previousPeriod(period: ResolvedPeriod): ResolvedPeriod | null {
  switch (period.kind) {
    case 'all':
      return null;
    case 'day':
      return resolvePeriod({ day: addDays(period.firstDay, -1) });
    case 'week':
      return resolvePeriod({ week: addDays(period.firstDay, -7) });
    case 'month':
      return resolvePeriod({ month: addDays(period.firstDay, -1).slice(0, 7) });
    case 'quarter':
      return resolvePeriod({ quarter: quarterOf(addDays(period.firstDay, -1)) });
    case 'range': {
      const length = Math.round((Date.UTC(...ymd(period.lastDay)) - Date.UTC(...ymd(period.firstDay))) / 86_400_000) + 1;
      return resolvePeriod({ from: addDays(period.firstDay, -length), to: addDays(period.firstDay, -1) });
    }
  }
}
