import type {
  DeadlineTracker,
  AppealOutcome,
  AppealType,
  BreachType,
  ChallengeKind,
  DecisionExtent,
  DutyHolder,
  LaDecisionKind,
  OrderBasis,
  OrderType,
  RecordedException,
  TransferKind,
} from '@app/domain';

/** Where an appeal stands, as a family would say it. */
export type AppealStage =
  'LODGED' | 'REGISTERED' | 'LA_RESPONDED' | 'HEARING_SCHEDULED' | 'HEARING_HELD' | 'CONCLUDED';

export interface OrderView {
  readonly orderId: string;
  readonly appealId: string;
  readonly orderType: OrderType;
  readonly basis: OrderBasis;
  readonly madeOn: string;
  readonly directedDueOn: string | null;
  readonly compliedOn: string | null;
  /** Fixed when compliance is recorded; while outstanding, the deadlines say when it is due. */
  readonly dueOn: string | null;
  readonly daysLate: number | null;
}

export interface ChallengeView {
  readonly challengeId: string;
  readonly kind: ChallengeKind;
  readonly lodgedOn: string;
  readonly by: 'FAMILY' | 'LA';
  readonly decidedOn: string | null;
  readonly granted: boolean | null;
}

export interface RecommendationView {
  readonly recommendationId: string;
  readonly madeOn: string;
  readonly addressedTo: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
  readonly answeredOn: string | null;
  readonly followed: boolean | null;
}

export interface AppealView {
  readonly appealId: string;
  readonly caseId: string;
  readonly appealTypes: readonly AppealType[];
  readonly stage: AppealStage;
  readonly lodgedOn: string;
  readonly decisionLetterOn: string | null;
  readonly mediationCertificateOn: string | null;
  readonly decisionId: string | null;
  readonly respondent: DutyHolder | null;
  readonly tribunalReference: string | null;
  readonly registeredOn: string | null;
  readonly responseDueOn: string | null;
  readonly evidenceDueOn: string | null;
  readonly hearingOn: string | null;
  readonly laResponse: { readonly receivedOn: string; readonly opposed: boolean } | null;
  readonly evidence: readonly { readonly party: 'FAMILY' | 'LA'; readonly submittedOn: string }[];
  readonly bundleSentOn: string | null;
  readonly hearingHeldOn: string | null;
  readonly adjournments: readonly {
    readonly adjournedOn: string;
    readonly newHearingOn: string | null;
    readonly reason: string | null;
  }[];
  readonly outcome: AppealOutcome | null;
  readonly extent: DecisionExtent | null;
  readonly decidedOn: string | null;
  readonly unopposed: boolean;
  readonly orders: readonly OrderView[];
  readonly challenges: readonly ChallengeView[];
  readonly recommendations: readonly RecommendationView[];
  readonly updatedAt: string;
}

export interface DecisionView {
  readonly decisionId: string;
  readonly kind: LaDecisionKind;
  readonly decisionLetterOn: string;
  readonly appealRightsStated: boolean | null;
  readonly appealableAs: readonly AppealType[];
}

export interface RequestView {
  readonly requestId: string;
  readonly kind: 'ASSESSMENT' | 'REASSESSMENT';
  readonly receivedOn: string;
  readonly requestedBy: string | null;
}

export interface AdviceView {
  readonly adviceId: string;
  readonly from: 'HEALTH_BODY' | 'LA' | 'SCHOOL';
  readonly bodyName: string;
  readonly requestedOn: string;
  readonly receivedOn: string | null;
}

export interface MediationView {
  readonly adviserContactedOn: string | null;
  readonly mediationWanted: boolean | null;
  readonly mediationEndedOn: string | null;
  readonly agreementReached: boolean | null;
  readonly certificateIssuedOn: string | null;
}

export interface BreachView {
  readonly breachId: string;
  readonly source: 'REPORTED' | 'DETECTED';
  readonly breachType: BreachType;
  readonly dutyHolder: DutyHolder;
  readonly legalBasis: string;
  readonly guidanceReference: string | null;
  /** Reported: the date given; detected: the first day after the deadline. */
  readonly occurredOn: string;
  readonly evidenceRefs: readonly string[];
  /** Personal data (the family's words). */
  readonly notes: string | null;
  readonly ruleId: string | null;
  readonly deadlineKey: string | null;
  readonly dueOn: string | null;
  readonly detectedOn: string | null;
  readonly remediedOn: string | null;
  readonly daysLate: number | null;
}

export interface TimelineEntry {
  readonly position: number;
  readonly type: string;
  /** The business date (the letter, the lodging, the decision), not when it was typed in. */
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly summary: string;
  readonly appealId: string | null;
}

/** A consent grant in force or run out (revoked grants are removed). */
export interface GrantView {
  readonly organisation: string;
  readonly grantedBy: string;
  readonly grantedOn: string;
  /** Last day of access (inclusive); null = until revoked. Whether it is active depends on the day asked. */
  readonly expiresOn: string | null;
}

export interface CaseView {
  readonly caseId: string;
  readonly ownerId: string;
  readonly localAuthorityCode: string;
  readonly childLabel: string;
  readonly openedOn: string;
  /** When the case's personal data was erased (its personal fields then read as erased); null if never. */
  readonly erasedOn: string | null;
  /** Stream version folded so far: events at or below it are already in the view (replays are skipped). */
  readonly version: number;
  readonly requests: readonly RequestView[];
  readonly advice: readonly AdviceView[];
  readonly decisions: readonly DecisionView[];
  readonly reviews: readonly { readonly reviewId: string; readonly heldOn: string }[];
  readonly transfers: readonly {
    readonly transferId: string;
    readonly kind: TransferKind;
    readonly transferYear: number;
    readonly transferOn: string | null;
  }[];
  readonly exceptions: readonly {
    readonly exceptionId: string;
    readonly exception: RecordedException;
    readonly recordedOn: string;
  }[];
  readonly mediation: MediationView;
  readonly appeals: readonly AppealView[];
  readonly breaches: readonly BreachView[];
  readonly timeline: readonly TimelineEntry[];
  /** Who the family shares the case with (access decisions read this, with today's date). */
  readonly grants: readonly GrantView[];
  /** The case's statutory deadlines (domain tracker); their status depends on the day asked, so it is worked out when read. */
  readonly deadlineTracker: DeadlineTracker;
}
