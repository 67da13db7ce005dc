// Storage is UTC; "which day / which month" is always the workstation's local calendar.

export interface Range {
  /** inclusive UTC instant */
  from: string;
  /** exclusive UTC instant */
  to: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
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
