import { type LocalDate } from './local-date';

export type DutyHolderKind =
  'FAMILY' | 'LA' | 'TRIBUNAL' | 'HEALTH_BODY' | 'MEDIATION_ADVISER' | 'SCHOOL';

/** What a tribunal order (reg 44), an unopposed appeal (reg 45) or a mediation agreement (reg 42) requires. */
export type OrderAction =
  | 'ASSESS_NOTIFY'
  | 'ASSESS_NO_PLAN_NOTICE'
  | 'ASSESS_FINAL_PLAN'
  | 'MAKE_PLAN_DRAFT'
  | 'MAKE_PLAN_FINAL'
  | 'AMEND_BF'
  | 'NAME_SCHOOL'
  | 'CONTINUE_TO_MAINTAIN';

/**
 * Exceptions the regulations allow, in the words shown to families. A deadline is only marked
 * `exceptionApplies` when the caller passes one that was RECORDED on the case; the engine never infers one.
 */
export const EXCEPTION_DESCRIPTIONS = {
  // send-domain §2.1 T7: SEND Regs 2014 regs 5(4), 10(4), 13(3), 27(3)
  T7_SCHOOL_CLOSURE:
    'advice was asked of a school or college from a week before it closed for 4 weeks or more',
  T7_EARLY_YEARS_CLOSURE:
    'advice was asked of an early years provider from a week before it closed for 4 weeks or more',
  T7_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES:
    'exceptional personal circumstances affected the child, the parent or the young person',
  T7_ABSENT_FROM_AREA:
    'the child, the parent or the young person was away from the area for 4 weeks or more in a row',
  // send-domain §2.1 T2: SEND Regs 2014 reg 8(2)
  REG8_EXCEPTIONAL_CIRCUMSTANCES: 'exceptional circumstances made it impractical',
  REG8_ABSENT_FROM_AREA:
    'the child, the parent or the young person was away from the area for 4 weeks or more in a row',
  REG8_MISSED_APPOINTMENT: 'an appointment for an examination or test was missed',
  // send-domain §1.7: SEND Regs 2014 regs 44 and 45 ("need not comply if impractical")
  ORDER_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES:
    'exceptional personal circumstances affected the child, the parent or the young person',
  ORDER_ABSENT_FROM_AREA:
    'the child, the parent or the young person was away from the area for 2 weeks or more in a row',
  ORDER_PARENT_REPRESENTATIONS:
    'the parent or young person asked to make representations about the plan after the deadline',
  ORDER_SCHOOL_CLOSURE: 'the school or college was closed',
} as const;

export type RecordedException = keyof typeof EXCEPTION_DESCRIPTIONS;

export const T7_EXCEPTIONS: readonly RecordedException[] = [
  'T7_SCHOOL_CLOSURE',
  'T7_EARLY_YEARS_CLOSURE',
  'T7_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES',
  'T7_ABSENT_FROM_AREA',
];

export const REG8_EXCEPTIONS: readonly RecordedException[] = [
  'REG8_EXCEPTIONAL_CIRCUMSTANCES',
  'REG8_ABSENT_FROM_AREA',
  'REG8_MISSED_APPOINTMENT',
];

export const ORDER_EXCEPTIONS: readonly RecordedException[] = [
  'ORDER_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES',
  'ORDER_ABSENT_FROM_AREA',
  'ORDER_PARENT_REPRESENTATIONS',
  'ORDER_SCHOOL_CLOSURE',
];

/** The start dates and facts a rule may need; each rule names the ones it reads (`needs`). */
export interface DeadlineInput {
  // §1.3–1.4: mediation and lodging
  readonly decisionLetterOn?: LocalDate; // the day written notice of the LA decision was SENT
  readonly mediationCertificateOn?: LocalDate; // date of issue of the mediation certificate
  readonly mediationDeclinedOn?: LocalDate; // family told the adviser they do not want mediation
  readonly mediationRequestedOn?: LocalDate; // family told the LA they want mediation
  readonly mediationEndedOn?: LocalDate;
  readonly mediationNotArrangedOn?: LocalDate; // LA told the adviser it cannot arrange it in 30 days
  readonly icbNotifiedOn?: LocalDate; // LA told the ICB of health-only mediation issues
  readonly actComplainedOfOn?: LocalDate; // DD claim: the act, or the last act of a continuing course
  readonly tribunalDecisionSentOn?: LocalDate;
  readonly permissionRefusedOn?: LocalDate; // FTT sent its refusal of permission to appeal
  // §1.5: tribunal case management
  readonly appealLodgedOn?: LocalDate;
  readonly laReceivedAppealOn?: LocalDate;
  readonly hearingOn?: LocalDate;
  // §1.7, §1.9: orders, unopposed appeals, mediation agreements, recommendations
  readonly orderMadeOn?: LocalDate; // the day the tribunal SENT the order
  readonly laNotifiedTribunalOn?: LocalDate; // LA told the tribunal it will not oppose (reg 45)
  readonly agreementMadeOn?: LocalDate; // mediation agreement (reg 42)
  readonly agreedAction?: OrderAction; // what the mediation agreement requires (reg 42)
  readonly combinedWithContentsAppeal?: boolean; // reg 45 Section I appeal also about B/F
  readonly recommendationsMadeOn?: LocalDate;
  // §2.1–2.2: assessment and re-assessment
  readonly requestReceivedOn?: LocalDate;
  readonly adviceRequestedOn?: LocalDate; // the advice-giver received the LA's request
  readonly adviceFrom?: 'LA' | 'HEALTH_BODY' | 'SCHOOL';
  readonly reassessmentRequestReceivedOn?: LocalDate;
  readonly reassessmentNotifiedOn?: LocalDate; // LA notified (or decided) that it will re-assess
  // §2.3: reviews and phase transfer
  readonly planIssuedOn?: LocalDate; // the day the plan was first made
  readonly previousReviewOn?: LocalDate;
  readonly meetingOn?: LocalDate; // review meeting
  readonly reviewArrangedBy?: 'LA' | 'SCHOOL'; // reg 20: the LA may require the head to arrange it
  readonly amendmentsSentOn?: LocalDate; // proposed amendments sent (reg 22)
  readonly transferYear?: number;
  readonly transferOn?: LocalDate; // post-16 → post-16 move at another time (reg 18(2))
  // §2.6
  readonly problemKnownOn?: LocalDate; // LGSCO: first had notice of the matter
  readonly accessRequestReceivedOn?: LocalDate; // UK GDPR subject access request
  readonly dataController?: 'LA' | 'SCHOOL' | 'HEALTH_BODY';
  // Only ever an exception that was recorded on the case.
  readonly exceptionRecorded?: RecordedException;
}

/** The input fields holding a date (plain strings, unlike the literal unions beside them). */
export type DateField = {
  [K in keyof DeadlineInput]-?: string extends NonNullable<DeadlineInput[K]> ? K : never;
}[keyof DeadlineInput];
