import {
  appealId,
  caseOpened,
  command,
  decided,
  event,
  expectField,
  given,
  held,
  lodged,
  loose,
  registered,
  responded,
  scheduled,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.5: registration and directions, the LA's response (HESC r.21), evidence, the hearing bundle.
describe('tribunal case management before the hearing', () => {
  describe('RegisterAppeal', () => {
    it('records the reference and the directed dates, which may lie ahead of today', () =>
      given([caseOpened, lodged()])
        .when(register({ tribunalReference: ' EH886/24/00123 ', hearingOn: '2025-07-14' }))
        .then([registered({ hearingOn: '2025-07-14' })]));

    it('accepts a registration with no directions', () =>
      given([caseOpened, lodged()])
        .when(
          command('RegisterAppeal', {
            appealId,
            tribunalReference: '123',
            registeredOn: '2024-12-02',
          }),
        )
        .then([
          registered({ tribunalReference: '123', responseDueOn: null, evidenceDueOn: null }),
        ]));

    it.each([
      ['an appeal never lodged', [caseOpened], /No appeal with this id was lodged/],
      ['an appeal already registered', [caseOpened, lodged(), registered()], /already registered/],
      ['an appeal that ended', [caseOpened, lodged(), withdrawn()], /was withdrawn on 2024-12-10/],
    ])('refuses to register %s', (_name, history, message) =>
      given(history).when(register()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ tribunalReference: '' }, 'tribunalReference'],
      [{ tribunalReference: 'EH886_24' }, 'tribunalReference'],
      [{ tribunalReference: 'X'.repeat(31) }, 'tribunalReference'],
      [{ registeredOn: '2024-11-19' }, 'registeredOn'],
      [{ registeredOn: '2025-06-11' }, 'registeredOn'],
      [{ responseDueOn: '2024-12-01' }, 'responseDueOn'],
      [{ evidenceDueOn: '2025-02-29' }, 'evidenceDueOn'],
      [{ hearingOn: '2024-11-30' }, 'hearingOn'],
    ])('rejects %p on field %s', (change, field) => {
      const error = given([caseOpened, lodged()]).when(register(change)).thrown('BAD_USER_INPUT');
      expectField(error, field);
    });
  });

  describe('RecordLaResponse', () => {
    it('records whether the council opposes the appeal', () =>
      given([caseOpened, lodged(), registered()]).when(response()).then([responded]));

    it.each([
      [
        'the appeal was not registered',
        [caseOpened, lodged()],
        /not been registered yet, so the council cannot have responded/,
      ],
      [
        'it was already recorded',
        [caseOpened, lodged(), registered(), responded],
        /already recorded/,
      ],
      [
        'the council already conceded',
        [caseOpened, lodged(), registered(), conceded()],
        /conceded by the council/,
      ],
      ['the appeal is unknown', [caseOpened], /No appeal with this id/],
    ])('refuses it when %s', (_name, history, message) =>
      given(history).when(response()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ receivedOn: '2024-12-01' }, 'receivedOn'],
      [{ receivedOn: '2025-06-11' }, 'receivedOn'],
      [{ opposed: 'no' }, 'opposed'],
    ])('rejects %p on field %s', (change, field) => {
      const error = given([caseOpened, lodged(), registered()])
        .when(
          loose('RecordLaResponse', {
            appealId,
            receivedOn: '2025-01-15',
            opposed: true,
            ...change,
          }),
        )
        .thrown('BAD_USER_INPUT');
      expectField(error, field);
    });
  });

  describe('RecordEvidence', () => {
    it('records evidence sent by either party', () =>
      given([caseOpened, lodged(), registered()])
        .when(command('RecordEvidence', { appealId, submittedOn: '2025-02-03', party: 'LA' }))
        .then([event('EvidenceSubmitted', { appealId, submittedOn: '2025-02-03', party: 'LA' })]));

    it('refuses evidence before registration', () =>
      given([caseOpened, lodged()])
        .when(command('RecordEvidence', { appealId, submittedOn: '2025-02-03', party: 'FAMILY' }))
        .thenThrows('INVALID_TRANSITION', /not been registered/));

    it.each([
      [{ submittedOn: '2024-12-01' }, 'submittedOn'],
      [{ party: 'SCHOOL' }, 'party'],
    ])('rejects %p on field %s', (change, field) => {
      const error = given([caseOpened, lodged(), registered()])
        .when(
          loose('RecordEvidence', {
            appealId,
            submittedOn: '2025-02-03',
            party: 'FAMILY',
            ...change,
          }),
        )
        .thrown('BAD_USER_INPUT');
      expectField(error, field);
    });
  });

  describe('RecordHearingBundle', () => {
    it('records the bundle sent before the hearing', () =>
      given([caseOpened, lodged(), registered(), scheduled])
        .when(bundle('2025-02-07'))
        .then([event('HearingBundleSent', { appealId, sentOn: '2025-02-07' })]));

    it('records a bundle before any hearing is listed (phase-transfer appeals from 2026)', () =>
      given([caseOpened, lodged(), registered()])
        .when(bundle('2025-02-07'))
        .then([event('HearingBundleSent', { appealId, sentOn: '2025-02-07' })]));

    it.each([
      ['before registration', [caseOpened, lodged()], /not been registered/],
      [
        'after the hearing',
        [caseOpened, lodged(), registered(), scheduled, held],
        /already took place/,
      ],
      [
        'after the appeal ended',
        [caseOpened, lodged(), registered(), withdrawn()],
        /was withdrawn/,
      ],
    ])('refuses a bundle %s', (_name, history, message) =>
      given(history).when(bundle('2025-02-07')).thenThrows('INVALID_TRANSITION', message),
    );

    it('rejects a bundle dated before registration', () =>
      expectField(
        given([caseOpened, lodged(), registered()])
          .when(bundle('2024-11-30'))
          .thrown('BAD_USER_INPUT'),
        'sentOn',
      ));
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
function register(change: Partial<CommandData<'RegisterAppeal'>> = {}) {
  return command('RegisterAppeal', {
    appealId,
    tribunalReference: 'EH886/24/00123',
    registeredOn: '2024-12-02',
    responseDueOn: '2025-01-20',
    evidenceDueOn: '2025-02-03',
    hearingOn: null,
    ...change,
  });
}
function response() {
  return command('RecordLaResponse', { appealId, receivedOn: '2025-01-15', opposed: true });
}
function bundle(sentOn: string) {
  return command('RecordHearingBundle', { appealId, sentOn });
}
function withdrawn() {
  return decided({ outcome: 'WITHDRAWN', extent: null, decidedOn: '2024-12-10' });
}
function conceded() {
  return decided({ outcome: 'CONCEDED', extent: null, decidedOn: '2024-12-20', unopposed: true });
}
