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
