import { DomainError } from '../domain-error';
import { datePartsOf, type LocalDate } from './local-date';

/**
 * England and Wales bank holidays, 2014–2030, as data.
 *
 * Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays, England and Wales), i.e. the days
 * under the Banking and Financial Dealings Act 1971 Sch 1 plus royal proclamations (substitute days and
 * one-offs), together with Christmas Day and Good Friday, the common-law holidays GOV.UK lists alongside
 * them. 2014–2026 as published. 2027–2030 are COMPUTED by the standing rules (Easter from the Gregorian
 * computus; first and last Monday of May; last Monday of August; weekend New Year, Christmas and Boxing
 * Day moved to the next free weekday): check them against GOV.UK once proclaimed, because a one-off
 * (a jubilee, a state funeral) can still be added by proclamation.
 *
 * One-offs: 2020-05-08 VE Day (Early May moved from 4 May); 2022-06-02 Spring bank holiday moved from
 * 30 May, 2022-06-03 Platinum Jubilee; 2022-09-19 State Funeral of Queen Elizabeth II; 2023-05-08
 * Coronation of King Charles III.
 */
export const BANK_HOLIDAY_YEARS = { first: 2014, last: 2030 } as const;

export interface BankHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

export class BankHolidaysUnknown extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(readonly date: LocalDate) {
    super(
      `Working days can only be counted for ${BANK_HOLIDAY_YEARS.first}–${BANK_HOLIDAY_YEARS.last}; ${date} is outside the bank holiday table.`,
    );
    this.name = 'BankHolidaysUnknown';
  }
}

const NEW_YEAR = "New Year's Day";
const NEW_YEAR_SUB = "New Year's Day (substitute day)";
const GOOD_FRIDAY = 'Good Friday';
const EASTER_MONDAY = 'Easter Monday';
const EARLY_MAY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const CHRISTMAS = 'Christmas Day';
const CHRISTMAS_SUB = 'Christmas Day (substitute day)';
const BOXING = 'Boxing Day';
const BOXING_SUB = 'Boxing Day (substitute day)';

