import {
  applyClock,
  endOfMonthsStartingWith,
  phaseTransferLastDay,
  senAppealRollForward,
  tribunalCountedDays,
  tribunalCountedMonths,
} from './clocks';

describe('endOfMonthsStartingWith ("the period of n months starting with")', () => {
  it.each([
    ['2025-03-01', 12, '2026-02-28'], // the day before 1 Mar 2026
    ['2023-03-01', 12, '2024-02-29'], // the day before 1 Mar 2024, a leap year
    ['2024-02-29', 12, '2025-02-28'], // no 29 Feb 2025: the month's last day
    ['2024-02-28', 12, '2025-02-27'],
    ['2025-01-31', 1, '2025-02-28'], // no 31 Feb: last day of February
    ['2025-03-15', 6, '2025-09-14'],
    ['2025-01-01', 12, '2025-12-31'],
  ])('%s + %i months ends %s', (start, months, end) => {
    expect(endOfMonthsStartingWith(start, months)).toBe(end);
  });
});

describe('senAppealRollForward (HESC r.12(2)–(3)(a))', () => {
  it.each([
    ['2025-05-14', '2025-05-14', 'a working day stays'],
    ['2025-08-03', '2025-09-01', 'August → first working day after 31 Aug'],
    ['2025-08-29', '2025-09-01', 'a weekday in August still moves'],
    ['2026-08-31', '2026-09-01', 'Summer bank holiday, in August'],
    ['2025-12-25', '2026-01-02', 'Christmas window → first working day after 1 Jan'],
    ['2026-01-01', '2026-01-02', '1 January is in the window'],
    ['2021-12-31', '2022-01-04', '2 Jan 2022 is Sunday, 3 Jan a substitute holiday'],
    ['2022-12-24', '2022-12-28', 'Saturday 24 Dec: r.12(2) only, past 26 and 27 Dec holidays'],
    ['2025-04-18', '2025-04-22', 'Good Friday → Tuesday after Easter Monday'],
    ['2027-07-31', '2027-08-02', 'Saturday 31 Jul rolls by r.12(2) into August, no further'],
  ])('%s → %s (%s)', (lastDay, due) => {
    expect(senAppealRollForward(lastDay)).toBe(due);
  });
});

describe('tribunal limits with uncounted days (r.12(3)(b))', () => {
  it('counts 28 days over Christmas and over August', () => {
    expect(tribunalCountedDays('2025-12-10', 28)).toBe('2026-01-15');
    expect(tribunalCountedDays('2025-07-20', 28)).toBe('2025-09-17');
    expect(tribunalCountedDays('2025-03-03', 28)).toBe('2025-03-31');
  });

  it('counts a month as its calendar days', () => {
    expect(tribunalCountedMonths('2025-03-10', 1)).toBe('2025-04-10');
    expect(tribunalCountedMonths('2025-07-15', 1)).toBe('2025-09-15');
  });
});

describe('phaseTransferLastDay (reg 18: "before" the date)', () => {
  it('is the day before 15 February or 31 March', () => {
    expect(phaseTransferLastDay(2026, 'ANY_OTHER_PHASE')).toBe('2026-02-14');
    expect(phaseTransferLastDay(2026, 'SECONDARY_TO_POST16')).toBe('2026-03-30');
  });
});

describe('applyClock', () => {
  it('rejects a period in the wrong unit and clocks that need their own calculation', () => {
    expect(() => applyClock('CALENDAR_WEEKS', { amount: 2, unit: 'DAYS' }, '2025-01-01')).toThrow(
      RangeError,
    );
    expect(() => applyClock('FIXED_DATE', null, '2025-01-01')).toThrow(RangeError);
    expect(applyClock('IMMEDIATE', null, '2025-01-01')).toBe('2025-01-01');
  });
});
