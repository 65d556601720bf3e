import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { type LaDecisionKind } from './case.types';
import { opened, decided } from './process.spec-helper';

describe('statutory process: LA decisions on assessment', () => {
  describe('RecordDecision, whatever its kind', () => {
    it.each([
      ['ASSESSMENT_AGREED', []],
      ['ASSESSMENT_REFUSED', ['REFUSAL_TO_ASSESS']],
      ['FINAL_PLAN_ISSUED', ['CONTENTS_B', 'CONTENTS_F', 'PLACEMENT_I', 'NO_PLACEMENT_NAMED']],
    ])('records %s with the appeal rights it opens (%p)', (kind, appealableAs) =>
      given([opened, requested])
        .when(decide(kind, '2025-02-10', { appealRightsStated: false }))
        .then([
          {
            type: 'LaDecisionRecorded',
            data: {
              decisionId: `${kind}-2025-02-10`,
              kind,
              decisionLetterOn: '2025-02-10',
              appealRightsStated: false,
              appealableAs,
            },
          } as CaseEvent,
        ]),
    );

    it('refuses the same decision letter twice', () =>
      given([opened, requested, decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(
          decide('PLAN_NOT_NEEDED', '2025-04-01', { decisionId: 'ASSESSMENT_AGREED-2025-02-10' }),
        )
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it.each([
      [{ kind: 'MAYBE' }, 'kind', /Unknown kind/],
      [{ decisionLetterOn: '2025-06-11' }, 'decisionLetterOn', /later than today/],
      [{ decisionLetterOn: '2025-13-01' }, 'decisionLetterOn', /real date/],
      [
        { decisionLetterOn: '2025-01-05' },
        'decisionLetterOn',
        /earlier than the date the request was received/,
      ],
      [{ appealRightsStated: 'yes' }, 'appealRightsStated', /right of appeal/],
    ])('rejects %p on field %s', (change, field, message) => {
      const command = decide('ASSESSMENT_AGREED', '2025-02-10', change as Partial<DecisionData>);
      const error = given([opened, requested]).when(command).thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });
  });

  describe('ASSESSMENT_AGREED / ASSESSMENT_REFUSED (reg 5)', () => {
    it('may be recorded without the request by a family that started tracking later', () =>
      given([opened])
        .when(decide('ASSESSMENT_REFUSED', '2025-02-10'))
        .then([decided('ASSESSMENT_REFUSED', '2025-02-10')]));

    it('answers a request only once', () =>
      given([opened, requested, decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(decide('ASSESSMENT_REFUSED', '2025-02-11'))
        .thenThrows('INVALID_TRANSITION', /already recorded \(2025-02-10\).*one decision/));

    it('cannot follow the final plan issued for the same request', () =>
      given([opened, requested, decided('FINAL_PLAN_ISSUED', '2025-05-20')])
        .when(decide('ASSESSMENT_AGREED', '2025-05-21'))
        .thenThrows('INVALID_TRANSITION', /can no longer follow it/));

    it('needs a new request once a plan was ceased', () =>
      given([
        opened,
        decided('FINAL_PLAN_ISSUED', '2023-03-01'),
        decided('CEASE_TO_MAINTAIN', '2024-09-01'),
      ])
        .when(decide('ASSESSMENT_AGREED', '2025-02-10'))
        .thenThrows('INVALID_TRANSITION', /record the request first/));
  });

  describe('PLAN_NOT_NEEDED (reg 10)', () => {
    it('follows an agreed assessment and opens a refusal-to-issue appeal', () =>
      given([opened, requested, decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(decide('PLAN_NOT_NEEDED', '2025-04-25'))
        .then([decided('PLAN_NOT_NEEDED', '2025-04-25')]));

    it.each([
      ['no decision to assess', [] as LaDecisionKind[], /only follows an assessment/],
      [
        'a refusal to assess',
        ['ASSESSMENT_REFUSED'] as LaDecisionKind[],
        /only follows an assessment/,
      ],
    ])('is refused after %s', (_label, kinds, message) =>
      given([opened, requested, ...kinds.map((kind) => decided(kind, '2025-02-10'))])
        .when(decide('PLAN_NOT_NEEDED', '2025-04-25'))
        .thenThrows('INVALID_TRANSITION', message),
    );

    it('is refused twice, and after a final plan', () => {
      const agreed = [opened, requested, decided('ASSESSMENT_AGREED', '2025-02-10')];
      given([...agreed, decided('PLAN_NOT_NEEDED', '2025-04-25')])
        .when(decide('PLAN_NOT_NEEDED', '2025-04-26'))
        .thenThrows('INVALID_TRANSITION', /already recorded/);
      given([...agreed, decided('FINAL_PLAN_ISSUED', '2025-05-20')])
        .when(decide('PLAN_NOT_NEEDED', '2025-05-21'))
        .thenThrows('INVALID_TRANSITION', /cease/);
    });

    it('cannot predate the agreement to assess', () => {
      const error = given([opened, requested, decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(decide('PLAN_NOT_NEEDED', '2025-02-09'))
        .thrown('BAD_USER_INPUT', /earlier than the last step/);
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
