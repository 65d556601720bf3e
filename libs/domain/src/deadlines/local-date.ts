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

const DAYS_PER_400_YEARS = 146097;
const EPOCH_SHIFT = 719468; // days from 0000-03-01 to 1970-01-01
const DASH = 45; // '-'
const ZERO = 48; // '0'

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

/**
 * The date as the whole number YYYYMMDD, or -1 unless `value` is a real date in the form `YYYY-MM-DD` (exactly ten
 * characters, ASCII digits, years 0001–9999). Reads the characters directly: no regular expression, no allocation.
 */
function packedDateOf(value: unknown): number {
  if (typeof value !== 'string' || value.length !== 10) return -1;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return -1;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** The number written by `count` ASCII digits from `start`, or -1 if any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** Splits and validates; throws `InvalidDate` for anything but a real date such as `2025-02-28`. */
export function datePartsOf(value: unknown): DateParts {
  const packed = packedDateOf(value);
  if (packed < 0) throw new InvalidDate(value);
  return {
    year: Math.floor(packed / 10000),
    month: Math.floor(packed / 100) % 100,
    day: packed % 100,
  };
}

export function isValidLocalDate(value: unknown): value is LocalDate {
  return packedDateOf(value) >= 0;
}

export function parseLocalDate(value: unknown): LocalDate {
  if (packedDateOf(value) < 0) throw new InvalidDate(value);
  return value as LocalDate;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  if (!isValidParts(year, month, day)) throw new InvalidDate(`${year}-${month}-${day}`);
  return formatIso(year, month, day);
}

/** `YYYY-MM-DD` for parts already checked to be a real date. */
function formatIso(year: number, month: number, day: number): LocalDate {
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days-from-civil for parts already checked to be a real date. */
function epochDayOfParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year; // years start on 1 March so the leap day is last
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}

/** The epoch day of `value`, or undefined when it is not a real date (for callers with their own fallback). */
export function epochDayOrUndefined(value: unknown): number | undefined {
  const packed = packedDateOf(value);
  if (packed < 0) return undefined;
  return epochDayOfParts(Math.floor(packed / 10000), Math.floor(packed / 100) % 100, packed % 100);
}

export function toEpochDay(date: LocalDate): number {
  const epochDay = epochDayOrUndefined(date);
  if (epochDay === undefined) throw new InvalidDate(date);
  return epochDay;
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
