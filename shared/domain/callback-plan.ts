// O3: delivered projects are called back monthly during the first year after delivery and
// quarterly after that. Dates are local calendar days; the time of day is the caller's choice.

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(y, m - 1 + months, 1);
  // the 31st of a short month falls back to its last day
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  const date = new Date(target.getFullYear(), target.getMonth(), Math.min(d, last));
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The local days of the plan: months 1–12, then every third month up to `years` years. */
export function callbackPlanDays(deliveredOn: string, years: number): string[] {
  const days: string[] = [];
  for (let month = 1; month <= 12; month++) days.push(addMonths(deliveredOn, month));
  for (let month = 15; month <= years * 12; month += 3) days.push(addMonths(deliveredOn, month));
  return days;
}
