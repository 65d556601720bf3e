import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { AppealLodged } from './appeal.events';
import type { CaseEvent, CaseOpened } from './case.events';
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

  describe('LodgeAppeal', () => {
    it('records the appeal with its types and dates', () =>
      given([caseOpened]).when(lodge()).then([appealLodged]));

    it('needs an open case', () =>
      given([])
        .when(lodge())
        .thenThrows('INVALID_TRANSITION', /Open the case/));

    it('refuses the same appeal twice', () =>
      given([caseOpened, appealLodged]).when(lodge()).thenThrows('INVALID_TRANSITION'));

    it.each([
      [{ lodgedOn: '2025-06-11' }, 'lodgedOn', /later than today/],
      [{ lodgedOn: '2025-02-30' }, 'lodgedOn', /real date/],
      [
        { decisionLetterOn: '2025-06-02' },
        'decisionLetterOn',
        /later than the date the appeal was lodged/,
      ],
      [{ mediationCertificateOn: '2025-06-02' }, 'mediationCertificateOn', /later than/],
      [{ appealTypes: [] }, 'appealTypes', /at least one/],
      [{ appealTypes: ['CONTENTS_F', 'CONTENTS_F'] }, 'appealTypes', /once/],
      [{ appealTypes: ['NOT_A_TYPE'] }, 'appealTypes', /Unknown/],
      [
        { appealTypes: ['DISABILITY_DISCRIMINATION', 'CONTENTS_F'] },
        'appealTypes',
        /separate claim/,
      ],
      [{ appealTypes: ['EXTENDED_HSC_RECOMMENDATION'] }, 'appealTypes', /alongside/],
      [
        { appealTypes: ['REFUSAL_TO_ASSESS', 'EXTENDED_HSC_RECOMMENDATION'] },
        'appealTypes',
        /alongside/,
      ],
    ])('rejects %p on field %s', (change, field, message) => {
      const command = lodge(change as Partial<LodgeData>);
      const error = given([caseOpened]).when(command).thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });

    it('accepts recommendations alongside a contents appeal, and no letter date for a discrimination claim', () => {
      given([caseOpened])
        .when(lodge({ appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'] }))
        .then([
          {
            ...appealLodged,
            data: {
              ...appealLodged.data,
              appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'],
            },
          },
        ]);
      given([caseOpened])
        .when(
          lodge({
            appealTypes: ['DISABILITY_DISCRIMINATION'],
            decisionLetterOn: null,
            mediationCertificateOn: null,
          }),
        )
        .then([
          {
            type: 'AppealLodged',
            data: {
              ...appealLodged.data,
              appealTypes: ['DISABILITY_DISCRIMINATION'],
              decisionLetterOn: null,
              mediationCertificateOn: null,
            },
          },
        ]);
    });
  });

  describe('RecordAppealOutcome', () => {
    it('records a decision in the family’s favour in part', () =>
      given([caseOpened, appealLodged])
        .when(outcome({ outcome: 'DECIDED_IN_FAVOUR', extent: 'IN_PART' }))
        .then([
          {
            type: 'AppealOutcomeRecorded',
            data: {
              appealId,
              outcome: 'DECIDED_IN_FAVOUR',
              extent: 'IN_PART',
              decidedOn: '2025-06-09',
            },
          },
        ]));

    it.each(['WITHDRAWN', 'CONCEDED', 'CONSENT_ORDER', 'STRUCK_OUT', 'DISMISSED'] as const)(
      'records %s without an extent',
      (result) =>
        given([caseOpened, appealLodged])
          .when(outcome({ outcome: result }))
          .then([
            {
              type: 'AppealOutcomeRecorded',
              data: { appealId, outcome: result, extent: null, decidedOn: '2025-06-09' },
            },
          ]),
    );

    it('refuses an outcome for an appeal never lodged', () =>
      given([caseOpened])
        .when(outcome({ outcome: 'WITHDRAWN' }))
        .thenThrows('INVALID_TRANSITION', /No appeal/));

    it('refuses a second outcome', () =>
      given([caseOpened, appealLodged, withdrawn])
        .when(outcome({ outcome: 'DISMISSED' }))
        .thenThrows('INVALID_TRANSITION', /already ended/));

    it.each([
      [{ outcome: 'DECIDED_IN_FAVOUR' }, 'extent'],
      [{ outcome: 'DISMISSED', extent: 'IN_FULL' }, 'extent'],
      [{ outcome: 'WON' }, 'outcome'],
      [{ outcome: 'WITHDRAWN', decidedOn: '2025-05-31' }, 'decidedOn'],
      [{ outcome: 'WITHDRAWN', decidedOn: '2025-06-11' }, 'decidedOn'],
    ])('rejects %p on field %s', (change, field) => {
      const error = given([caseOpened, appealLodged])
        .when(outcome(change as Partial<OutcomeData>))
        .thrown('BAD_USER_INPUT');
      expect(error.field).toBe(field);
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const caseId = 'c0ffee00-0000-4000-8000-000000000001';
const appealId = 'a0ffee00-0000-4000-8000-000000000001';
const metadata = { actor: 'family-1', today: '2025-06-10' };

type LodgeData = Extract<CaseCommand, { type: 'LodgeAppeal' }>['data'];
type OutcomeData = Extract<CaseCommand, { type: 'RecordAppealOutcome' }>['data'];

const openCase = (
  change: Partial<{ localAuthorityCode: string; childLabel: string }> = {},
): CaseCommand => ({
  type: 'OpenCase',
  data: { caseId, localAuthorityCode: '886', childLabel: 'Sam', ...change },
  metadata,
});
const lodge = (change: Partial<LodgeData> = {}): CaseCommand => ({
  type: 'LodgeAppeal',
  data: {
    appealId,
    appealTypes: ['REFUSAL_TO_ASSESS'],
    lodgedOn: '2025-06-01',
    decisionLetterOn: '2025-04-03',
    mediationCertificateOn: '2025-05-20',
    ...change,
  },
  metadata,
});
const outcome = (change: Partial<OutcomeData>): CaseCommand => ({
  type: 'RecordAppealOutcome',
  data: { appealId, outcome: 'WITHDRAWN', decidedOn: '2025-06-09', ...change },
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
const appealLodged: AppealLodged = {
  type: 'AppealLodged',
  data: {
    appealId,
    appealTypes: ['REFUSAL_TO_ASSESS'],
    lodgedOn: '2025-06-01',
    decisionLetterOn: '2025-04-03',
    mediationCertificateOn: '2025-05-20',
  },
};
const withdrawn: CaseEvent = {
  type: 'AppealOutcomeRecorded',
  data: { appealId, outcome: 'WITHDRAWN', extent: null, decidedOn: '2025-06-05' },
};
