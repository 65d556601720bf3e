import type { DutyHolderKind } from '../deadlines/deadline-input';
import type { DeadlineRuleId } from '../deadlines/deadline-rules';
import { daysBetween, formatLongDate, parseLocalDate } from '../deadlines/local-date';
import type { BreachType, DutyHolder } from './case.types';
import type {
  DeadlineStart,
  DeadlineSubject,
  DeadlineTracker,
  TrackedDeadline,
} from './deadline-tracker.state';

export type DeadlineStatus = 'MET' | 'DUE' | 'OVERDUE' | 'NOT_APPLICABLE';

/** One deadline of a case as of a given day: what it is, who owes it, and whether it was met in time. */
export interface CaseDeadline {
  readonly key: string;
  readonly ruleId: DeadlineRuleId;
  readonly title: string;
  readonly citation: string;
  readonly section: string;
  readonly dueOn: string;
  readonly dutyHolderKind: DutyHolderKind;
  /** The LA (by the case's code), a health body or school (by name where known); null for family and tribunal. */
  readonly dutyHolder: DutyHolder | null;
  /** Plain English for a parent; says why when the deadline does not apply. */
  readonly explanation: string;
  readonly startedBy: DeadlineStart;
  readonly subject: DeadlineSubject;
  readonly status: DeadlineStatus;
  readonly metOn: string | null;
  /** MET: days after the due date (0 when on time). OVERDUE: days late as of the day asked. Otherwise null. */
  readonly daysLate: number | null;
  readonly exceptionApplies: boolean;
  /** Why a NOT_APPLICABLE deadline does not apply; null otherwise. */
  readonly notApplicableReason: string | null;
  /** The breach a missed deadline is (send-domain §3); null for family and tribunal deadlines. */
  readonly breachType: BreachType | null;
}

const EXCEPTION_REASON = 'A recorded exception lifts this time limit.';

const statusOf = (
  d: TrackedDeadline,
  today: string,
): Pick<CaseDeadline, 'status' | 'daysLate' | 'notApplicableReason'> => {
  if (d.metOn !== null) {
    return {
      status: 'MET',
      daysLate: Math.max(0, daysBetween(d.dueOn, d.metOn)),
      notApplicableReason: null,
    };
  }
  if (d.notApplicable !== null) {
    return {
      status: 'NOT_APPLICABLE',
      daysLate: null,
      notApplicableReason: d.notApplicable.reason,
    };
  }
  if (d.exceptionApplies) {
    return { status: 'NOT_APPLICABLE', daysLate: null, notApplicableReason: EXCEPTION_REASON };
  }
  if (today > d.dueOn) {
    if (d.optional) {
      const reason = `The time for this ended on ${formatLongDate(d.dueOn)}.`;
      return { status: 'NOT_APPLICABLE', daysLate: null, notApplicableReason: reason };
    }
    return { status: 'OVERDUE', daysLate: daysBetween(d.dueOn, today), notApplicableReason: null };
  }
  return { status: 'DUE', daysLate: null, notApplicableReason: null };
};

/** A tracked deadline as of `today` (YYYY-MM-DD). */
export const evaluateDeadline = (d: TrackedDeadline, today: string): CaseDeadline => {
  const status = statusOf(d, today);
  const reason =
    status.notApplicableReason !== null && status.notApplicableReason !== EXCEPTION_REASON
      ? ` ${status.notApplicableReason}`
      : '';
  return {
    key: d.key,
    ruleId: d.ruleId,
    title: d.title,
    citation: d.citation,
    section: d.section,
    dueOn: d.dueOn,
    dutyHolderKind: d.dutyHolderKind,
    dutyHolder: d.dutyHolder,
    explanation: `${d.explanation}${reason}`,
    startedBy: d.startedBy,
    subject: d.subject,
    metOn: d.metOn,
    exceptionApplies: d.exceptionApplies,
    breachType: d.breachType,
    ...status,
  };
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Earliest due first; the key breaks ties, so the order never depends on the locale or the fold. */
export const byDueOnThenKey = (
  a: { readonly dueOn: string; readonly key: string },
  b: { readonly dueOn: string; readonly key: string },
): number => compareText(a.dueOn, b.dueOn) || compareText(a.key, b.key);

/**
 * Every deadline of the case with its status as of `today`, earliest due first. `today` is an input (the caller's
 * clock, or the breach detector's `asOf`); it must be a real date, else InvalidDate is thrown.
 */
export const deadlinesAsOf = (tracker: DeadlineTracker, today: string): CaseDeadline[] => {
  const asOf = parseLocalDate(today);
  return tracker.deadlines.map((d) => evaluateDeadline(d, asOf)).sort(byDueOnThenKey);
};
