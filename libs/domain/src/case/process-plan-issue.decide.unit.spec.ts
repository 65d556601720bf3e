import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { type LaDecisionKind } from './case.types';
import { opened, decided } from './process.spec-helper';

describe('statutory process: draft and final plans', () => {
  describe('DRAFT_PLAN_ISSUED (reg 13(1), reg 27)', () => {
    it.each([
      ['an agreed assessment', 'ASSESSMENT_AGREED'],
      ['an order to assess', 'ORDER'],
    ])('follows %s', (_label, step) =>
      given([
        opened,
        requested,
        step === 'ORDER'
          ? orderMade('ASSESS', '2025-02-10')
          : decided('ASSESSMENT_AGREED', '2025-02-10'),
      ])
        .when(decide('DRAFT_PLAN_ISSUED', '2025-04-01'))
        .then([decided('DRAFT_PLAN_ISSUED', '2025-04-01')]),
    );

    it('follows an agreed re-assessment of a plan', () =>
      given([
        opened,
        decided('FINAL_PLAN_ISSUED', '2024-03-01'),
        reassessRequested,
        decided('REASSESSMENT_AGREED', '2025-03-01'),
      ])
        .when(decide('DRAFT_PLAN_ISSUED', '2025-04-01'))
        .then([decided('DRAFT_PLAN_ISSUED', '2025-04-01')]));

    it.each([
      ['before any decision to assess', () => [opened, requested]],
      ['after a refusal', () => [opened, requested, decided('ASSESSMENT_REFUSED', '2025-02-10')]],
      [
        'to a plan not being re-assessed',
        () => [opened, decided('FINAL_PLAN_ISSUED', '2024-03-01')],
      ],
    ])('is refused %s', (_label, history) =>
      given(history())
        .when(decide('DRAFT_PLAN_ISSUED', '2025-04-01'))
        .thenThrows('INVALID_TRANSITION', /follows an assessment or re-assessment/),
    );
  });

  describe('FINAL_PLAN_ISSUED (reg 13(2))', () => {
    it('ends an agreed assessment after its draft', () =>
      given([
        opened,
        requested,
        decided('ASSESSMENT_AGREED', '2025-02-10'),
        decided('DRAFT_PLAN_ISSUED', '2025-04-01'),
      ])
        .when(decide('FINAL_PLAN_ISSUED', '2025-05-20'))
        .then([decided('FINAL_PLAN_ISSUED', '2025-05-20')]));

    it('may be recorded with no earlier steps (a plan issued before tracking began)', () =>
      given([opened])
        .when(decide('FINAL_PLAN_ISSUED', '2022-07-01'))
        .then([decided('FINAL_PLAN_ISSUED', '2022-07-01')]));

    it('is made once: later versions are amended plans', () =>
      given([opened, decided('FINAL_PLAN_ISSUED', '2024-03-01')])
        .when(decide('FINAL_PLAN_ISSUED', '2025-03-01'))
        .thenThrows('INVALID_TRANSITION', /amended plan/));

    it('after a cease needs a new agreed assessment', () => {
      const ceased = [
        opened,
        decided('FINAL_PLAN_ISSUED', '2023-03-01'),
        decided('CEASE_TO_MAINTAIN', '2024-09-01'),
      ];
      given(ceased)
        .when(decide('FINAL_PLAN_ISSUED', '2025-03-01'))
        .thenThrows('INVALID_TRANSITION', /needs a new assessment/);
      given([...ceased, requested, decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(decide('FINAL_PLAN_ISSUED', '2025-05-20'))
        .then([decided('FINAL_PLAN_ISSUED', '2025-05-20')]);
    });

    it('cannot predate its draft', () => {
      const error = given([
        opened,
        requested,
        decided('ASSESSMENT_AGREED', '2025-02-10'),
        decided('DRAFT_PLAN_ISSUED', '2025-04-01'),
      ])
        .when(decide('FINAL_PLAN_ISSUED', '2025-03-20'))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe('decisionLetterOn');
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

type DecisionData = Extract<CaseCommand, { type: 'RecordDecision' }>['data'];

const requested: CaseEvent = {
  type: 'AssessmentRequested',
  data: { requestId: 'req-1', receivedOn: '2025-01-06', requestedBy: 'PARENT' },
};
const reassessRequested: CaseEvent = {
  type: 'ReassessmentRequested',
  data: { requestId: 'rreq-1', receivedOn: '2025-02-20' },
};
const orderMade = (orderType: 'ASSESS' | 'CONTINUE_TO_MAINTAIN', madeOn: string): CaseEvent => ({
  type: 'TribunalOrderMade',
  data: {
    appealId: 'appeal-1',
    orderId: 'order-1',
    orderType,
    basis: 'TRIBUNAL_ORDER',
    madeOn,
    directedDueOn: null,
  },
});

const decide = (kind: string, on: string, change: Partial<DecisionData> = {}): CaseCommand => ({
  type: 'RecordDecision',
  data: {
    decisionId: `${kind}-${on}`,
    kind: kind as LaDecisionKind,
    decisionLetterOn: on,
    appealRightsStated: true,
    ...change,
  },
  metadata,
});
