import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseOpened } from './case.events';
import { specFor } from '../decider.spec-helper';

describe('case decider', () => {
  describe('OpenCase', () => {
    it('opens a case owned by the actor, dated today', () =>
      given([]).when(openCase()).then([caseOpened]));

    it('trims the child label', () =>
      given([])
        .when(openCase({ childLabel: '  Sam  ' }))
        .then([caseOpened]));

    it('rejects a second opening', () =>
      given([caseOpened]).when(openCase()).thenThrows('INVALID_TRANSITION'));

    it.each(['88', '8866', 'KEN', ''])('rejects the LA code %p, naming the field', (code) => {
      const error = given([])
        .when(openCase({ localAuthorityCode: code }))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe('localAuthorityCode');
    });

    it.each(['', '   ', 'x'.repeat(101), 'Sam\u0000'])('rejects the child label %p', (label) => {
      const error = given([])
        .when(openCase({ childLabel: label }))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe('childLabel');
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const caseId = 'c0ffee00-0000-4000-8000-000000000001';
const metadata = { actor: 'family-1', today: '2025-06-10' };

const openCase = (
  change: Partial<{ localAuthorityCode: string; childLabel: string }> = {},
): CaseCommand => ({
  type: 'OpenCase',
  data: { caseId, localAuthorityCode: '886', childLabel: 'Sam', ...change },
  metadata,
});
const caseOpened: CaseOpened = {
  type: 'CaseOpened',
  data: {
    caseId,
    ownerId: 'family-1',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-06-10',
  },
};
