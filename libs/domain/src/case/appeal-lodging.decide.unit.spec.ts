import type { AppealLodged } from './appeal.events';
import type { DutyHolder } from './case.types';
import {
  caseOpened,
  command,
  decisionId,
  decisionRecorded,
  event,
  expectField,
  given,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.1–§1.4 (CFA 2014 s.51, Equality Act 2010 Sch 17, HESC Rules r.20).
describe('LodgeAppeal', () => {
  it('records the appeal with its types and dates', () =>
    given([caseOpened]).when(lodge()).then([appealLodged()]));

  it('needs an open case', () =>
    given([])
      .when(lodge())
      .thenThrows('INVALID_TRANSITION', /Open the case/));

  it('refuses the same appeal twice', () =>
    given([caseOpened, appealLodged()]).when(lodge()).thenThrows('INVALID_TRANSITION'));

  it.each([
    [{ lodgedOn: '2025-06-11' }, 'lodgedOn', /later than today/],
    [{ lodgedOn: '2025-02-30' }, 'lodgedOn', /real date/],
    [
      { decisionLetterOn: '2025-06-02' },
      'decisionLetterOn',
      /later than the date the appeal was lodged/,
    ],
    [{ mediationCertificateOn: '2025-06-02' }, 'mediationCertificateOn', /later than/],
    [
      { mediationCertificateOn: '2025-04-02' },
      'mediationCertificateOn',
      /earlier than the date of the decision letter/,
    ],
    [{ appealTypes: [] }, 'appealTypes', /at least one/],
    [{ appealTypes: ['CONTENTS_F', 'CONTENTS_F'] }, 'appealTypes', /once/],
    [{ appealTypes: ['NOT_A_TYPE'] }, 'appealTypes', /Unknown/],
    [{ appealTypes: ['DISABILITY_DISCRIMINATION', 'CONTENTS_F'] }, 'appealTypes', /separate claim/],
    [{ appealTypes: ['EXTENDED_HSC_RECOMMENDATION'] }, 'appealTypes', /alongside/],
    [
      { appealTypes: ['REFUSAL_TO_ASSESS', 'EXTENDED_HSC_RECOMMENDATION'] },
      'appealTypes',
      /alongside/,
    ],
    [{ respondent: school() }, 'respondent', /Only a disability discrimination claim/],
  ])('rejects %p on field %s', (change, field, message) => {
    const error = given([caseOpened])
      .when(lodge(change as Partial<LodgeData>))
      .thrown('BAD_USER_INPUT', message);
    expectField(error, field);
  });

  it('accepts recommendations alongside a contents appeal', () =>
    given([caseOpened])
      .when(lodge({ appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'] }))
      .then([appealLodged({ appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'] })]));

  describe('a disability discrimination claim', () => {
    it('names the school() as respondent and needs no letter', () =>
      given([caseOpened])
        .when(discrimination({ respondent: { ...school(), name: '  Oak Academy  ' } }))
        .then([
          appealLodged({
            appealTypes: ['DISABILITY_DISCRIMINATION'],
            decisionLetterOn: null,
            mediationCertificateOn: null,
            respondent: school(),
          }),
        ]));

    it.each([
      [{ respondent: null }, /against the school()/],
      [{ respondent: { ...school(), kind: 'LA' } }, /against the school()/],
      [{ respondent: { ...school(), name: ' ' } }, /school()’s name/],
      [{ respondent: { ...school(), urn: '12345' } }, /URN/],
      [{ respondent: { ...school(), localAuthorityCode: '88' } }, /3-digit/],
    ])('rejects %p on field respondent', (change, message) => {
      const error = given([caseOpened])
        .when(discrimination(change as Partial<LodgeData>))
        .thrown('BAD_USER_INPUT', message);
      expectField(error, 'respondent');
    });
  });

  describe('against a recorded council decision', () => {
    it('takes the letter date and the mediation certificate from what is recorded', () =>
      given([caseOpened, decision, contacted, certified])
        .when(againstDecision())
        .then([
          appealLodged({
            appealTypes: ['CONTENTS_F'],
            decisionLetterOn: '2025-04-03',
            mediationCertificateOn: '2025-05-20',
            decisionId,
          }),
        ]));

    it.each([
      ['an unknown decision', [caseOpened], /No council decision/],
      [
        'a decision that cannot be appealed',
        [
          caseOpened,
          decisionRecorded({ kind: 'DRAFT_PLAN_ISSUED', decisionLetterOn: '2025-04-03' }),
        ],
        /cannot be appealed/,
      ],
    ])('refuses %s', (_name, history, message) =>
      given(history).when(againstDecision()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ appealTypes: ['REFUSAL_TO_ASSESS'] }, 'appealTypes', /only be appealed as CONTENTS_B/],
      [
        { decisionLetterOn: '2025-04-04' },
        'decisionLetterOn',
        /recorded with a letter dated 2025-04-03/,
      ],
      [{ mediationCertificateOn: '2025-05-21' }, 'mediationCertificateOn', /issued on 2025-05-20/],
    ])('rejects %p on field %s', (change, field, message) => {
      const error = given([caseOpened, decision, contacted, certified])
        .when(againstDecision(change as Partial<LodgeData>))
        .thrown('BAD_USER_INPUT', message);
      expectField(error, field);
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
type LodgeData = CommandData<'LodgeAppeal'>;

function lodge(change: Partial<LodgeData> = {}) {
  return command('LodgeAppeal', {
    appealId: 'a0ffee00-0000-4000-8000-000000000001',
    appealTypes: ['REFUSAL_TO_ASSESS'],
    lodgedOn: '2025-06-01',
    decisionLetterOn: '2025-04-03',
    mediationCertificateOn: '2025-05-20',
    ...change,
  });
}
function discrimination(change: Partial<LodgeData>) {
  return lodge({
    appealTypes: ['DISABILITY_DISCRIMINATION'],
    decisionLetterOn: null,
    mediationCertificateOn: null,
    respondent: school(),
    ...change,
  });
}
function againstDecision(change: Partial<LodgeData> = {}) {
  return lodge({
    appealTypes: ['CONTENTS_F'],
    decisionId,
    decisionLetterOn: null,
    mediationCertificateOn: null,
    ...change,
  });
}
function appealLodged(change: Partial<AppealLodged['data']> = {}) {
  return event('AppealLodged', {
    appealId: 'a0ffee00-0000-4000-8000-000000000001',
    appealTypes: ['REFUSAL_TO_ASSESS'],
    lodgedOn: '2025-06-01',
    decisionLetterOn: '2025-04-03',
    mediationCertificateOn: '2025-05-20',
    ...change,
  });
}
function school(): DutyHolder {
  return { kind: 'SCHOOL', name: 'Oak Academy', urn: '123456', localAuthorityCode: '886' };
}
const decision = decisionRecorded({ decisionLetterOn: '2025-04-03' });
const contacted = event('MediationAdviserContacted', {
  decisionId,
  contactedOn: '2025-04-20',
  mediationWanted: false,
});
const certified = event('MediationCertificateIssued', { issuedOn: '2025-05-20' });
