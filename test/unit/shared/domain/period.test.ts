import { localDayOf, localDayRange, localMonthRange } from '../../../../shared/domain/period';

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
