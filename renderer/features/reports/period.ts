// The period picked on the reports screen, and the spec the service understands.
import { addDays, isValidDay, localDayOf, localMonthOf, monthPattern, weekStart, type PeriodSpec } from '../../../shared/domain/report-period';

export type PeriodKind = 'month' | 'week' | 'range';

export interface PeriodChoice {
  kind: PeriodKind;
  month: string;
  weekDay: string;
  from: string;
  to: string;
}

export function initialChoice(now = new Date()): PeriodChoice {
  const today = localDayOf(now);
  const month = localMonthOf(now);
  return { kind: 'month', month, weekDay: today, from: `${month}-01`, to: today };
}

/** null while the inputs do not make a period yet (half-typed date, end before start) */
export function specOf(choice: PeriodChoice): PeriodSpec | null {
  if (choice.kind === 'month') return monthPattern.test(choice.month) ? { month: choice.month } : null;
  if (choice.kind === 'week') {
    if (!isValidDay(choice.weekDay)) return null;
    const from = weekStart(choice.weekDay);
    return { from, to: addDays(from, 6) };
  }
  if (!isValidDay(choice.from) || !isValidDay(choice.to) || choice.to < choice.from) return null;
  return { from: choice.from, to: choice.to };
}
