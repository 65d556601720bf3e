/** Appealable decisions and claims: CFA 2014 s.51(2)(a)–(f), Equality Act 2010 Sch 17, FTT Recommendations Regs 2017 (send-domain §1.2). */
export const APPEAL_TYPES = [
  'REFUSAL_TO_ASSESS',
  'REFUSAL_TO_ISSUE',
  'CONTENTS_B',
  'CONTENTS_F',
  'PLACEMENT_I',
  'NO_PLACEMENT_NAMED',
  'REFUSAL_TO_REASSESS',
  'REFUSAL_TO_AMEND',
  'CEASE_TO_MAINTAIN',
  'DISABILITY_DISCRIMINATION',
  'EXTENDED_HSC_RECOMMENDATION',
] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** SEN appeals under CFA 2014 s.51(2): every type but the discrimination claim and the recommendation request. */
export const SEN_APPEAL_TYPES: readonly AppealType[] = APPEAL_TYPES.filter(
  (type) => type !== 'DISABILITY_DISCRIMINATION' && type !== 'EXTENDED_HSC_RECOMMENDATION',
);

/** Education appeals under s.51(2)(b)–(f): the only ones health and social care recommendations may ride on (§1.9). */
export const RECOMMENDATION_CARRIERS: readonly AppealType[] = [
  'REFUSAL_TO_ISSUE',
  'CONTENTS_B',
  'CONTENTS_F',
  'PLACEMENT_I',
  'NO_PLACEMENT_NAMED',
  'REFUSAL_TO_REASSESS',
  'REFUSAL_TO_AMEND',
  'CEASE_TO_MAINTAIN',
];

/** How an appeal ends (send-domain §1.6). Only DECIDED_* outcomes enter MoJ's success-rate denominator. */
export const APPEAL_OUTCOMES = [
  'WITHDRAWN',
  'CONCEDED',
  'CONSENT_ORDER',
  'STRUCK_OUT',
  'DECIDED_IN_FAVOUR',
  'DISMISSED',
] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** DECIDED_IN_FAVOUR is "successful at least in part" (MoJ): record which. */
export const DECISION_EXTENTS = ['IN_FULL', 'IN_PART'] as const;
export type DecisionExtent = (typeof DECISION_EXTENTS)[number];

export const isAppealType = (value: string): value is AppealType =>
  (APPEAL_TYPES as readonly string[]).includes(value);
export const isAppealOutcome = (value: string): value is AppealOutcome =>
  (APPEAL_OUTCOMES as readonly string[]).includes(value);

/**
 * Decisions a local authority writes to the family (send-domain §1.2, §2). Those with appeal types are appealable;
 * the letter must then state the right of appeal (regs 5(3), 10(3), 31(3), 32).
 */
export const LA_DECISION_KINDS = {
  ASSESSMENT_AGREED: [],
  ASSESSMENT_REFUSED: ['REFUSAL_TO_ASSESS'],
  PLAN_NOT_NEEDED: ['REFUSAL_TO_ISSUE'],
  DRAFT_PLAN_ISSUED: [],
  FINAL_PLAN_ISSUED: ['CONTENTS_B', 'CONTENTS_F', 'PLACEMENT_I', 'NO_PLACEMENT_NAMED'],
  REASSESSMENT_AGREED: [],
  REASSESSMENT_REFUSED: ['REFUSAL_TO_REASSESS'],
  REVIEW_NO_AMENDMENT: ['REFUSAL_TO_AMEND'],
  REVIEW_AMENDMENTS_PROPOSED: [],
  AMENDED_PLAN_ISSUED: ['CONTENTS_B', 'CONTENTS_F', 'PLACEMENT_I', 'NO_PLACEMENT_NAMED'],
  CEASE_TO_MAINTAIN: ['CEASE_TO_MAINTAIN'],
} as const satisfies Record<string, readonly AppealType[]>;
export type LaDecisionKind = keyof typeof LA_DECISION_KINDS;
export const LA_DECISION_KIND_NAMES = Object.keys(LA_DECISION_KINDS) as LaDecisionKind[];

/** What the tribunal can order under reg 43 (and the LA owes after an unopposed appeal or a mediation agreement). */
export const ORDER_TYPES = [
  'ASSESS',
  'MAKE_AND_MAINTAIN_PLAN',
  'AMEND_B_F',
  'NAME_SCHOOL',
  'AMEND_B_F_AND_NAME_SCHOOL',
  'CONTINUE_TO_MAINTAIN',
  'REFER_BACK_TO_RECONSIDER',
  'DISABILITY_DISCRIMINATION_REMEDY',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Where the LA's duty comes from: a tribunal order (reg 44), not opposing (reg 45), a mediation agreement (reg 42). */
export const ORDER_BASES = ['TRIBUNAL_ORDER', 'UNOPPOSED_APPEAL', 'MEDIATION_AGREEMENT'] as const;
export type OrderBasis = (typeof ORDER_BASES)[number];

/** Challenges to a tribunal decision (HESC Rules r.44–r.47; UT Rules r.21), send-domain §1.8. */
export const CHALLENGE_KINDS = [
  'SET_ASIDE',
  'REVIEW',
  'PERMISSION_TO_APPEAL',
  'UPPER_TRIBUNAL_APPLICATION',
] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** Phase transfers and their review deadlines (SEND Regs 2014 reg 18), send-domain §2.3. */
export const TRANSFER_KINDS = ['SCHOOL_PHASE', 'SECONDARY_TO_POST16', 'POST16_OTHER'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The breach taxonomy of send-domain §3. */
export const BREACH_TYPES = [
  'TIMESCALE_ASSESS_DECISION',
  'TIMESCALE_ADVICE',
  'TIMESCALE_NO_PLAN_16WK',
  'TIMESCALE_FINAL_PLAN_20WK',
  'TIMESCALE_REASSESS',
  'ANNUAL_REVIEW_LATE',
  'PHASE_TRANSFER_LATE',
  'PROVISION_NOT_DELIVERED',
  'NO_SUITABLE_EDUCATION',
  'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
  'HSC_RECOMMENDATION_IGNORED',
  'UNLAWFUL_POLICY_ASSESSMENT_GATEKEEPING',
  'UNLAWFUL_PROCESS_CEASE',
  'FAILURE_TO_CONSULT',
  'MEDIATION_FAILURE',
  'UNLAWFUL_EXCLUSION',
  'DISABILITY_DISCRIMINATION',
  'COMPLAINT_HANDLING',
] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

export const DUTY_HOLDER_KINDS = ['LA', 'SCHOOL', 'HEALTH_BODY', 'SOCIAL_CARE', 'OTHER'] as const;
export type DutyHolderType = (typeof DUTY_HOLDER_KINDS)[number];

/**
 * Who owed the duty. An LA by its 3-digit DfE code; a school by name and, when known, its URN; a health body (ICB,
 * trust) by name. `name` is never personal data.
 */
export interface DutyHolder {
  readonly kind: DutyHolderType;
  readonly localAuthorityCode: string | null;
  readonly name: string | null;
  readonly urn: string | null;
}
