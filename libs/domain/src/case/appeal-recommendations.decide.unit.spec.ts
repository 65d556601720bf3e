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
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.9: extended appeals — recommendations on health (C/G) and social care (D/H), answered within 5 weeks.
describe('health and social care recommendations', () => {
  it('records recommendations made with the decision, then the answer', () => {
    given(extended()).when(recommend()).then([recommended()]);
    given([...extended(), recommended()])
      .when(
        command('RecordHscAnswer', {
          recommendationId: 'r-1',
          answeredOn: '2025-04-04',
          followed: false,
        }),
      )
      .then([
        event('HscRecommendationsAnswered', {
          recommendationId: 'r-1',
          answeredOn: '2025-04-04',
          followed: false,
        }),
      ]);
  });

  it.each([
    [
      'an appeal that did not ask for them',
      [...heardAppeal, decided()],
      /did not ask for health and social care/,
    ],
    ['an appeal not yet decided', extended().slice(0, -1), /not decided this appeal yet/],
    [
      'an appeal withdrawn',
      [...extended().slice(0, -1), decided({ outcome: 'WITHDRAWN', extent: null })],
      /without a decision/,
    ],
    ['a recommendation id already used', [...extended(), recommended()], /already recorded/],
  ])('refuses recommendations on %s', (_name, history, message) =>
    given(history).when(recommend()).thenThrows('INVALID_TRANSITION', message),
  );

  it.each([
    [{ madeOn: '2025-03-02' }, 'madeOn'],
    [{ addressedTo: 'SCHOOL' }, 'addressedTo'],
  ])('rejects %p on field %s', (change, field) =>
    expectField(
      given(extended())
        .when(loose('RecordHscRecommendations', { ...recommendData(), ...change }))
        .thrown('BAD_USER_INPUT'),
      field,
    ),
  );

  it.each([
    ['unknown recommendations', extended(), {}, 'INVALID_TRANSITION'],
    ['a second answer', [...extended(), recommended(), answered()], {}, 'INVALID_TRANSITION'],
    [
      'an answer before the recommendations',
      [...extended(), recommended()],
      { answeredOn: '2025-03-02' },
      'BAD_USER_INPUT',
    ],
  ])('refuses %s', (_name, history, change, code) => {
    const error = given(history)
      .when(
        command('RecordHscAnswer', {
          recommendationId: 'r-1',
          answeredOn: '2025-04-04',
          followed: true,
          ...change,
        }),
      )
      .thrown(code);
    if (code === 'BAD_USER_INPUT') expectField(error, 'answeredOn');
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
function extended() {
  const lodgedExtended = lodged({ appealTypes: ['CONTENTS_F', 'EXTENDED_HSC_RECOMMENDATION'] });
  return [caseOpened, lodgedExtended, ...heardAppeal.slice(2), decided()];
}
function recommendData(): CommandData<'RecordHscRecommendations'> {
  return { appealId, recommendationId: 'r-1', madeOn: '2025-03-03', addressedTo: 'LA_SOCIAL_CARE' };
}
function recommend() {
  return command('RecordHscRecommendations', recommendData());
}
function recommended() {
  return event('HscRecommendationsMade', recommendData());
}
function answered() {
  return event('HscRecommendationsAnswered', {
    recommendationId: 'r-1',
    answeredOn: '2025-04-04',
    followed: true,
  });
}
