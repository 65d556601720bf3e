import { APPEAL_OUTCOMES, APPEAL_TYPES, DECISION_EXTENTS } from '@app/domain';
import { registerEnumType } from '@nestjs/graphql';
import { ROLES } from '../auth/viewer';

/** GraphQL enums are registered from the domain's own lists, so the two can never drift apart. */
const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;

export const AppealTypeEnum = asEnum(APPEAL_TYPES);
export const AppealOutcomeEnum = asEnum(APPEAL_OUTCOMES);
export const DecisionExtentEnum = asEnum(DECISION_EXTENTS);
export const AppealStageEnum = asEnum(['LODGED', 'CONCLUDED'] as const);
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
