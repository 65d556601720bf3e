import type { CaseEvent } from './case.events';
import { LA_DECISION_KINDS, type LaDecisionKind } from './case.types';

/** Fixtures shared by the statutory-process specs (imported by *.spec.ts only). */
export const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    ownerId: 'family-1',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2023-01-02',
  },
};
export const decided = (kind: LaDecisionKind, on: string): CaseEvent => ({
  type: 'LaDecisionRecorded',
  data: {
    decisionId: `${kind}-${on}`,
    kind,
    decisionLetterOn: on,
    appealRightsStated: true,
    appealableAs: [...LA_DECISION_KINDS[kind]],
  },
});
export const withPlan = (): CaseEvent[] => [opened, decided('FINAL_PLAN_ISSUED', '2024-03-01')];
export const ceased = (): CaseEvent[] => [
  ...withPlan(),
  decided('CEASE_TO_MAINTAIN', '2024-09-01'),
];
