// The period picked on the reports screen, and the spec the service understands: a day (R4, the
// agent's daily work report), a week (R3), a month (R1/R2), a quarter (R1) or a range of days.
import { isValidDay, localDayOf, localMonthOf, monthPattern, quarterOf, quarterPattern, type PeriodSpec } from '../../../shared/domain/period';

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'range';
export const periodKinds: PeriodKind[] = ['day', 'week', 'month', 'quarter', 'range'];

export interface PeriodChoice {
  kind: PeriodKind;
  day: string;
  month: string;
  weekDay: string;
  quarter: string;
  from: string;
  to: string;
}

export function initialChoice(now = new Date()): PeriodChoice {
  const today = localDayOf(now);
  const month = localMonthOf(now);
  return { kind: 'month', day: today, month, weekDay: today, quarter: quarterOf(today), from: `${month}-01`, to: today };
}

/** null while the inputs do not make a period yet (half-typed date, end before start) */
export function specOf(choice: PeriodChoice): PeriodSpec | null {
  switch (choice.kind) {
    case 'day':
      return isValidDay(choice.day) ? { day: choice.day } : null;
    case 'week':
      return isValidDay(choice.weekDay) ? { week: choice.weekDay } : null;
    case 'month':
      return monthPattern.test(choice.month) ? { month: choice.month } : null;
    case 'quarter':
      return quarterPattern.test(choice.quarter) ? { quarter: choice.quarter } : null;
    case 'range':
      if (!isValidDay(choice.from) || !isValidDay(choice.to) || choice.to < choice.from) return null;
      return { from: choice.from, to: choice.to };
  }
}

/** the last eight quarters, newest first, for the quarter picker */
export function recentQuarters(now = new Date()): string[] {
  const out: string[] = [];
  let year = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < 8; i++) {
    out.push(`${year}-Q${q}`);
    q--;
    if (q === 0) {
      q = 4;
      year--;
    }
  }
  return out;
}
