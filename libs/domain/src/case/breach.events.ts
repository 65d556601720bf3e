import type { DomainEvent } from '../decider';
import type { BreachType, DutyHolder } from './case.types';

/** Breaches of statutory duties (send-domain §3): reported by people, or detected from a missed deadline. */

export type BreachReported = DomainEvent<
  'BreachReported',
  {
    breachId: string;
    breachType: BreachType;
    dutyHolder: DutyHolder;
    /** The law broken, e.g. "SEND Regs 2014 reg 13(2)". */
    legalBasis: string;
    /** Statutory guidance, e.g. "SEND Code of Practice 9.41"; the Code is guidance, not law (§3). */
    guidanceReference: string | null;
    occurredOn: string;
    /** References to evidence held elsewhere (letter dates, file names): never the documents themselves. */
    evidenceRefs: string[];
    /** Personal data: the family's own words. */
    notes: string | null;
  }
>;

/**
 * A statutory deadline passed without the action it required. The id is derived from `deadlineKey`, so however
 * often or wherever the detector runs, one missed deadline is one breach.
 */
export type BreachDetected = DomainEvent<
  'BreachDetected',
  {
    breachId: string;
    breachType: BreachType;
    dutyHolder: DutyHolder;
    legalBasis: string;
    ruleId: string;
    /** Identifies the deadline within the case: rule id + what started it. */
    deadlineKey: string;
    dueOn: string;
    /** The detector's "today" when it found the deadline missed. */
    detectedOn: string;
  }
>;

/** The late action finally happened: the breach keeps when, and how many days late. */
export type BreachRemedied = DomainEvent<
  'BreachRemedied',
  { breachId: string; remediedOn: string; daysLate: number }
>;

export type BreachEvent = BreachReported | BreachDetected | BreachRemedied;
