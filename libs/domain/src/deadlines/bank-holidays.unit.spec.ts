import {
  BANK_HOLIDAY_YEARS,
  BankHolidaysUnknown,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  isBankHoliday,
} from './bank-holidays';
import { addDays, dayOfWeek, localDate, type LocalDate } from './local-date';

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher), written out for the test. */
function easterSunday(year: number): LocalDate {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearInCentury = year % 100;
  const leapCorrection = Math.floor(century / 4);
  const g = Math.floor((century - Math.floor((century + 8) / 25) + 1) / 3);
  const epact = (19 * golden + century - leapCorrection - g + 15) % 30;
  const weekdayShift =
    (32 + 2 * (century % 4) + 2 * Math.floor(yearInCentury / 4) - epact - (yearInCentury % 4)) % 7;
  const m = Math.floor((golden + 11 * epact + 22 * weekdayShift) / 451);
  const n = epact + weekdayShift - 7 * m + 114;
  return localDate(year, Math.floor(n / 31), (n % 31) + 1);
}

const firstWeekdayOnOrAfter = (date: LocalDate): LocalDate =>
  dayOfWeek(date) >= 6 ? firstWeekdayOnOrAfter(addDays(date, 1)) : date;
const mondayOnOrAfter = (date: LocalDate): LocalDate =>
  dayOfWeek(date) === 1 ? date : mondayOnOrAfter(addDays(date, 1));
const mondayOnOrBefore = (date: LocalDate): LocalDate =>
  dayOfWeek(date) === 1 ? date : mondayOnOrBefore(addDays(date, -1));

/** Christmas and Boxing Day, each moved to the next weekday not already taken. */
function christmasDays(year: number): LocalDate[] {
  const taken: LocalDate[] = [];
  for (const day of [localDate(year, 12, 25), localDate(year, 12, 26)]) {
    let date = firstWeekdayOnOrAfter(day);
    while (taken.includes(date)) date = firstWeekdayOnOrAfter(addDays(date, 1));
    taken.push(date);
  }
  return taken;
}

const MOVED_BY_PROCLAMATION = ['2020-05-04', '2022-05-30'];
const ONE_OFFS = ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'];

function byStandingRules(year: number): LocalDate[] {
  const easter = easterSunday(year);
  return [
    firstWeekdayOnOrAfter(localDate(year, 1, 1)),
    addDays(easter, -2),
    addDays(easter, 1),
    mondayOnOrAfter(localDate(year, 5, 1)),
    mondayOnOrBefore(localDate(year, 5, 31)),
    mondayOnOrBefore(localDate(year, 8, 31)),
    ...christmasDays(year),
  ];
}

describe('England and Wales bank holiday table', () => {
  const tableDates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);

  it('matches the standing rules plus the proclaimed one-offs, 2014–2030', () => {
    const expected: LocalDate[] = [];
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year += 1) {
      expected.push(...byStandingRules(year));
    }
    const withOneOffs = expected
      .filter((d) => !MOVED_BY_PROCLAMATION.includes(d))
      .concat(ONE_OFFS)
      .sort();
    expect(tableDates).toEqual(withOneOffs);
  });

  it.each([
    [2014, '2014-04-20'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
  ])('the computus gives Easter Sunday %i = %s', (year, sunday) => {
    expect(easterSunday(year)).toBe(sunday);
    expect(isBankHoliday(addDays(sunday, -2))).toBe(true);
    expect(isBankHoliday(addDays(sunday, 1))).toBe(true);
  });

  it('is sorted, has no duplicates and no holiday on a weekend', () => {
    expect([...tableDates].sort()).toEqual(tableDates);
    expect(new Set(tableDates).size).toBe(tableDates.length);
    expect(tableDates.filter((d) => dayOfWeek(d) >= 6)).toEqual([]);
  });

  it.each([
    '2020-05-08', // VE Day
    '2022-06-02', // Spring bank holiday moved
    '2022-06-03', // Platinum Jubilee
    '2022-09-19', // State Funeral
    '2023-05-08', // Coronation
    '2026-12-28', // Boxing Day substitute
    '2027-12-27', // Christmas Day substitute
    '2027-12-28', // Boxing Day substitute
    '2028-01-03', // New Year substitute
  ])('includes %s', (date) => {
    expect(isBankHoliday(date)).toBe(true);
  });

  it.each(['2020-05-04', '2022-05-30', '2026-12-26', '2025-12-24', '2026-01-02'])(
    'excludes %s',
    (date) => {
      expect(isBankHoliday(date)).toBe(false);
    },
  );

  it('refuses to guess outside the table', () => {
    expect(() => isBankHoliday('2031-01-01')).toThrow(BankHolidaysUnknown);
    expect(() => isBankHoliday('2013-12-25')).toThrow(BankHolidaysUnknown);
  });
});
