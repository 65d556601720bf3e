import {
  addDays,
  addMonths,
  addWeeks,
  compareDates,
  dayOfWeek,
  daysBetween,
  formatLongDate,
  fromEpochDay,
  InvalidDate,
  isValidLocalDate,
  laterOf,
  parseLocalDate,
  toEpochDay,
} from './local-date';

describe('parseLocalDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (value) => {
      expect(parseLocalDate(value)).toBe(value);
      expect(isValidLocalDate(value)).toBe(true);
    },
  );

  it.each([
    '2025-02-30', // February never has 30 days
    '2023-02-29', // 2023 is not a leap year
    '1900-02-29', // century years are leap only when divisible by 400
    '2024-13-01', // no month 13
    '2024-00-10',
    '2024-04-31', // April has 30 days
    '2024-1-01', // month must be two digits
    '2024-01-1',
    '24-01-01',
    ' 2024-01-01',
    '2024-01-01T00:00',
    '0000-01-01',
    '',
  ])('rejects %j with a BAD_USER_INPUT InvalidDate', (value) => {
    expect(isValidLocalDate(value)).toBe(false);
    expect(() => parseLocalDate(value)).toThrow(InvalidDate);
    try {
      parseLocalDate(value);
    } catch (error) {
      expect((error as InvalidDate).code).toBe('BAD_USER_INPUT');
    }
  });

  it.each([20240101, null, undefined, {}])('rejects non-strings (%p)', (value) => {
    expect(() => parseLocalDate(value)).toThrow(InvalidDate);
  });
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017], // 10957 days to 2000-01-01, + 31 + 29
    ['2025-01-01', 20089], // 55 × 365 + 14 leap days (1972 … 2024)
  ])('%s is epoch day %i', (date, epochDay) => {
    expect(toEpochDay(date)).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
  });

  it('round-trips every day from 1899 to 2101 and never skips a date', () => {
    let previous = toEpochDay('1899-01-01');
    for (let day = previous + 1; day <= toEpochDay('2101-12-31'); day += 1) {
      const date = fromEpochDay(day);
      expect(toEpochDay(date)).toBe(day);
      expect(day - previous).toBe(1);
      previous = day;
    }
  });
});

describe('dayOfWeek (1 = Monday … 7 = Sunday)', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2025-08-03', 7],
    ['2025-09-01', 1],
    ['2026-12-28', 1],
    ['2027-12-25', 6],
  ])('%s → %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });
});

describe('addDays / addWeeks', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-06-03', 0)).toBe('2025-06-03');
    expect(addWeeks('2025-03-27', 20)).toBe('2025-08-14'); // 140 days
    expect(addWeeks('2025-11-20', -2)).toBe('2025-11-06');
  });

  it('refuses fractional periods', () => {
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2025-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('addMonths clamps to the end of a shorter month', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-06-03', 2, '2025-08-03'],
    ['2025-11-15', 3, '2026-02-15'],
    ['2026-01-05', -5, '2025-08-05'],
    ['2025-07-31', -5, '2025-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('comparing', () => {
  it('orders dates and counts days between them', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(laterOf('2025-08-03', '2025-07-31')).toBe('2025-08-03');
  });
});

describe('formatLongDate', () => {
  it('writes the date in words', () => {
    expect(formatLongDate('2025-08-14')).toBe('14 August 2025');
    expect(formatLongDate('2026-01-02')).toBe('2 January 2026');
  });
});
