import { BANK_HOLIDAY_YEARS, isBankHoliday } from './bank-holidays';
import { dayCountTable, dayRange, type DayCountTable } from './day-count-table';
import { addDays, datePartsOf, isWeekend, localDate, type LocalDate } from './local-date';

/*
 * Two different "working days" exist in SEND law; keep them apart.
 *
 * STATUTORY working day: any day except Saturday, Sunday, Christmas Day, Good Friday or an England and
 * Wales bank holiday. It is the definition in SEND Regs 2014 reg 2(1) (mediation certificates, reg 34)
 * and in the tribunal rules' r.12 (HESC Rules 2008 / UT Rules 2008), where it drives the roll-forward of
 * a time limit ending on a non-working day (r.12(2)). Christmas Day and Good Friday are in the table.
 *
 * TRIBUNAL working day (send-domain §1.5, IPSEA): a statutory working day that is also outside
 * 25 December–1 January and outside August, the days r.12(3) does not count in SEN cases. It is the unit
 * of the tribunal's case-management timetable: registration, LA response, hearing bundle, decision.
 *
 * The definitions below are the law; over the bank holiday table's years they are also precomputed
 * (day-count-table.ts), so counting is a lookup there and the same day-by-day walk everywhere else.
 */

const statutoryByRule = (date: LocalDate): boolean => !isWeekend(date) && !isBankHoliday(date);

/** 25 December–1 January inclusive, or any day in August: not counted in SEN cases (r.12(3)). */
export function isTribunalExcludedDay(date: LocalDate): boolean {
  const { month, day } = datePartsOf(date);
  return month === 8 || (month === 12 && day >= 25) || (month === 1 && day === 1);
}

const tribunalByRule = (date: LocalDate): boolean =>
  !isTribunalExcludedDay(date) && statutoryByRule(date);

const countedByRule = (date: LocalDate): boolean => !isTribunalExcludedDay(date);

interface Tables {
  readonly statutory: DayCountTable;
  readonly tribunal: DayCountTable;
  readonly counted: DayCountTable;
}

let tables: Tables | undefined;

/** Built on first use (a few milliseconds), so importing the domain stays cheap. */
function tabled(): Tables {
  if (tables === undefined) {
    const range = dayRange(
      localDate(BANK_HOLIDAY_YEARS.first, 1, 1),
      localDate(BANK_HOLIDAY_YEARS.last, 12, 31),
    );
    tables = {
      statutory: dayCountTable(range, statutoryByRule),
      tribunal: dayCountTable(range, tribunalByRule),
      counted: dayCountTable(range, countedByRule),
    };
  }
  return tables;
}

export function isStatutoryWorkingDay(date: LocalDate): boolean {
  return tabled().statutory.counts(date) ?? statutoryByRule(date);
}

export function isTribunalWorkingDay(date: LocalDate): boolean {
  return tabled().tribunal.counts(date) ?? tribunalByRule(date);
}

const isCountedDay = (date: LocalDate): boolean =>
  tabled().counted.counts(date) ?? countedByRule(date);

/** The date itself if it is a statutory working day, else the next one (r.12(2)). */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  const found = tabled().statutory.firstFrom(date);
  if (found !== undefined) return found;
  let day = date;
  while (!isStatutoryWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The n-th day after (n > 0) or before (n < 0) `date` satisfying `counts`, walked one day at a time. */
function stepCounting(date: LocalDate, n: number, counts: (d: LocalDate) => boolean): LocalDate {
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let remaining = Math.abs(n); remaining > 0;) {
    day = addDays(day, step);
    if (counts(day)) remaining -= 1;
  }
  return day;
}

/** The n-th counted day after (n > 0) or before (n < 0) `date`; n = 0 returns `date`, unchecked. */
function countDays(
  date: LocalDate,
  n: number,
  table: keyof Tables,
  counts: (d: LocalDate) => boolean,
): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, got ${n}`);
  if (n === 0) return date;
  return tabled()[table].nthFrom(date, n) ?? stepCounting(date, n, counts);
}

/** SEND Regs 2014 working days (reg 2(1)): e.g. a mediation certificate within 3 working days. */
export function addSendRegsWorkingDays(date: LocalDate, n: number): LocalDate {
  return countDays(date, n, 'statutory', isStatutoryWorkingDay);
}

export function addTribunalWorkingDays(date: LocalDate, n: number): LocalDate {
  return countDays(date, n, 'tribunal', isTribunalWorkingDay);
}

/** The n-th tribunal working day before `date` (the hearing bundle "at least 10 working days before"). */
export function subtractTribunalWorkingDays(date: LocalDate, n: number): LocalDate {
  return countDays(date, -n, 'tribunal', isTribunalWorkingDay);
}

/** `n` days after `date`, skipping the days r.12(3) does not count (25 Dec–1 Jan, August). */
export function addCountedDays(date: LocalDate, n: number): LocalDate {
  return countDays(date, n, 'counted', isCountedDay);
}
