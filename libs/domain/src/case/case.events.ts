import type { DomainEvent } from '../decider';
import type { AppealOutcome, AppealType, DecisionExtent } from './case.types';

/** Every event of a case stream (`case-<caseId>`). One stream per child's case keeps its appeals consistent. */
export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    caseId: string;
    ownerId: string;
    localAuthorityCode: string;
    /** Personal data: how the family names the child (a first name or nickname). */
    childLabel: string;
    openedOn: string;
  }
>;

export type AppealLodged = DomainEvent<
  'AppealLodged',
  {
    appealId: string;
    appealTypes: AppealType[];
    lodgedOn: string;
    decisionLetterOn: string | null;
    mediationCertificateOn: string | null;
  }
>;

export type AppealOutcomeRecorded = DomainEvent<
  'AppealOutcomeRecorded',
  {
    appealId: string;
    outcome: AppealOutcome;
    /** Only for DECIDED_IN_FAVOUR. */
    extent: DecisionExtent | null;
    decidedOn: string;
  }
>;

export type CaseEvent = CaseOpened | AppealLodged | AppealOutcomeRecorded;
export type CaseEventType = CaseEvent['type'];
