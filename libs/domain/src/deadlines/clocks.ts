import {
  addDays,
  addMonths,
  addWeeks,
  datePartsOf,
  daysBetween,
  daysInMonth,
  localDate,
  type LocalDate,
} from './local-date';
import {
  addCountedDays,
  addSendRegsWorkingDays,
  addTribunalWorkingDays,
  subtractTribunalWorkingDays,
  workingDayOnOrAfter,
} from './working-days';

/**
 * How a deadline is counted. SEND Regs 2014 limits are calendar periods (send-domain §2 "Units"); only
 * the tribunal rules and the mediation certificate use working days.
 */
export type ClockKind =
  | 'IMMEDIATE' // due on the start date ("immediately")
  | 'CALENDAR_DAYS'
  | 'CALENDAR_WEEKS'
  | 'CALENDAR_WEEKS_BEFORE' // "at least n weeks before" an event
  | 'CALENDAR_MONTHS' // "within n months after": the corresponding date, clamped to month end
  | 'CALENDAR_MONTHS_STARTING_WITH' // "the period of n months starting with": the day before that
  | 'CALENDAR_MONTHS_BEFORE' // "at least n months before" an event
  | 'CALENDAR_MONTHS_NEXT_WORKING_DAY' // months after, moved off a weekend or bank holiday
  | 'SEN_APPEAL_LODGING' // months after + r.12(3)(a) Christmas/August + r.12(2) roll-forward
  | 'DD_CLAIM_LODGING' // months starting with + r.12(2) roll-forward only
  | 'TRIBUNAL_COUNTED_DAYS' // days, not counting 25 Dec–1 Jan or August (r.12(3)), + r.12(2)
  | 'TRIBUNAL_COUNTED_MONTHS' // the same for a period of months
  | 'TRIBUNAL_WORKING_DAYS'
  | 'TRIBUNAL_WORKING_DAYS_BEFORE'
  | 'SEND_REGS_WORKING_DAYS'
  | 'FIXED_DATE'; // a date in the calendar year (phase transfer)

export type PeriodUnit = 'DAYS' | 'WEEKS' | 'MONTHS' | 'WORKING_DAYS';

export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}

/**
 * Last day of "the period of n months starting with" `start` (CFA 2014 s.44(1), Equality Act 2010
 * Sch 17 para 4): the day before the corresponding date, or the month's last day when the target month
 * has no corresponding date. A plan made 1 March 2025 must be reviewed by 28 February 2026.
 */
export function endOfMonthsStartingWith(start: LocalDate, months: number): LocalDate {
  const { day } = datePartsOf(start);
  const corresponding = addMonths(start, months);
  const target = datePartsOf(corresponding);
  return day > daysInMonth(target.year, target.month) ? corresponding : addDays(corresponding, -1);
}

/**
 * HESC Rules 2008 r.12(3)(a): an appeal whose time ends 25 December–1 January, or in August, is in
 * time on the first working day after 1 January / 31 August; otherwise r.12(2) moves a last day that
 * is not a working day to the next working day. Each applies to the day the time actually ends: a
 * limit ending on Saturday 24 December rolls by r.12(2) only (to 27 or 28 December).
 */
export function senAppealRollForward(lastDay: LocalDate): LocalDate {
  const { year, month, day } = datePartsOf(lastDay);
  if (month === 12 && day >= 25) return workingDayOnOrAfter(localDate(year + 1, 1, 2));
  if (month === 1 && day === 1) return workingDayOnOrAfter(localDate(year, 1, 2));
  if (month === 8) return workingDayOnOrAfter(localDate(year, 9, 1));
  return workingDayOnOrAfter(lastDay);
}

/**
 * r.12(3)(b) HESC Rules 2008 / r.12(3) UT Rules 2008: in SEN and disability-discrimination-in-schools
 * cases 25 Dec–1 Jan and August are not counted, then r.12(2) rolls a non-working last day forward.
 * CAVEAT: the UT wording is verified; the FTT's r.12(3)(b) is as summarised by IPSEA (send-domain
 * §1.4) and should be checked against the legislation before a breach is asserted on it. Neither
 * applies where the tribunal directs a specific date (r.12(4)).
 */
export function tribunalCountedDays(start: LocalDate, days: number): LocalDate {
  return workingDayOnOrAfter(addCountedDays(start, days));
}

