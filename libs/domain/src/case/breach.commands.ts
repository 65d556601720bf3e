import type { DomainCommand } from '../decider';
import type { BreachType, DutyHolder } from './case.types';

export type ReportBreach = DomainCommand<
  'ReportBreach',
  {
    breachId: string;
    breachType: BreachType;
    dutyHolder: DutyHolder;
    legalBasis: string;
    guidanceReference: string | null;
    occurredOn: string;
    evidenceRefs: readonly string[];
    notes: string | null;
  }
>;

/** Append a BreachDetected for every deadline of the case missed as of `asOf` (the detector's clock). */
export type DetectBreaches = DomainCommand<'DetectBreaches', { asOf: string }>;

export type BreachCommand = ReportBreach | DetectBreaches;
