import { isBankHoliday } from './bank-holidays';
import { addDays, datePartsOf, isWeekend, type LocalDate } from './local-date';

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
 */

export function isStatutoryWorkingDay(date: LocalDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** 25 December–1 January inclusive, or any day in August: not counted in SEN cases (r.12(3)). */
export function isTribunalExcludedDay(date: LocalDate): boolean {
  const { month, day } = datePartsOf(date);
  return month === 8 || (month === 12 && day >= 25) || (month === 1 && day === 1);
}

export function isTribunalWorkingDay(date: LocalDate): boolean {
  return !isTribunalExcludedDay(date) && isStatutoryWorkingDay(date);
}

/** The date itself if it is a statutory working day, else the next one (r.12(2)). */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  let day = date;
  while (!isStatutoryWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The n-th day after (n > 0) or before (n < 0) `date` satisfying `counts`; n = 0 returns `date`. */
function stepCounting(date: LocalDate, n: number, counts: (d: LocalDate) => boolean): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let remaining = Math.abs(n); remaining > 0;) {
    day = addDays(day, step);
    if (counts(day)) remaining -= 1;
  }
  return day;
}

/** SEND Regs 2014 working days (reg 2(1)): e.g. a mediation certificate within 3 working days. */
export function addSendRegsWorkingDays(date: LocalDate, n: number): LocalDate {
  return stepCounting(date, n, isStatutoryWorkingDay);
}

export function addTribunalWorkingDays(date: LocalDate, n: number): LocalDate {
  return stepCounting(date, n, isTribunalWorkingDay);
}

/** The n-th tribunal working day before `date` (the hearing bundle "at least 10 working days before"). */
export function subtractTribunalWorkingDays(date: LocalDate, n: number): LocalDate {
  return stepCounting(date, -n, isTribunalWorkingDay);
}

/** `n` days after `date`, skipping the days r.12(3) does not count (25 Dec–1 Jan, August). */
export function addCountedDays(date: LocalDate, n: number): LocalDate {
  return stepCounting(date, n, (d) => !isTribunalExcludedDay(d));
}
