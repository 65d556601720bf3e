import type { CaseEvent } from './case.events';
import {
  appealId,
  caseOpened,
  command,
  decided,
  event,
  expectField,
  given,
  heardAppeal,
  loose,
  orderMade,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.8 (set-aside, review, permission to appeal, Upper Tribunal) and §1.9 (recommendations).
describe('after the decision', () => {
  describe('LodgeDecisionChallenge', () => {
    it.each(['DECIDED_IN_FAVOUR', 'DISMISSED', 'STRUCK_OUT'] as const)(
      'challenges a %s decision',
      (outcome) =>
        given([
          ...heardAppeal,
          decided({ outcome, extent: outcome === 'DECIDED_IN_FAVOUR' ? 'IN_FULL' : null }),
        ])
          .when(challenge())
          .then([challenged()]),
    );

    it('applies to the Upper Tribunal after permission was refused', () =>
      given([...dismissed(), challenged(), refused()])
        .when(
          challenge({
            challengeId: 'ut-1',
            kind: 'UPPER_TRIBUNAL_APPLICATION',
            lodgedOn: '2025-04-20',
          }),
        )
        .then([
          challenged({
            challengeId: 'ut-1',
            kind: 'UPPER_TRIBUNAL_APPLICATION',
            lodgedOn: '2025-04-20',
          }),
        ]));

    it.each([
      ['before any outcome', heardAppeal, {}, /not decided this appeal yet/],
      [
        'after a withdrawal',
        [...heardAppeal, decided({ outcome: 'WITHDRAWN', extent: null })],
        {},
        /WITHDRAWN, without a decision/,
      ],
      [
        'after a concession',
        [...heardAppeal, decided({ outcome: 'CONCEDED', extent: null })],
        {},
        /without a decision/,
      ],
      [
        'after a consent order',
        [...heardAppeal, decided({ outcome: 'CONSENT_ORDER', extent: null })],
        {},
        /without a decision/,
      ],
      ['on an unknown appeal', [caseOpened], {}, /No appeal with this id/],
      [
        'with an id already used',
        [...dismissed(), challenged()],
        { kind: 'REVIEW' },
        /already recorded/,
      ],
      [
        'while the same application waits',
        [...dismissed(), challenged()],
        { challengeId: 'c-2' },
        /still waiting/,
      ],
      [
        'to the Upper Tribunal without a refusal',
        dismissed(),
        { kind: 'UPPER_TRIBUNAL_APPLICATION' },
        /refused permission/,
      ],
      [
        'to the Upper Tribunal after permission was granted',
        [...dismissed(), challenged(), refused(true)],
        { challengeId: 'ut-1', kind: 'UPPER_TRIBUNAL_APPLICATION' },
        /refused permission/,
      ],
    ] as [string, CaseEvent[], Partial<ChallengeData>, RegExp][])(
      'refuses a challenge %s',
      (_name, history, change, message) =>
        given(history).when(challenge(change)).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ lodgedOn: '2025-03-02' }, 'lodgedOn', /earlier than the date of the decision/],
      [{ lodgedOn: '2025-06-11' }, 'lodgedOn', /today/],
      [{ kind: 'APPEAL' }, 'kind', /Unknown/],
      [{ by: 'SCHOOL' }, 'by', /FAMILY or LA/],
      [{ challengeId: '' }, 'challengeId', /empty/],
    ])('rejects %p on field %s', (change, field, message) =>
      expectField(
        given(dismissed())
          .when(loose('LodgeDecisionChallenge', { ...challengeData(), ...change }))
          .thrown('BAD_USER_INPUT', message),
        field,
      ),
    );

    it('rejects an Upper Tribunal application dated before the refusal', () =>
      expectField(
        given([...dismissed(), challenged(), refused()])
          .when(
            challenge({
              challengeId: 'ut-1',
              kind: 'UPPER_TRIBUNAL_APPLICATION',
              lodgedOn: '2025-04-01',
            }),
          )
          .thrown('BAD_USER_INPUT', /permission was refused/),
        'lodgedOn',
      ));
  });

  describe('RecordChallengeDecision', () => {
    it('records the decision on the challenge', () =>
      given([...dismissed(), challenged()])
        .when(decide())
        .then([refused()]));

    it('reopens an appeal whose decision was set aside, so it can be decided again', () =>
      given([
        ...heardAppeal,
        decided(),
        orderMade(),
        challenged({ kind: 'SET_ASIDE', by: 'LA' }),
        setAside(),
      ])
        .when(
          command('RecordAppealOutcome', {
            appealId,
            outcome: 'DISMISSED',
            decidedOn: '2025-05-01',
          }),
        )
        .then([decided({ outcome: 'DISMISSED', extent: null, decidedOn: '2025-05-01' })]));

    it.each([
      ['an unknown challenge', dismissed(), /No challenge with this id/],
      ['a challenge already decided', [...dismissed(), challenged(), refused()], /already decided/],
    ])('refuses %s', (_name, history, message) =>
      given(history).when(decide()).thenThrows('INVALID_TRANSITION', message),
    );

    it.each([
      [{ decidedOn: '2025-03-09' }, 'decidedOn'],
      [{ decidedOn: '2025-06-11' }, 'decidedOn'],
      [{ granted: 'maybe' }, 'granted'],
    ])('rejects %p on field %s', (change, field) =>
      expectField(
        given([...dismissed(), challenged()])
          .when(
            loose('RecordChallengeDecision', {
              challengeId: 'c-1',
              decidedOn: '2025-04-10',
              granted: false,
              ...change,
            }),
          )
          .thrown('BAD_USER_INPUT'),
        field,
      ),
    );
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
type ChallengeData = CommandData<'LodgeDecisionChallenge'>;
function challengeData(): ChallengeData {
  return {
    appealId,
    challengeId: 'c-1',
    kind: 'PERMISSION_TO_APPEAL',
    lodgedOn: '2025-03-10',
    by: 'FAMILY',
  };
}
function challenge(change: Partial<ChallengeData> = {}) {
  return command('LodgeDecisionChallenge', { ...challengeData(), ...change });
}
function challenged(change: Partial<ChallengeData> = {}) {
  return event('DecisionChallengeLodged', { ...challengeData(), ...change });
}
function decide() {
  return command('RecordChallengeDecision', {
    challengeId: 'c-1',
    decidedOn: '2025-04-10',
    granted: false,
  });
}
function refused(granted = false) {
  return event('DecisionChallengeDecided', {
    challengeId: 'c-1',
    decidedOn: '2025-04-10',
    granted,
  });
}
function setAside() {
  return event('DecisionChallengeDecided', {
    challengeId: 'c-1',
    decidedOn: '2025-04-10',
    granted: true,
  });
}
function dismissed() {
  return [...heardAppeal, decided({ outcome: 'DISMISSED', extent: null })];
}
