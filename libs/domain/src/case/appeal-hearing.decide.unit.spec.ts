import { fold } from '../decider';
import { caseDecider } from './case.decider';
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
  registered,
  scheduled,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.5: listing, adjournments (common with the backlog), the hearing.
describe('the hearing', () => {
  describe('ScheduleHearing', () => {
    it('lists a hearing, possibly after today', () =>
      given([caseOpened, lodged(), registered()])
        .when(schedule('2025-07-14'))
        .then([event('HearingScheduled', { appealId, hearingOn: '2025-07-14' })]));

    it('lists a new date after an adjournment without one', () =>
      given([...listed(), adjourned(null)])
        .when(schedule('2025-09-15'))
        .then([event('HearingScheduled', { appealId, hearingOn: '2025-09-15' })]));

    it.each([
      [
        'before registration',
        [caseOpened, lodged()],
        /not been registered yet, so no hearing can be listed/,
      ],
      ['twice', listed(), /already listed for 2025-02-24/],
      [
        'when the date came with registration',
        [caseOpened, lodged(), registered({ hearingOn: '2025-02-24' })],
        /already listed/,
      ],
      ['after the hearing', [...listed(), held], /already took place/],
      [
        'after the appeal ended',
        [caseOpened, lodged(), registered(), decided()],
        /decided in the family’s favour/,
      ],
    ])('refuses a listing %s', (_name, history, message) =>
      given(history).when(schedule('2025-07-14')).thenThrows('INVALID_TRANSITION', message),
    );

    it.each(['2024-12-01', '2025-13-01'])('rejects the hearing date %s', (hearingOn) =>
      expectField(
        given([caseOpened, lodged(), registered()])
          .when(schedule(hearingOn))
          .thrown('BAD_USER_INPUT'),
        'hearingOn',
      ),
    );
  });

  describe('AdjournHearing', () => {
    it('records the adjournment with a new date and a reason', () =>
      given(listed())
        .when(adjourn({ newHearingOn: '2025-09-15', reason: ' no judge available ' }))
        .then([adjourned('2025-09-15', 'no judge available')]));

    it('counts adjournments and clears the date when none is given', () => {
      const state = fold(caseDecider, [...listed(), adjourned(null)]);
      const appeal = state.status === 'Open' ? state.appeals.appeals[appealId] : undefined;
      expect(appeal).toMatchObject({ hearingOn: null, adjournments: 1 });
    });

    it.each([
      ['no hearing is listed', [caseOpened, lodged(), registered()], /nothing to adjourn/],
      ['the hearing took place', [...listed(), held], /can no longer be adjourned/],
      ['the appeal was not registered', [caseOpened, lodged()], /not been registered/],
      ['the appeal is unknown', [caseOpened], /No appeal with this id/],
    ])('refuses it when %s', (_name, history, message) =>
      given(history).when(adjourn()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ adjournedOn: '2025-06-11' }, 'adjournedOn'],
      [{ adjournedOn: '2024-12-01' }, 'adjournedOn'],
      [{ newHearingOn: '2025-02-20' }, 'newHearingOn'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
    ])('rejects %p on field %s', (change, field) =>
      expectField(given(listed()).when(adjourn(change)).thrown('BAD_USER_INPUT'), field),
    );
  });

  describe('RecordHearingHeld', () => {
    it('records the hearing', () => given(listed()).when(hold('2025-02-24')).then([held]));

    it.each([
      ['no hearing was listed', [caseOpened, lodged(), registered()], /No hearing is listed/],
      [
        'it was adjourned without a new date',
        [...listed(), adjourned(null)],
        /No hearing is listed/,
      ],
      ['it was already recorded', [...listed(), held], /already recorded/],
      ['the appeal was not registered', [caseOpened, lodged()], /not been registered/],
    ])('refuses it when %s', (_name, history, message) =>
      given(history).when(hold('2025-02-24')).thenThrows('INVALID_TRANSITION', message),
    );

    it.each(['2025-06-11', '2024-12-01'])('rejects the date %s on field heldOn', (heldOn) =>
      expectField(given(listed()).when(hold(heldOn)).thrown('BAD_USER_INPUT'), 'heldOn'),
    );
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
function listed() {
  return [caseOpened, lodged(), registered(), scheduled];
}
function schedule(hearingOn: string) {
  return command('ScheduleHearing', { appealId, hearingOn });
}
function adjourn(change: Partial<CommandData<'AdjournHearing'>> = {}) {
  return command('AdjournHearing', {
    appealId,
    adjournedOn: '2025-02-21',
    newHearingOn: null,
    reason: null,
    ...change,
  });
}
function adjourned(newHearingOn: string | null, reason: string | null = null) {
  return event('HearingAdjourned', { appealId, adjournedOn: '2025-02-21', newHearingOn, reason });
}
function hold(heldOn: string) {
  return command('RecordHearingHeld', { appealId, heldOn });
}