const TABLE: readonly (readonly [LocalDate, string])[] = [
  ['2014-01-01', NEW_YEAR],
  ['2014-04-18', GOOD_FRIDAY],
  ['2014-04-21', EASTER_MONDAY],
  ['2014-05-05', EARLY_MAY],
  ['2014-05-26', SPRING],
  ['2014-08-25', SUMMER],
  ['2014-12-25', CHRISTMAS],
  ['2014-12-26', BOXING],
  ['2015-01-01', NEW_YEAR],
  ['2015-04-03', GOOD_FRIDAY],
  ['2015-04-06', EASTER_MONDAY],
  ['2015-05-04', EARLY_MAY],
  ['2015-05-25', SPRING],
  ['2015-08-31', SUMMER],
  ['2015-12-25', CHRISTMAS],
  ['2015-12-28', BOXING_SUB],
  ['2016-01-01', NEW_YEAR],
  ['2016-03-25', GOOD_FRIDAY],
  ['2016-03-28', EASTER_MONDAY],
  ['2016-05-02', EARLY_MAY],
  ['2016-05-30', SPRING],
  ['2016-08-29', SUMMER],
  ['2016-12-26', BOXING],
  ['2016-12-27', CHRISTMAS_SUB],
  ['2017-01-02', NEW_YEAR_SUB],
  ['2017-04-14', GOOD_FRIDAY],
  ['2017-04-17', EASTER_MONDAY],
  ['2017-05-01', EARLY_MAY],
  ['2017-05-29', SPRING],
  ['2017-08-28', SUMMER],
  ['2017-12-25', CHRISTMAS],
  ['2017-12-26', BOXING],
  ['2018-01-01', NEW_YEAR],
  ['2018-03-30', GOOD_FRIDAY],
  ['2018-04-02', EASTER_MONDAY],
  ['2018-05-07', EARLY_MAY],
  ['2018-05-28', SPRING],
  ['2018-08-27', SUMMER],
  ['2018-12-25', CHRISTMAS],
  ['2018-12-26', BOXING],
  ['2019-01-01', NEW_YEAR],
  ['2019-04-19', GOOD_FRIDAY],
  ['2019-04-22', EASTER_MONDAY],
  ['2019-05-06', EARLY_MAY],
  ['2019-05-27', SPRING],
  ['2019-08-26', SUMMER],
  ['2019-12-25', CHRISTMAS],
  ['2019-12-26', BOXING],
  ['2020-01-01', NEW_YEAR],
  ['2020-04-10', GOOD_FRIDAY],
  ['2020-04-13', EASTER_MONDAY],
  ['2020-05-08', 'Early May bank holiday (VE day)'],
  ['2020-05-25', SPRING],
  ['2020-08-31', SUMMER],
  ['2020-12-25', CHRISTMAS],
  ['2020-12-28', BOXING_SUB],
  ['2021-01-01', NEW_YEAR],
  ['2021-04-02', GOOD_FRIDAY],
  ['2021-04-05', EASTER_MONDAY],
  ['2021-05-03', EARLY_MAY],
  ['2021-05-31', SPRING],
  ['2021-08-30', SUMMER],
  ['2021-12-27', CHRISTMAS_SUB],
  ['2021-12-28', BOXING_SUB],
  ['2022-01-03', NEW_YEAR_SUB],
  ['2022-04-15', GOOD_FRIDAY],
  ['2022-04-18', EASTER_MONDAY],
  ['2022-05-02', EARLY_MAY],
  ['2022-06-02', SPRING],
  ['2022-06-03', 'Platinum Jubilee bank holiday'],
  ['2022-08-29', SUMMER],
  ['2022-09-19', 'Bank holiday for the State Funeral of Queen Elizabeth II'],
  ['2022-12-26', BOXING],
  ['2022-12-27', CHRISTMAS_SUB],
  ['2023-01-02', NEW_YEAR_SUB],
  ['2023-04-07', GOOD_FRIDAY],
  ['2023-04-10', EASTER_MONDAY],
  ['2023-05-01', EARLY_MAY],
  ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ['2023-05-29', SPRING],
  ['2023-08-28', SUMMER],
  ['2023-12-25', CHRISTMAS],
  ['2023-12-26', BOXING],
  ['2024-01-01', NEW_YEAR],
  ['2024-03-29', GOOD_FRIDAY],
  ['2024-04-01', EASTER_MONDAY],
  ['2024-05-06', EARLY_MAY],
  ['2024-05-27', SPRING],
  ['2024-08-26', SUMMER],
  ['2024-12-25', CHRISTMAS],
  ['2024-12-26', BOXING],
  ['2025-01-01', NEW_YEAR],
  ['2025-04-18', GOOD_FRIDAY],
  ['2025-04-21', EASTER_MONDAY],
  ['2025-05-05', EARLY_MAY],
  ['2025-05-26', SPRING],
  ['2025-08-25', SUMMER],
  ['2025-12-25', CHRISTMAS],
  ['2025-12-26', BOXING],
  ['2026-01-01', NEW_YEAR],
  ['2026-04-03', GOOD_FRIDAY],
  ['2026-04-06', EASTER_MONDAY],
  ['2026-05-04', EARLY_MAY],
  ['2026-05-25', SPRING],
  ['2026-08-31', SUMMER],
  ['2026-12-25', CHRISTMAS],
  ['2026-12-28', BOXING_SUB],
  ['2027-01-01', NEW_YEAR],
  ['2027-03-26', GOOD_FRIDAY],
  ['2027-03-29', EASTER_MONDAY],
  ['2027-05-03', EARLY_MAY],
  ['2027-05-31', SPRING],
  ['2027-08-30', SUMMER],
  ['2027-12-27', CHRISTMAS_SUB],
  ['2027-12-28', BOXING_SUB],
  ['2028-01-03', NEW_YEAR_SUB],
  ['2028-04-14', GOOD_FRIDAY],
  ['2028-04-17', EASTER_MONDAY],
  ['2028-05-01', EARLY_MAY],
  ['2028-05-29', SPRING],
  ['2028-08-28', SUMMER],
  ['2028-12-25', CHRISTMAS],
  ['2028-12-26', BOXING],
  ['2029-01-01', NEW_YEAR],
  ['2029-03-30', GOOD_FRIDAY],
  ['2029-04-02', EASTER_MONDAY],
  ['2029-05-07', EARLY_MAY],
  ['2029-05-28', SPRING],
  ['2029-08-27', SUMMER],
  ['2029-12-25', CHRISTMAS],
  ['2029-12-26', BOXING],
  ['2030-01-01', NEW_YEAR],
  ['2030-04-19', GOOD_FRIDAY],
  ['2030-04-22', EASTER_MONDAY],
  ['2030-05-06', EARLY_MAY],
  ['2030-05-27', SPRING],
  ['2030-08-26', SUMMER],
  ['2030-12-25', CHRISTMAS],
  ['2030-12-26', BOXING],
];

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = TABLE.map(
  ([date, name]) => ({ date, name }),
);

const BY_DATE: ReadonlyMap<LocalDate, string> = new Map(TABLE);

export function coversBankHolidays(date: LocalDate): boolean {
  const { year } = datePartsOf(date);
  return year >= BANK_HOLIDAY_YEARS.first && year <= BANK_HOLIDAY_YEARS.last;
}

/** The holiday's name, or undefined; throws `BankHolidaysUnknown` outside 2014–2030 rather than guess. */
export function bankHolidayOn(date: LocalDate): string | undefined {
  if (!coversBankHolidays(date)) throw new BankHolidaysUnknown(date);
  return BY_DATE.get(date);
}

export function isBankHoliday(date: LocalDate): boolean {
  return bankHolidayOn(date) !== undefined;
}