/** A month becomes the number of calendar days it spans from `start`, each counted as above. */
export function tribunalCountedMonths(start: LocalDate, months: number): LocalDate {
  return tribunalCountedDays(start, daysBetween(start, addMonths(start, months)));
}

export type PhaseTransfer = 'ANY_OTHER_PHASE' | 'SECONDARY_TO_POST16';

/**
 * SEND Regs 2014 reg 18(1): the plan must be reviewed and amended BEFORE 15 February (31 March for
 * secondary → post-16) in the calendar year of transfer, so the last day in time is the day before.
 */
export function phaseTransferLastDay(transferYear: number, transfer: PhaseTransfer): LocalDate {
  return transfer === 'SECONDARY_TO_POST16'
    ? localDate(transferYear, 3, 30)
    : localDate(transferYear, 2, 14);
}

const UNIT_OF: Record<Exclude<ClockKind, 'IMMEDIATE' | 'FIXED_DATE'>, PeriodUnit> = {
  CALENDAR_DAYS: 'DAYS',
  CALENDAR_WEEKS: 'WEEKS',
  CALENDAR_WEEKS_BEFORE: 'WEEKS',
  CALENDAR_MONTHS: 'MONTHS',
  CALENDAR_MONTHS_STARTING_WITH: 'MONTHS',
  CALENDAR_MONTHS_BEFORE: 'MONTHS',
  CALENDAR_MONTHS_NEXT_WORKING_DAY: 'MONTHS',
  SEN_APPEAL_LODGING: 'MONTHS',
  DD_CLAIM_LODGING: 'MONTHS',
  TRIBUNAL_COUNTED_DAYS: 'DAYS',
  TRIBUNAL_COUNTED_MONTHS: 'MONTHS',
  TRIBUNAL_WORKING_DAYS: 'WORKING_DAYS',
  TRIBUNAL_WORKING_DAYS_BEFORE: 'WORKING_DAYS',
  SEND_REGS_WORKING_DAYS: 'WORKING_DAYS',
};

/** The last day in time for a clock started on `start`. FIXED_DATE has no start: see phaseTransferLastDay. */
export function applyClock(clock: ClockKind, period: Period | null, start: LocalDate): LocalDate {
  if (clock === 'IMMEDIATE') return start;
  if (clock === 'FIXED_DATE' || period === null) {
    throw new RangeError(`Clock ${clock} needs its own calculation, not a period`);
  }
  if (UNIT_OF[clock] !== period.unit) {
    throw new RangeError(`Clock ${clock} counts ${UNIT_OF[clock]}, not ${period.unit}`);
  }
  const n = period.amount;
  switch (clock) {
    case 'CALENDAR_DAYS':
      return addDays(start, n);
    case 'CALENDAR_WEEKS':
      return addWeeks(start, n);
    case 'CALENDAR_WEEKS_BEFORE':
      return addWeeks(start, -n);
    case 'CALENDAR_MONTHS':
      return addMonths(start, n);
    case 'CALENDAR_MONTHS_STARTING_WITH':
      return endOfMonthsStartingWith(start, n);
    case 'CALENDAR_MONTHS_BEFORE':
      return addMonths(start, -n);
    case 'CALENDAR_MONTHS_NEXT_WORKING_DAY':
      return workingDayOnOrAfter(addMonths(start, n));
    case 'SEN_APPEAL_LODGING':
      return senAppealRollForward(addMonths(start, n));
    case 'DD_CLAIM_LODGING':
      return workingDayOnOrAfter(endOfMonthsStartingWith(start, n));
    case 'TRIBUNAL_COUNTED_DAYS':
      return tribunalCountedDays(start, n);
    case 'TRIBUNAL_COUNTED_MONTHS':
      return tribunalCountedMonths(start, n);
    case 'TRIBUNAL_WORKING_DAYS':
      return addTribunalWorkingDays(start, n);
    case 'TRIBUNAL_WORKING_DAYS_BEFORE':
      return subtractTribunalWorkingDays(start, n);
    case 'SEND_REGS_WORKING_DAYS':
      return addSendRegsWorkingDays(start, n);
    default: {
      const unreachable: never = clock;
      return unreachable;
    }
  }
}
