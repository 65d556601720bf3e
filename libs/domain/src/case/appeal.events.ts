import type { DomainEvent } from '../decider';
import type {
  AppealOutcome,
  AppealType,
  ChallengeKind,
  DecisionExtent,
  DutyHolder,
  OrderBasis,
  OrderType,
} from './case.types';

/** The appeal lifecycle (send-domain §1): mediation, lodging, tribunal case management, outcome, orders. */

/** Reg 33: the family tells the mediation adviser (within 2 months) whether it wants mediation. */
export type MediationAdviserContacted = DomainEvent<
  'MediationAdviserContacted',
  { decisionId: string | null; contactedOn: string; mediationWanted: boolean }
>;
/** Regs 35–37: mediation took place (the certificate is due 3 working days after it ends). */
export type MediationHeld = DomainEvent<
  'MediationHeld',
  { endedOn: string; agreementReached: boolean }
>;
export type MediationCertificateIssued = DomainEvent<
  'MediationCertificateIssued',
  { issuedOn: string }
>;

export type AppealLodged = DomainEvent<
  'AppealLodged',
  {
    appealId: string;
    appealTypes: AppealType[];
    lodgedOn: string;
    decisionLetterOn: string | null;
    mediationCertificateOn: string | null;
    /** The LA decision appealed against, when it was recorded here. */
    decisionId?: string | null;
    /** Disability discrimination claims: the school's responsible body. */
    respondent?: DutyHolder | null;
  }
>;

/** The tribunal registered the appeal and directed the timetable (§1.5). */
export type AppealRegistered = DomainEvent<
  'AppealRegistered',
  {
    appealId: string;
    tribunalReference: string;
    registeredOn: string;
    responseDueOn: string | null;
    evidenceDueOn: string | null;
    hearingOn: string | null;
  }
>;

/** The LA's response (HESC r.21). Conceding before it is the reg 45 "unopposed" route. */
export type LaResponseReceived = DomainEvent<
  'LaResponseReceived',
  { appealId: string; receivedOn: string; opposed: boolean }
>;
export type EvidenceSubmitted = DomainEvent<
  'EvidenceSubmitted',
  { appealId: string; submittedOn: string; party: 'FAMILY' | 'LA' }
>;
/** The LA sends the hearing bundle at least 10 tribunal working days before the hearing. */
export type HearingBundleSent = DomainEvent<
  'HearingBundleSent',
  { appealId: string; sentOn: string }
>;
export type HearingScheduled = DomainEvent<
  'HearingScheduled',
  { appealId: string; hearingOn: string }
>;
export type HearingAdjourned = DomainEvent<
  'HearingAdjourned',
  { appealId: string; adjournedOn: string; newHearingOn: string | null; reason: string | null }
>;
export type HearingHeld = DomainEvent<'HearingHeld', { appealId: string; heldOn: string }>;

export type AppealOutcomeRecorded = DomainEvent<
  'AppealOutcomeRecorded',
  {
    appealId: string;
    outcome: AppealOutcome;
    /** Only for DECIDED_IN_FAVOUR. */
    extent: DecisionExtent | null;
    decidedOn: string;
    /** CONCEDED before the LA's response: reg 45 deadlines run from the LA's notification (§1.5, §1.7). */
    unopposed?: boolean;
  }
>;

/** What the LA must now do, and by when (reg 44 / reg 45 / reg 42). */
export type TribunalOrderMade = DomainEvent<
  'TribunalOrderMade',
  {
    appealId: string;
    orderId: string;
    orderType: OrderType;
    basis: OrderBasis;
    /** The day the order was sent (or the LA notified the tribunal, for reg 45): the clock's start. */
    madeOn: string;
    /** A date the tribunal set itself, when the regulations give none (e.g. a discrimination remedy). */
    directedDueOn: string | null;
  }
>;

/** The LA did what it was ordered to do. `dueOn`/`daysLate` are fixed when recorded (0 when on time). */
export type OrderComplied = DomainEvent<
  'OrderComplied',
  { orderId: string; compliedOn: string; dueOn: string | null; daysLate: number }
>;

/** Set-aside, review or permission to appeal (28 days), or an application to the Upper Tribunal (1 month). */
export type DecisionChallengeLodged = DomainEvent<
  'DecisionChallengeLodged',
  {
    appealId: string;
    challengeId: string;
    kind: ChallengeKind;
    lodgedOn: string;
    by: 'FAMILY' | 'LA';
  }
>;
export type DecisionChallengeDecided = DomainEvent<
  'DecisionChallengeDecided',
  { challengeId: string; decidedOn: string; granted: boolean }
>;

/** Extended appeals: non-binding health/social care recommendations; written answer due in 5 weeks (§1.9). */
export type HscRecommendationsMade = DomainEvent<
  'HscRecommendationsMade',
  {
    appealId: string;
    recommendationId: string;
    madeOn: string;
    addressedTo: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
  }
>;
export type HscRecommendationsAnswered = DomainEvent<
  'HscRecommendationsAnswered',
  { recommendationId: string; answeredOn: string; followed: boolean }
>;

export type AppealEvent =
  | MediationAdviserContacted
  | MediationHeld
  | MediationCertificateIssued
  | AppealLodged
  | AppealRegistered
  | LaResponseReceived
  | EvidenceSubmitted
  | HearingBundleSent
  | HearingScheduled
  | HearingAdjourned
  | HearingHeld
  | AppealOutcomeRecorded
  | TribunalOrderMade
  | OrderComplied
  | DecisionChallengeLodged
  | DecisionChallengeDecided
  | HscRecommendationsMade
  | HscRecommendationsAnswered;
