import {
  APPEAL_OUTCOMES,
  APPEAL_TYPES,
  BREACH_TYPES,
  CHALLENGE_KINDS,
  DECISION_EXTENTS,
  DUTY_HOLDER_KINDS,
  EXCEPTION_DESCRIPTIONS,
  LA_DECISION_KIND_NAMES,
  ORDER_BASES,
  ORDER_TYPES,
  TRANSFER_KINDS,
  type RecordedException,
} from '@app/domain';
import { registerEnumType } from '@nestjs/graphql';
import { ROLES } from '../auth/viewer';

/** GraphQL enums are registered from the domain's own lists, so the two can never drift apart. */
const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;

export const AppealTypeEnum = asEnum(APPEAL_TYPES);
export const AppealOutcomeEnum = asEnum(APPEAL_OUTCOMES);
export const DecisionExtentEnum = asEnum(DECISION_EXTENTS);
export const AppealStageEnum = asEnum([
  'LODGED',
  'REGISTERED',
  'LA_RESPONDED',
  'HEARING_SCHEDULED',
  'HEARING_HELD',
  'CONCLUDED',
] as const);
export const LaDecisionKindEnum = asEnum(LA_DECISION_KIND_NAMES);
export const OrderTypeEnum = asEnum(ORDER_TYPES);
export const OrderBasisEnum = asEnum(ORDER_BASES);
export const ChallengeKindEnum = asEnum(CHALLENGE_KINDS);
export const TransferKindEnum = asEnum(TRANSFER_KINDS);
export const BreachTypeEnum = asEnum(BREACH_TYPES);
export const DutyHolderKindEnum = asEnum(DUTY_HOLDER_KINDS);
export const RecordedExceptionEnum = asEnum(
  Object.keys(EXCEPTION_DESCRIPTIONS) as RecordedException[],
);
export const PartyEnum = asEnum(['FAMILY', 'LA'] as const);
export const RequesterEnum = asEnum(['PARENT', 'YOUNG_PERSON', 'SCHOOL', 'OTHER'] as const);
export const AdviceSourceEnum = asEnum(['HEALTH_BODY', 'LA', 'SCHOOL'] as const);
export const RecommendationAddresseeEnum = asEnum(['LA_SOCIAL_CARE', 'HEALTH_BODY'] as const);
export const RoleEnum = asEnum(ROLES);

registerEnumType(AppealTypeEnum, {
  name: 'AppealType',
  description:
    'An appealable decision or claim (CFA 2014 s.51(2); Equality Act 2010 Sch 17; Recommendations Regs 2017).',
});
registerEnumType(AppealOutcomeEnum, {
  name: 'AppealOutcome',
  description:
    'How an appeal ended. Only DECIDED_IN_FAVOUR and DISMISSED count as decided by the tribunal.',
});
registerEnumType(DecisionExtentEnum, {
  name: 'DecisionExtent',
  description: 'A decision in favour: in full or in part.',
});
registerEnumType(AppealStageEnum, { name: 'AppealStage', description: 'Where an appeal stands.' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(LaDecisionKindEnum, {
  name: 'LaDecisionKind',
  description: 'A decision the local authority wrote to the family (send-domain §1.2, §2).',
});
registerEnumType(OrderTypeEnum, {
  name: 'OrderType',
  description: 'What the LA was ordered (reg 43/44) or agreed (reg 45/42) to do.',
});
registerEnumType(OrderBasisEnum, {
  name: 'OrderBasis',
  description:
    'TRIBUNAL_ORDER (reg 44), UNOPPOSED_APPEAL (reg 45) or MEDIATION_AGREEMENT (reg 42).',
});
registerEnumType(ChallengeKindEnum, { name: 'ChallengeKind' });
registerEnumType(TransferKindEnum, {
  name: 'TransferKind',
  description:
    'SCHOOL_PHASE: plan amended before 15 February; SECONDARY_TO_POST16: before 31 March; POST16_OTHER: 5 months before.',
});
registerEnumType(BreachTypeEnum, {
  name: 'BreachType',
  description: 'The breach taxonomy (send-domain §3).',
});
registerEnumType(DutyHolderKindEnum, { name: 'DutyHolderKind' });
registerEnumType(RecordedExceptionEnum, {
  name: 'RecordedException',
  description: 'An exception to a time limit the regulations allow (T7, reg 8(2), regs 44/45).',
});
registerEnumType(PartyEnum, { name: 'Party' });
registerEnumType(RequesterEnum, { name: 'Requester' });
registerEnumType(AdviceSourceEnum, { name: 'AdviceSource' });
registerEnumType(RecommendationAddresseeEnum, { name: 'RecommendationAddressee' });
