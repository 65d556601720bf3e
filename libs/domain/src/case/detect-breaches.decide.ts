import type { DetectBreaches } from './breach.commands';
import type { BreachDetected } from './breach.events';
import type { CaseEvent } from './case.events';
import type { CaseState, OpenCaseState } from './case.state';
import type { BreachType, DutyHolder } from './case.types';
import { requireDate, today } from './case.validation';
import { deadlinesAsOf, type CaseDeadline } from './deadline-tracker.evaluation';

/** The breach id of a missed deadline: derived from its key, so one missed deadline is one breach, wherever found. */
export const detectedBreachId = (deadlineKey: string): string => `detected:${deadlineKey}`;

const UNKNOWN_DUTY_HOLDER: DutyHolder = {
  kind: 'OTHER',
  localAuthorityCode: null,
  name: null,
  urn: null,
};

type MissedDeadline = CaseDeadline & { readonly breachType: BreachType };

/** Overdue, a breach when missed (send-domain §3), and no recorded exception lifts it. */
const isMissed = (d: CaseDeadline): d is MissedDeadline =>
  d.status === 'OVERDUE' && d.breachType !== null && !d.exceptionApplies;

/** Deadlines missed as of `asOf` that are not yet recorded as a breach. */
const missedDeadlines = (state: OpenCaseState, asOf: string): MissedDeadline[] => {
  const breaches = Object.values(state.breaches.breaches);
  const known = new Set(breaches.map((b) => b.deadlineKey));
  const ids = new Set(breaches.map((b) => b.breachId));
  return deadlinesAsOf(state.deadlines, asOf)
    .filter(isMissed)
    .filter((d) => !known.has(d.key) && !ids.has(detectedBreachId(d.key)));
};

/**
 * The deadline keys `DetectBreaches` would record as of `asOf` (YYYY-MM-DD; InvalidDate otherwise), in order. The
 * detector derives its idempotency key from them; [] for a case that is not open or has nothing missed.
 */
export const pendingBreachKeys = (state: CaseState, asOf: string): string[] =>
  state.status === 'Open' ? missedDeadlines(state, asOf).map((d) => d.key) : [];

/**
 * One BreachDetected per statutory deadline missed as of `asOf` (the detector's clock, not after today). Running it
 * again, or later, finds nothing new: the breach records its deadline key.
 */
export const detectBreaches = (command: DetectBreaches, state: OpenCaseState): CaseEvent[] => {
  const asOf = requireDate('asOf', command.data.asOf, { notAfter: today(command.metadata.today) });
  return missedDeadlines(state, asOf).map((d): BreachDetected => ({
    type: 'BreachDetected',
    data: {
      breachId: detectedBreachId(d.key),
      breachType: d.breachType,
      dutyHolder: d.dutyHolder ?? UNKNOWN_DUTY_HOLDER,
      legalBasis: d.citation,
      ruleId: d.ruleId,
      deadlineKey: d.key,
      dueOn: d.dueOn,
      detectedOn: asOf,
    },
  }));
};
