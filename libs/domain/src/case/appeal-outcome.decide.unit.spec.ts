import {
  appealId,
  caseOpened,
  command,
  decided,
  event,
  expectField,
  given,
  heardAppeal,
  lodged,
  loose,
  orderMade,
  registered,
  responded,
  type CommandData,
} from './appeal.spec-helper';
import { evolveAppeals, initialAppealsState } from './appeal.state';

// send-domain §1.6 (outcomes) and §1.7 (reg 43/44 orders, reg 45 unopposed appeals).
describe('RecordAppealOutcome', () => {
  it('records a decision in the family’s favour in part', () =>
    given(heardAppeal)
      .when(outcome({ outcome: 'DECIDED_IN_FAVOUR', extent: 'IN_PART' }))
      .then([decided({ extent: 'IN_PART' })]));

  it.each(['WITHDRAWN', 'CONSENT_ORDER', 'STRUCK_OUT', 'DISMISSED'] as const)(
    'records %s without an extent',
    (result) =>
      given(heardAppeal)
        .when(outcome({ outcome: result }))
        .then([decided({ outcome: result, extent: null })]),
  );

  it('marks a concession before the council’s response as unopposed (reg 45)', () =>
    given([caseOpened, lodged(), registered()])
      .when(outcome({ outcome: 'CONCEDED', decidedOn: '2024-12-20' }))
      .then([
        decided({ outcome: 'CONCEDED', extent: null, decidedOn: '2024-12-20', unopposed: true }),
      ]));

  it('marks a concession after the response as not unopposed', () =>
    given([caseOpened, lodged(), registered(), responded])
      .when(outcome({ outcome: 'CONCEDED' }))
      .then([decided({ outcome: 'CONCEDED', extent: null, unopposed: false })]));

  it('does not need the appeal to have been registered (families may start tracking late)', () =>
    given([caseOpened, lodged()])
      .when(outcome({ outcome: 'DECIDED_IN_FAVOUR', extent: 'IN_FULL' }))
      .then([decided()]));

  it('refuses an outcome for an appeal never lodged', () =>
    given([caseOpened])
      .when(outcome({ outcome: 'WITHDRAWN' }))
      .thenThrows('INVALID_TRANSITION', /No appeal/));

  it('refuses a second outcome', () =>
    given([...heardAppeal, decided()])
      .when(outcome({ outcome: 'DISMISSED' }))
      .thenThrows('INVALID_TRANSITION', /already ended/));

  it.each([
    [{ outcome: 'DECIDED_IN_FAVOUR', extent: null }, 'extent'],
    [{ outcome: 'DISMISSED', extent: 'IN_FULL' }, 'extent'],
    [{ outcome: 'WON' }, 'outcome'],
    [{ outcome: 'WITHDRAWN', decidedOn: '2024-11-19' }, 'decidedOn'],
    [{ outcome: 'WITHDRAWN', decidedOn: '2025-02-23' }, 'decidedOn'],
    [{ outcome: 'WITHDRAWN', decidedOn: '2025-06-11' }, 'decidedOn'],
  ])('rejects %p on field %s', (change, field) => {
    const error = given(heardAppeal)
      .when(loose('RecordAppealOutcome', { ...outcomeData(), extent: null, ...change }))
      .thrown('BAD_USER_INPUT');
    expectField(error, field);
  });
});

describe('evolveAppeals', () => {
  it('ignores events about appeals, orders, challenges or recommendations it does not know', () => {
    const before = initialAppealsState();
    for (const stray of strays()) expect(evolveAppeals(before, stray)).toBe(before);
  });

  it('keeps the first lodging when an appeal id is replayed', () => {
    const once = evolveAppeals(initialAppealsState(), lodged());
    expect(evolveAppeals(once, lodged({ lodgedOn: '2025-01-01' }))).toBe(once);
  });

  it('reads lodgings recorded before decisionId existed', () => {
    const state = evolveAppeals(initialAppealsState(), lodged());
    expect(state.appeals[appealId]).toMatchObject({
      decisionId: null,
      outcome: null,
      orderIds: [],
    });
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
type OutcomeData = CommandData<'RecordAppealOutcome'>;

function outcomeData(): OutcomeData {
  return { appealId, outcome: 'DECIDED_IN_FAVOUR', extent: 'IN_FULL', decidedOn: '2025-03-03' };
}
function outcome(change: Partial<OutcomeData>) {
  return command('RecordAppealOutcome', { ...outcomeData(), extent: null, ...change });
}
/** One event of each kind that names something never recorded. */
function strays() {
  const unknown = 'nobody';
  return [
    registered({ appealId: unknown }),
    event('LaResponseReceived', { appealId: unknown, receivedOn: '2025-01-15', opposed: true }),
    event('HearingScheduled', { appealId: unknown, hearingOn: '2025-02-24' }),
    event('HearingAdjourned', {
      appealId: unknown,
      adjournedOn: '2025-02-21',
      newHearingOn: null,
      reason: null,
    }),
    event('HearingHeld', { appealId: unknown, heldOn: '2025-02-24' }),
    decided({ appealId: unknown }),
    orderMade({ appealId: unknown }),
    event('OrderComplied', {
      orderId: unknown,
      compliedOn: '2025-04-10',
      dueOn: null,
      daysLate: 0,
    }),
    event('DecisionChallengeLodged', {
      appealId: unknown,
      challengeId: 'c',
      kind: 'REVIEW',
      lodgedOn: '2025-03-10',
      by: 'LA',
    }),
    event('DecisionChallengeDecided', {
      challengeId: unknown,
      decidedOn: '2025-04-10',
      granted: true,
    }),
    event('HscRecommendationsMade', {
      appealId: unknown,
      recommendationId: 'r',
      madeOn: '2025-03-03',
      addressedTo: 'HEALTH_BODY',
    }),
    event('HscRecommendationsAnswered', {
      recommendationId: unknown,
      answeredOn: '2025-04-04',
      followed: true,
    }),
    caseOpened,
  ];
}
