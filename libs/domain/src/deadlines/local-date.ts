import { DomainError } from '../domain-error';
/**
 * Civil (calendar) dates as ISO `YYYY-MM-DD` strings, with integer arithmetic only: the domain never
 * touches the `Date` global, a clock or a time zone. Internally a date is its epoch day (days since
 * 1970-01-01), converted with the proleptic-Gregorian days-from-civil / civil-from-days formulas.
 */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export class InvalidDate extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a real calendar date in the form YYYY-MM-DD.`);
    this.name = 'InvalidDate';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_PER_400_YEARS = 146097;
const EPOCH_SHIFT = 719468; // days from 0000-03-01 to 1970-01-01

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Splits and validates; throws `InvalidDate` for anything but a real date such as `2025-02-28`. */
export function datePartsOf(value: unknown): DateParts {
  if (typeof value !== 'string') throw new InvalidDate(value);
  const match = ISO_DATE.exec(value);
  if (!match) throw new InvalidDate(value);
  const [, y, m, d] = match;
  const parts = { year: Number(y), month: Number(m), day: Number(d) };
  if (!isValidParts(parts.year, parts.month, parts.day)) throw new InvalidDate(value);
  return parts;
}

export function isValidLocalDate(value: unknown): value is LocalDate {
  try {
    datePartsOf(value);
    return true;
  } catch (_error) {
    return false;
  }
}

export function parseLocalDate(value: unknown): LocalDate {
  datePartsOf(value);
  return value as LocalDate;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  if (!isValidParts(year, month, day)) throw new InvalidDate(`${year}-${month}-${day}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = datePartsOf(date);
  const y = month <= 2 ? year - 1 : year; // years start on 1 March so the leap day is last
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}

export function fromEpochDay(epochDay: number): LocalDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Not a whole day: ${epochDay}`);
  const z = epochDay + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_400_YEARS);
  const dayOfEra = z - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return localDate(year, month, day);
}

function wholeNumber(n: number): number {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number, got ${n}`);
  return n;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + wholeNumber(days));
}

export function addWeeks(date: LocalDate, weeks: number): LocalDate {
  return addDays(date, 7 * wholeNumber(weeks));
}

/** Calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = datePartsOf(date);
  const index = year * 12 + (month - 1) + wholeNumber(months);
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return localDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function dayOfWeek(date: LocalDate): IsoWeekday {
  const epochDay = toEpochDay(date); // 1970-01-01 was a Thursday (4)
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function laterOf(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** "14 August 2025": the form used in every explanation shown to families. */
export function formatLongDate(date: LocalDate): string {
  const { year, month, day } = datePartsOf(date);
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}
