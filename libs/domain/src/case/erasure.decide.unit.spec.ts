import { specFor } from '../decider.spec-helper';
import { fold } from '../decider';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import { ERASED_TEXT, PERSONAL_DATA_FIELDS } from './personal-data';

describe('erasure (UK GDPR Art 17, send-domain §6): ErasePersonalData', () => {
  it('given an open case, when the family asks, then its personal data is erased today', () =>
    given([opened])
      .when(erase('FAMILY'))
      .then([erased('FAMILY')]));

  it('an operator may process the family’s request on any case', () =>
    given([opened])
      .when(erase('ADMIN', 'operator-1'))
      .then([erased('ADMIN')]));

  it('is idempotent: asking again records nothing more (and is not an error)', () =>
    given([opened, erased('FAMILY')])
      .when(erase('FAMILY'))
      .then([]));

  it('another family cannot erase the case', () =>
    given([opened])
      .when(erase('FAMILY', 'family-2'))
      .thenThrows('INVALID_TRANSITION', /Only the family who opened the case/));

  it('refuses an unknown requester', () => {
    const error = given([opened])
      .when({
        type: 'ErasePersonalData',
        data: { requestedBy: 'POLICY' as 'FAMILY' },
        metadata: { actor: 'family-1', today: TODAY },
      })
      .thrown('BAD_USER_INPUT');
    expect(error.field).toBe('requestedBy');
  });

  it('needs an open case', () =>
    given([])
      .when(erase('ADMIN'))
      .thenThrows('INVALID_TRANSITION', /Open the case first/));

  describe('after erasure the case is kept for statistics, as it stood', () => {
    it('refuses every command from people', () =>
      given([opened, erased('FAMILY')])
        .when({
          type: 'RequestAssessment',
          data: { requestId: 'r1', receivedOn: '2025-06-01', requestedBy: 'PARENT' },
          metadata: { actor: 'family-1', today: TODAY },
        })
        .thenThrows('INVALID_TRANSITION', /erased/));

    it('the breach detector finds nothing new', () =>
      given([opened, erased('FAMILY')])
        .when({
          type: 'DetectBreaches',
          data: { asOf: '2030-01-01' },
          metadata: { actor: 'system:breach-detector', today: '2030-01-01' },
        })
        .then([]));

    it('the state records when, and keeps everything else', () => {
      const before = fold(caseDecider, [opened]);
      const after = fold(caseDecider, [opened, erased('FAMILY'), erased('ADMIN')]);
      if (before.status !== 'Open' || after.status !== 'Open') throw new Error('expected open');
      expect(after.erasure).toEqual({ erasedOn: TODAY });
      expect({ ...after, erasure: before.erasure }).toEqual(before);
    });
  });

  it('the erasure event carries no personal data', () => {
    expect(Object.keys(erased('FAMILY').data).sort()).toEqual(['erasedOn', 'requestedBy']);
    expect(PERSONAL_DATA_FIELDS).not.toHaveProperty('PersonalDataErased');
  });

  it('lists the personal fields in one place, with the marker they read as', () => {
    expect(PERSONAL_DATA_FIELDS).toEqual({
      CaseOpened: { childLabel: 'text' },
      BreachReported: { notes: 'optionalText', evidenceRefs: 'textList' },
      ExceptionRecorded: { note: 'optionalText' },
      HearingAdjourned: { reason: 'optionalText' },
      AppealRegistered: { tribunalReference: 'text' },
    });
    expect(ERASED_TEXT).toBe('[erased]');
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const TODAY = '2025-06-10';

const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    ownerId: 'family-1',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-01-02',
  },
};

const erase = (requestedBy: 'FAMILY' | 'ADMIN', actor = 'family-1'): CaseCommand => ({
  type: 'ErasePersonalData',
  data: { requestedBy },
  metadata: { actor, today: TODAY },
});

const erased = (
  requestedBy: 'FAMILY' | 'ADMIN',
): Extract<CaseEvent, { type: 'PersonalDataErased' }> => ({
  type: 'PersonalDataErased',
  data: { erasedOn: TODAY, requestedBy },
});
