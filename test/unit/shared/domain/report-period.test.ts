import { addDays, isValidDay, resolvePeriod, weekStart } from '../../../../shared/domain/report-period';
import { specOf, initialChoice } from '../../../../renderer/features/reports/period';

test('a month is the local calendar month as a half-open UTC range (Shanghai: UTC+8)', () => {
  expect(resolvePeriod({ month: '2026-10' })).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z', label: '2026-10' });
});

test('a range of days includes both days', () => {
  expect(resolvePeriod({ from: '2026-10-05', to: '2026-10-11' })).toEqual({
    from: '2026-10-04T16:00:00.000Z',
    to: '2026-10-11T16:00:00.000Z',
    label: '2026-10-05_2026-10-11',
  });
});

test.each([{ month: '2026-13' }, { month: '26-10' }, { from: '2026-02-30', to: '2026-03-01' }, { from: '2026-10-02', to: '2026-10-01' }])('%j is refused with a readable reason', (spec) => {
  expect(() => resolvePeriod(spec)).toThrow(/month|day|before/);
});

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
  expect(specOf({ ...base, kind: 'week', weekDay: '2026-11-27' })).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  expect(specOf({ ...base, kind: 'range', from: '2026-11-10', to: '2026-11-01' })).toBeNull();
  expect(specOf({ ...base, kind: 'month', month: '' })).toBeNull();
});
