import type { DomainCommand } from '../decider';
import type {
  AppealOutcome,
  AppealType,
  ChallengeKind,
  DecisionExtent,
  DutyHolder,
  OrderType,
} from './case.types';

export type RecordMediationAdviserContact = DomainCommand<
  'RecordMediationAdviserContact',
  { decisionId: string | null; contactedOn: string; mediationWanted: boolean }
>;
export type RecordMediation = DomainCommand<
  'RecordMediation',
  { endedOn: string; agreementReached: boolean }
>;
export type RecordMediationCertificate = DomainCommand<
  'RecordMediationCertificate',
  { issuedOn: string }
>;

export type LodgeAppeal = DomainCommand<
  'LodgeAppeal',
  {
    appealId: string;
    appealTypes: readonly AppealType[];
    lodgedOn: string;
    decisionLetterOn?: string | null;
    mediationCertificateOn?: string | null;
    decisionId?: string | null;
    respondent?: DutyHolder | null;
  }
>;
export type RegisterAppeal = DomainCommand<
  'RegisterAppeal',
  {
    appealId: string;
    tribunalReference: string;
    registeredOn: string;
    responseDueOn?: string | null;
    evidenceDueOn?: string | null;
    hearingOn?: string | null;
  }
>;
export type RecordLaResponse = DomainCommand<
  'RecordLaResponse',
  { appealId: string; receivedOn: string; opposed: boolean }
>;
export type RecordEvidence = DomainCommand<
  'RecordEvidence',
  { appealId: string; submittedOn: string; party: 'FAMILY' | 'LA' }
>;
export type RecordHearingBundle = DomainCommand<
  'RecordHearingBundle',
  { appealId: string; sentOn: string }
>;
export type ScheduleHearing = DomainCommand<
  'ScheduleHearing',
  { appealId: string; hearingOn: string }
>;
export type AdjournHearing = DomainCommand<
  'AdjournHearing',
  { appealId: string; adjournedOn: string; newHearingOn: string | null; reason: string | null }
>;
export type RecordHearingHeld = DomainCommand<
  'RecordHearingHeld',
  { appealId: string; heldOn: string }
>;

export interface OrderInput {
  readonly orderId: string;
  readonly orderType: OrderType;
  /** Defaults to the outcome date (the day the decision and order were sent). */
  readonly madeOn?: string | null;
  readonly directedDueOn?: string | null;
}

export type RecordAppealOutcome = DomainCommand<
  'RecordAppealOutcome',
  {
    appealId: string;
    outcome: AppealOutcome;
    extent?: DecisionExtent | null;
    decidedOn: string;
    orders?: readonly OrderInput[];
  }
>;
export type RecordOrderCompliance = DomainCommand<
  'RecordOrderCompliance',
  { orderId: string; compliedOn: string }
>;
export type LodgeDecisionChallenge = DomainCommand<
  'LodgeDecisionChallenge',
  {
    appealId: string;
    challengeId: string;
    kind: ChallengeKind;
    lodgedOn: string;
    by: 'FAMILY' | 'LA';
  }
>;
export type RecordChallengeDecision = DomainCommand<
  'RecordChallengeDecision',
  { challengeId: string; decidedOn: string; granted: boolean }
>;
export type RecordHscRecommendations = DomainCommand<
  'RecordHscRecommendations',
  {
    appealId: string;
    recommendationId: string;
    madeOn: string;
    addressedTo: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
  }
>;
export type RecordHscAnswer = DomainCommand<
  'RecordHscAnswer',
  { recommendationId: string; answeredOn: string; followed: boolean }
>;

export type AppealCommand =
  | RecordMediationAdviserContact
  | RecordMediation
  | RecordMediationCertificate
  | LodgeAppeal
  | RegisterAppeal
  | RecordLaResponse
  | RecordEvidence
  | RecordHearingBundle
  | ScheduleHearing
  | AdjournHearing
  | RecordHearingHeld
  | RecordAppealOutcome
  | RecordOrderCompliance
  | LodgeDecisionChallenge
  | RecordChallengeDecision
  | RecordHscRecommendations
  | RecordHscAnswer;
