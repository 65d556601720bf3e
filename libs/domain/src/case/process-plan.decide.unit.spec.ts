import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { type LaDecisionKind } from './case.types';
import { opened, decided, withPlan, ceased } from './process.spec-helper';

describe('statutory process: re-assessment, amendments and ceasing', () => {
  describe('RequestReassessment (s.44(2), regs 24–25)', () => {
    it('records a request about the plan', () =>
      given(withPlan()).when(reassess()).then([reassessRequested]));

    it.each([
      ['there is no plan', () => [opened], /no EHC plan on record/],
      ['the plan was ceased', () => ceased(), /to stop \(cease\) the EHC plan/],
      ['one is still undecided', () => [...withPlan(), reassessRequested], /not yet decided/],
    ])('is refused when %s', (_label, history, message) =>
      given(history())
        .when(reassess({ requestId: 'rreq-2' }))
        .thenThrows('INVALID_TRANSITION', message),
    );

    it('refuses a request id already used', () =>
      given([...withPlan(), reassessRequested, decided('REASSESSMENT_REFUSED', '2025-03-01')])
        .when(reassess({ receivedOn: '2025-04-01' }))
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it.each([
      ['2024-02-29', /earlier than the date the EHC plan was issued/],
      ['2025-06-11', /later than today/],
    ])('rejects receivedOn %p', (receivedOn, message) => {
      const error = given(withPlan())
        .when(reassess({ receivedOn }))
        .thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe('receivedOn');
    });
  });

  describe('REASSESSMENT_AGREED / REASSESSMENT_REFUSED', () => {
    it('answers the open request; a refusal opens a refusal-to-reassess appeal', () =>
      given([...withPlan(), reassessRequested])
        .when(decide('REASSESSMENT_REFUSED', '2025-03-01'))
        .then([decided('REASSESSMENT_REFUSED', '2025-03-01')]));

    it('needs an open request, and answers it once', () => {
      given(withPlan())
        .when(decide('REASSESSMENT_AGREED', '2025-03-01'))
        .thenThrows('INVALID_TRANSITION', /no re-assessment request waiting/);
      given([...withPlan(), reassessRequested, decided('REASSESSMENT_AGREED', '2025-03-01')])
        .when(decide('REASSESSMENT_REFUSED', '2025-03-02'))
        .thenThrows('INVALID_TRANSITION', /already recorded/);
    });

    it('cannot predate the request', () => {
      const error = given([...withPlan(), reassessRequested])
        .when(decide('REASSESSMENT_AGREED', '2025-02-19'))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe('decisionLetterOn');
    });
  });

  describe('AMENDED_PLAN_ISSUED (s.44, regs 22(3), 27)', () => {
    it('amends a maintained plan, with fresh appeal rights', () =>
      given([
        ...withPlan(),
        held('rev-1', '2025-02-20'),
        decided('REVIEW_AMENDMENTS_PROPOSED', '2025-03-10'),
      ])
        .when(decide('AMENDED_PLAN_ISSUED', '2025-05-01'))
        .then([decided('AMENDED_PLAN_ISSUED', '2025-05-01')]));

    it('needs a plan that was not ceased', () => {
      given([opened])
        .when(decide('AMENDED_PLAN_ISSUED', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', /cannot be amended/);
      given(ceased())
        .when(decide('AMENDED_PLAN_ISSUED', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', /cease/);
    });

    it('cannot predate the plan it amends', () => {
      const error = given(withPlan())
        .when(decide('AMENDED_PLAN_ISSUED', '2024-02-01'))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe('decisionLetterOn');
    });
  });

  describe('CEASE_TO_MAINTAIN (s.45, reg 31)', () => {
    it('ceases a maintained plan', () =>
      given(withPlan())
        .when(decide('CEASE_TO_MAINTAIN', '2025-05-01'))
        .then([decided('CEASE_TO_MAINTAIN', '2025-05-01')]));

    it('is refused without a plan and once ceased', () => {
      given([opened])
        .when(decide('CEASE_TO_MAINTAIN', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', /no EHC plan/);
      given(ceased())
        .when(decide('CEASE_TO_MAINTAIN', '2025-05-01'))
        .thenThrows('INVALID_TRANSITION', /already recorded/);
    });

    it.each([
      [
        'an appeal against it succeeds',
        () => [...ceased(), ceaseAppeal, outcome('DECIDED_IN_FAVOUR')],
      ],
      ['the LA concedes the appeal', () => [...ceased(), ceaseAppeal, outcome('CONCEDED')]],
      ['the tribunal orders it to continue', () => [...ceased(), continueOrder]],
    ])('lets the plan be reviewed again when %s', (_label, history) =>
      given(history())
        .when(meeting('rev-9', '2025-06-01'))
        .then([held('rev-9', '2025-06-01')]),
    );

    it('keeps the plan ceased when the appeal is dismissed', () =>
      given([...ceased(), ceaseAppeal, outcome('DISMISSED')])
        .when(meeting('rev-9', '2025-06-01'))
        .thenThrows('INVALID_TRANSITION', /cannot be reviewed/));
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

const reassessRequested: CaseEvent = {
  type: 'ReassessmentRequested',
  data: { requestId: 'rreq-1', receivedOn: '2025-02-20' },
};
const held = (reviewId: string, heldOn: string): CaseEvent => ({
  type: 'ReviewMeetingHeld',
  data: { reviewId, heldOn },
});
const ceaseAppeal: CaseEvent = {
  type: 'AppealLodged',
  data: {
    appealId: 'appeal-1',
    appealTypes: ['CEASE_TO_MAINTAIN'],
    lodgedOn: '2024-10-15',
    decisionLetterOn: '2024-09-01',
    mediationCertificateOn: '2024-10-01',
  },
};
const outcome = (result: 'DECIDED_IN_FAVOUR' | 'CONCEDED' | 'DISMISSED'): CaseEvent => ({
  type: 'AppealOutcomeRecorded',
  data: {
    appealId: 'appeal-1',
    outcome: result,
    extent: result === 'DECIDED_IN_FAVOUR' ? 'IN_FULL' : null,
    decidedOn: '2025-03-01',
  },
});
const continueOrder: CaseEvent = {
  type: 'TribunalOrderMade',
  data: {
    appealId: 'appeal-1',
    orderId: 'order-1',
    orderType: 'CONTINUE_TO_MAINTAIN',
    basis: 'TRIBUNAL_ORDER',
    madeOn: '2025-03-01',
    directedDueOn: null,
  },
};

const reassess = (
  change: Partial<{ requestId: string; receivedOn: string }> = {},
): CaseCommand => ({
  type: 'RequestReassessment',
  data: { requestId: 'rreq-1', receivedOn: '2025-02-20', ...change },
  metadata,
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
