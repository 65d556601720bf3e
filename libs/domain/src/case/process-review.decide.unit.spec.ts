import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { type LaDecisionKind } from './case.types';
import { opened, decided, withPlan, ceased } from './process.spec-helper';

describe('statutory process: review meetings and review decisions', () => {
  describe('RecordReviewMeeting (s.44(1), regs 20–21)', () => {
    it('records a meeting after the plan was issued', () =>
      given(withPlan())
        .when(meeting('rev-1', '2025-02-20'))
        .then([held('rev-1', '2025-02-20')]));

    it.each([
      ['there is no plan', () => [opened], /no EHC plan on record/],
      ['the plan was ceased', () => ceased(), /cannot be reviewed/],
      ['the id was used', () => [...withPlan(), held('rev-1', '2025-02-20')], /already recorded/],
    ])('is refused when %s', (_label, history, message) =>
      given(history())
        .when(meeting('rev-1', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      ['2024-03-01', /after the EHC plan was issued/],
      ['2025-06-11', /later than today/],
    ])('rejects heldOn %p', (heldOn, message) => {
      const error = given(withPlan())
        .when(meeting('rev-1', heldOn))
        .thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe('heldOn');
    });
  });

  describe('REVIEW_NO_AMENDMENT / REVIEW_AMENDMENTS_PROPOSED (regs 20–22)', () => {
    it('follows the latest meeting; keeping the plan unchanged opens a refusal-to-amend appeal', () =>
      given([...withPlan(), held('rev-1', '2025-02-20')])
        .when(decide('REVIEW_NO_AMENDMENT', '2025-03-10'))
        .then([decided('REVIEW_NO_AMENDMENT', '2025-03-10')]));

    it('is one decision per meeting; the next meeting allows the next decision', () => {
      const reviewed = [
        ...withPlan(),
        held('rev-1', '2024-11-20'),
        decided('REVIEW_AMENDMENTS_PROPOSED', '2024-12-10'),
      ];
      given(reviewed)
        .when(decide('REVIEW_NO_AMENDMENT', '2025-01-10'))
        .thenThrows(
          'INVALID_TRANSITION',
          /after the review meeting on 2024-11-20 is already recorded/,
        );
      given([...reviewed, held('rev-2', '2025-05-01')])
        .when(decide('REVIEW_NO_AMENDMENT', '2025-05-20'))
        .then([decided('REVIEW_NO_AMENDMENT', '2025-05-20')]);
    });

    it('needs a meeting and a plan', () => {
      given(withPlan())
        .when(decide('REVIEW_AMENDMENTS_PROPOSED', '2025-03-10'))
        .thenThrows('INVALID_TRANSITION', /record the meeting first/);
      given([opened])
        .when(decide('REVIEW_NO_AMENDMENT', '2025-03-10'))
        .thenThrows('INVALID_TRANSITION', /no EHC plan/);
    });

    it('does not count a meeting about a plan that was ceased before the current one', () =>
      given([
        ...ceased(),
        held('rev-old', '2024-08-01'),
        {
          type: 'AssessmentRequested',
          data: { requestId: 'req-2', receivedOn: '2024-10-01', requestedBy: 'PARENT' },
        },
        decided('ASSESSMENT_AGREED', '2024-11-01'),
        decided('FINAL_PLAN_ISSUED', '2025-03-01'),
      ])
        .when(decide('REVIEW_NO_AMENDMENT', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', /record the meeting first/));

    it('cannot predate the meeting', () => {
      const error = given([...withPlan(), held('rev-1', '2025-02-20')])
        .when(decide('REVIEW_AMENDMENTS_PROPOSED', '2025-02-19'))
        .thrown('BAD_USER_INPUT', /earlier than the date of the review meeting/);
      expect(error.field).toBe('decisionLetterOn');
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

const held = (reviewId: string, heldOn: string): CaseEvent => ({
  type: 'ReviewMeetingHeld',
  data: { reviewId, heldOn },
});

const meeting = (reviewId: string, heldOn: string): CaseCommand => ({
  type: 'RecordReviewMeeting',
  data: { reviewId, heldOn },
  metadata,
});
const decide = (kind: LaDecisionKind, on: string): CaseCommand => ({
  type: 'RecordDecision',
  data: { decisionId: `${kind}-${on}`, kind, decisionLetterOn: on, appealRightsStated: true },
  metadata,
});
