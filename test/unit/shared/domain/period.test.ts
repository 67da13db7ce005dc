import {
  addDays,
  isoWeekOf,
  isValidDay,
  localDayOf,
  localDayRange,
  localMonthRange,
  previousPeriod,
  resolvePeriod,
  weekStart,
} from '../../../../shared/domain/period';
import { specOf, initialChoice } from '../../../../renderer/features/reports/period';

test('a local day in Shanghai starts at 16:00 UTC the day before', () => {
  expect(localDayRange('2026-11-27')).toEqual({ from: '2026-11-26T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z' });
});

test('a month is the local calendar month, including the last evening', () => {
  expect(localMonthRange('2026-10')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' });
  expect(localMonthRange('2026-12').to).toBe('2026-12-31T16:00:00.000Z');
});

test('23:30 local on the 31st belongs to the 31st whatever UTC says', () => {
  expect(localDayOf(new Date('2026-10-31T15:30:00.000Z'))).toBe('2026-10-31');
  expect(localDayOf(new Date('2026-10-31T16:30:00.000Z'))).toBe('2026-11-01');
});

test('a month is the local calendar month as a half-open UTC range (Shanghai: UTC+8)', () => {
  expect(resolvePeriod({ month: '2026-10' })).toEqual({
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-10-31T16:00:00.000Z',
    label: '2026-10',
    kind: 'month',
    firstDay: '2026-10-01',
    lastDay: '2026-10-31',
  });
});

test('a range of days includes both days', () => {
  expect(resolvePeriod({ from: '2026-10-05', to: '2026-10-11' })).toEqual({
    from: '2026-10-04T16:00:00.000Z',
    to: '2026-10-11T16:00:00.000Z',
    label: '2026-10-05_2026-10-11',
    kind: 'range',
    firstDay: '2026-10-05',
    lastDay: '2026-10-11',
  });
});

test('the periods the policy names: a day (R4), an ISO week (R3), a quarter (R1)', () => {
  expect(resolvePeriod({ day: '2026-11-18' })).toMatchObject({
    from: '2026-11-17T16:00:00.000Z',
    to: '2026-11-18T16:00:00.000Z',
    label: '2026-11-18',
    kind: 'day',
  });
  expect(resolvePeriod({ week: '2026-W47' })).toMatchObject({ firstDay: '2026-11-16', lastDay: '2026-11-22', label: '2026-W47' });
  expect(resolvePeriod({ week: '2026-11-20' })).toMatchObject({ firstDay: '2026-11-16', label: '2026-W47' }); // any day of it
  expect(resolvePeriod({ week: '2026-W53' })).toMatchObject({ firstDay: '2026-12-28', lastDay: '2027-01-03' }); // 2026 has 53 weeks
  expect(() => resolvePeriod({ week: '2025-W53' })).toThrow(/no week 53/);
  expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
  expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  expect(resolvePeriod({ quarter: '2026-Q4' })).toMatchObject({
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
    firstDay: '2026-10-01',
    lastDay: '2026-12-31',
    kind: 'quarter',
  });
  expect(() => resolvePeriod({ quarter: '2026-Q5' })).toThrow(/quarter/);
});

test('each period compares with the one before it', () => {
  const prev = (spec: Parameters<typeof resolvePeriod>[0]) => previousPeriod(resolvePeriod(spec))?.label ?? null;
  expect(prev({ day: '2026-11-01' })).toBe('2026-10-31');
  expect(prev({ week: '2026-W01' })).toBe('2025-W52');
  expect(prev({ month: '2026-01' })).toBe('2025-12');
  expect(prev({ quarter: '2026-Q1' })).toBe('2025-Q4');
  expect(prev({ from: '2026-10-05', to: '2026-10-11' })).toBe('2026-09-28_2026-10-04');
  expect(prev({ all: true })).toBeNull();
});

test.each([{ month: '2026-13' }, { month: '26-10' }, { from: '2026-02-30', to: '2026-03-01' }, { from: '2026-10-02', to: '2026-10-01' }])(
  '%j is refused with a readable reason',
  (spec) => {
    expect(() => resolvePeriod(spec)).toThrow(/month|day|before/);
  },
);

test('weeks run Monday to Sunday, across month ends', () => {
  expect(weekStart('2026-11-27')).toBe('2026-11-23'); // a Friday (R3's meeting)
  expect(weekStart('2026-11-23')).toBe('2026-11-23');
  expect(weekStart('2026-11-01')).toBe('2026-10-26'); // a Sunday
  expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
  expect(isValidDay('2028-02-29')).toBe(true);
  expect(isValidDay('2027-02-29')).toBe(false);
});

test('the screen turns its inputs into a period, or none while they are incomplete', () => {
  const base = initialChoice(new Date(2026, 10, 27, 10, 0));
  expect(base).toMatchObject({ kind: 'month', month: '2026-11' });
  expect(specOf(base)).toEqual({ month: '2026-11' });
  expect(specOf({ ...base, kind: 'week', weekDay: '2026-11-27' })).toEqual({ week: '2026-11-27' });
  expect(specOf({ ...base, kind: 'day', day: '2026-11-27' })).toEqual({ day: '2026-11-27' });
  expect(specOf({ ...base, kind: 'quarter', quarter: '2026-Q4' })).toEqual({ quarter: '2026-Q4' });
  expect(specOf({ ...base, kind: 'range', from: '2026-11-10', to: '2026-11-01' })).toBeNull();
  expect(specOf({ ...base, kind: 'month', month: '' })).toBeNull();
});
