import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { opened, decided } from './process.spec-helper';

describe('statutory process: assessment requests and advice', () => {
  describe('RequestAssessment', () => {
    it('records the request', () => given([opened]).when(requestAssessment()).then([requested()]));

    it('accepts a new request once the last one was refused', () =>
      given([opened, requested(), decided('ASSESSMENT_REFUSED', '2025-02-10')])
        .when(requestAssessment({ requestId: 'req-2', receivedOn: '2025-05-01' }))
        .then([requested('2025-05-01', 'req-2')]));

    it('accepts a new request once a plan was ceased', () =>
      given([
        opened,
        decided('FINAL_PLAN_ISSUED', '2023-03-01'),
        decided('CEASE_TO_MAINTAIN', '2024-09-01'),
      ])
        .when(requestAssessment({ receivedOn: '2025-05-01' }))
        .then([requested('2025-05-01')]));

    it('refuses the same request twice', () =>
      given([opened, requested()])
        .when(requestAssessment({ receivedOn: '2025-05-01' }))
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it('refuses a second request while the first waits for a decision', () =>
      given([opened, requested()])
        .when(requestAssessment({ requestId: 'req-2' }))
        .thenThrows(
          'INVALID_TRANSITION',
          /not yet decided on the assessment request received on 2025-01-06/,
        ));

    it('refuses a new request while an agreed assessment is under way', () =>
      given([opened, requested(), decided('ASSESSMENT_AGREED', '2025-02-10')])
        .when(requestAssessment({ requestId: 'req-2' }))
        .thenThrows('INVALID_TRANSITION', /already under way/));

    it('points to a re-assessment when the child already has a plan', () =>
      given([opened, decided('FINAL_PLAN_ISSUED', '2024-03-01')])
        .when(requestAssessment())
        .thenThrows('INVALID_TRANSITION', /re-assessment instead/));

    it('refuses a request dated before the refusal of the last one', () => {
      const error = given([opened, requested(), decided('ASSESSMENT_REFUSED', '2025-02-10')])
        .when(requestAssessment({ requestId: 'req-2', receivedOn: '2025-02-01' }))
        .thrown('BAD_USER_INPUT', /earlier than the council’s last decision/);
      expect(error.field).toBe('receivedOn');
    });

    it.each([
      [{ receivedOn: '2025-06-11' }, 'receivedOn', /later than today/],
      [{ receivedOn: '2025-02-30' }, 'receivedOn', /real date/],
      [{ requestedBy: 'GRANDPARENT' }, 'requestedBy', /Say who asked/],
    ])('rejects %p on field %s', (change, field, message) => {
      const command = requestAssessment(change as Partial<RequestData>);
      const error = given([opened]).when(command).thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });
  });

  describe('RecordAdviceRequest (reg 8)', () => {
    it('records the request, trimming the body name', () =>
      given([opened, requested()])
        .when(askAdvice({ bodyName: '  Kent EP service ' }))
        .then([adviceRequested]));

    it('refuses the same advice id twice', () =>
      given([opened, adviceRequested])
        .when(askAdvice())
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it.each([
      [{ bodyName: '' }, 'bodyName', /must not be empty/],
      [{ bodyName: 'x'.repeat(201) }, 'bodyName', /at most 200/],
      [{ bodyName: 'EP\u0007service' }, 'bodyName', /control characters/],
      [{ from: 'TRIBUNAL' }, 'from', /Say who was asked/],
      [{ requestedOn: '2025-06-11' }, 'requestedOn', /later than today/],
    ])('rejects %p on field %s', (change, field, message) => {
      const command = askAdvice(change as Partial<AdviceData>);
      const error = given([opened]).when(command).thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });
  });

  describe('RecordAdviceReceived', () => {
    it('records the advice received', () =>
      given([opened, adviceRequested])
        .when(adviceIn('2025-03-20'))
        .then([{ type: 'AdviceReceived', data: { adviceId: 'adv-1', receivedOn: '2025-03-20' } }]));

    it('refuses advice that was never requested', () =>
      given([opened])
        .when(adviceIn('2025-03-20'))
        .thenThrows('INVALID_TRANSITION', /record the request first/));

    it('refuses advice received twice', () =>
      given([
        opened,
        adviceRequested,
        { type: 'AdviceReceived', data: { adviceId: 'adv-1', receivedOn: '2025-03-20' } },
      ])
        .when(adviceIn('2025-03-21'))
        .thenThrows('INVALID_TRANSITION', /already received \(2025-03-20\)/));

    it.each([
      ['2025-02-01', /earlier than the date the advice was requested/],
      ['2025-06-11', /later than today/],
      ['20250320', /real date/],
    ])('rejects receivedOn %p', (receivedOn, message) => {
      const error = given([opened, adviceRequested])
        .when(adviceIn(receivedOn))
        .thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe('receivedOn');
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

type RequestData = Extract<CaseCommand, { type: 'RequestAssessment' }>['data'];
type AdviceData = Extract<CaseCommand, { type: 'RecordAdviceRequest' }>['data'];

const requested = (receivedOn = '2025-01-06', requestId = 'req-1'): CaseEvent => ({
  type: 'AssessmentRequested',
  data: { requestId, receivedOn, requestedBy: 'PARENT' },
});
const adviceRequested: CaseEvent = {
  type: 'AdviceRequested',
  data: { adviceId: 'adv-1', from: 'LA', bodyName: 'Kent EP service', requestedOn: '2025-02-12' },
};

const requestAssessment = (change: Partial<RequestData> = {}): CaseCommand => ({
  type: 'RequestAssessment',
  data: { requestId: 'req-1', receivedOn: '2025-01-06', requestedBy: 'PARENT', ...change },
  metadata,
});
const askAdvice = (change: Partial<AdviceData> = {}): CaseCommand => ({
  type: 'RecordAdviceRequest',
  data: {
    adviceId: 'adv-1',
    from: 'LA',
    bodyName: 'Kent EP service',
    requestedOn: '2025-02-12',
    ...change,
  },
  metadata,
});
const adviceIn = (receivedOn: string): CaseCommand => ({
  type: 'RecordAdviceReceived',
  data: { adviceId: 'adv-1', receivedOn },
  metadata,
});
