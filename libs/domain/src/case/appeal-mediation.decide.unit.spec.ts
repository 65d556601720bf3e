import {
  caseOpened,
  command,
  decisionId,
  decisionRecorded,
  event,
  expectField,
  given,
  loose,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.3, SEND Regs 2014 regs 33–37.
describe('mediation before an appeal', () => {
  describe('RecordMediationAdviserContact', () => {
    it('records the contact about a recorded decision', () =>
      given([caseOpened, decisionRecorded()]).when(contact()).then([contacted()]));

    it('records a contact without a decision (the family may not have recorded the letter)', () =>
      given([caseOpened])
        .when(contact({ decisionId: null }))
        .then([event('MediationAdviserContacted', { ...contactData(), decisionId: null })]));

    it('starts a new round for another decision', () =>
      given([caseOpened, decisionRecorded(), contacted(), certificate(), otherDecision()])
        .when(contact({ decisionId: 'decision-2', contactedOn: '2025-05-01' }))
        .then([
          event('MediationAdviserContacted', {
            decisionId: 'decision-2',
            contactedOn: '2025-05-01',
            mediationWanted: true,
          }),
        ]));

    it.each([
      ['an unknown decision', [caseOpened], {}, /No council decision/],
      [
        'a decision that cannot be appealed',
        [caseOpened, decisionRecorded({ kind: 'ASSESSMENT_AGREED', appealableAs: [] })],
        {},
        /cannot be appealed/,
      ],
      [
        'the same decision twice',
        [caseOpened, decisionRecorded(), contacted()],
        {},
        /already recorded/,
      ],
      [
        'a second open contact without a decision',
        [caseOpened, event('MediationAdviserContacted', { ...contactData(), decisionId: null })],
        { decisionId: null },
        /already recorded/,
      ],
    ])('refuses %s', (_name, history, change, message) =>
      given(history).when(contact(change)).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [
        { contactedOn: '2024-09-30' },
        'contactedOn',
        /earlier than the date of the decision letter/,
      ],
      [{ contactedOn: '2025-06-11' }, 'contactedOn', /later than today/],
      [{ contactedOn: '2024-10-32' }, 'contactedOn', /real date/],
      [{ mediationWanted: 'yes' }, 'mediationWanted', /true or false/],
    ])('rejects %p on field %s', (change, field, message) => {
      const error = given([caseOpened, decisionRecorded()])
        .when(loose('RecordMediationAdviserContact', { ...contactData(), ...change }))
        .thrown('BAD_USER_INPUT', message);
      expectField(error, field);
    });

    it('needs an open case', () =>
      given([])
        .when(contact())
        .thenThrows('INVALID_TRANSITION', /Open the case/));
  });

  describe('RecordMediation', () => {
    it('records the mediation and whether it reached an agreement', () =>
      given([caseOpened, decisionRecorded(), contacted()])
        .when(mediation())
        .then([mediationHeld()]));

    it.each([
      ['no contact was recorded', [caseOpened], /Record that contact first/],
      [
        'the family declined mediation',
        [
          caseOpened,
          event('MediationAdviserContacted', { ...contactData(), mediationWanted: false }),
        ],
        /did not want mediation/,
      ],
      [
        'it was already recorded',
        [caseOpened, contacted(), mediationHeld()],
        /already recorded as ended/,
      ],
      [
        'the certificate() was already issued',
        [caseOpened, contacted(), certificate()],
        /closes this mediation/,
      ],
    ])('refuses it when %s', (_name, history, message) =>
      given(history).when(mediation()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ endedOn: '2024-10-14' }, 'endedOn'],
      [{ endedOn: '2025-06-11' }, 'endedOn'],
      [{ agreementReached: null }, 'agreementReached'],
    ])('rejects %p on field %s', (change, field) => {
      const error = given([caseOpened, contacted()])
        .when(
          loose('RecordMediation', { endedOn: '2024-11-12', agreementReached: false, ...change }),
        )
        .thrown('BAD_USER_INPUT');
      expectField(error, field);
    });
  });

  describe('RecordMediationCertificate', () => {
    it('records the certificate() after mediation', () =>
      given([caseOpened, contacted(), mediationHeld()]).when(issue()).then([certificate()]));

    it('records a certificate() with nothing before it (a family tracking late)', () =>
      given([caseOpened]).when(issue()).then([certificate()]));

    it('refuses a second certificate() for the same round', () =>
      given([caseOpened, contacted(), certificate()])
        .when(issue())
        .thenThrows('INVALID_TRANSITION', /already recorded/));

    it.each([
      [
        'before the adviser was contacted()',
        [caseOpened, contacted()],
        '2024-10-14',
        /contacted()/,
      ],
      [
        'before the mediation ended',
        [caseOpened, contacted(), mediationHeld()],
        '2024-11-11',
        /ended/,
      ],
      ['after today', [caseOpened], '2025-06-11', /today/],
    ])('rejects a certificate() dated %s', (_name, history, issuedOn, message) => {
      const error = given(history)
        .when(command('RecordMediationCertificate', { issuedOn }))
        .thrown('BAD_USER_INPUT', message);
      expectField(error, 'issuedOn');
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
// Function declarations: hoisted, so the it.each tables above can use them.
function contactData(): CommandData<'RecordMediationAdviserContact'> {
  return { decisionId, contactedOn: '2024-10-15', mediationWanted: true };
}
function contact(change: Partial<CommandData<'RecordMediationAdviserContact'>> = {}) {
  return command('RecordMediationAdviserContact', { ...contactData(), ...change });
}
function mediation() {
  return command('RecordMediation', { endedOn: '2024-11-12', agreementReached: false });
}
function issue() {
  return command('RecordMediationCertificate', { issuedOn: '2024-11-15' });
}
function contacted() {
  return event('MediationAdviserContacted', contactData());
}
function mediationHeld() {
  return event('MediationHeld', { endedOn: '2024-11-12', agreementReached: false });
}
function certificate() {
  return event('MediationCertificateIssued', { issuedOn: '2024-11-15' });
}
function otherDecision() {
  return decisionRecorded({
    decisionId: 'decision-2',
    kind: 'REVIEW_NO_AMENDMENT',
    decisionLetterOn: '2025-04-20',
    appealableAs: ['REFUSAL_TO_AMEND'],
  });
}
