import { InvalidTransition } from '../domain-error';
import {
  bound,
  latest,
  pastDate,
  requireAppeal,
  requireBoolean,
  requireId,
  requireOneOf,
} from './appeal-guards.decide';
import type {
  LodgeDecisionChallenge,
  RecordChallengeDecision,
  RecordHscAnswer,
  RecordHscRecommendations,
} from './appeal.commands';
import type {
  DecisionChallengeDecided,
  DecisionChallengeLodged,
  HscRecommendationsAnswered,
  HscRecommendationsMade,
} from './appeal.events';
import type { AppealState, ChallengeState } from './appeal.state';
import type { OpenCaseState } from './case.state';
import { CHALLENGE_KINDS, type AppealOutcome } from './case.types';

/** Challenges to a tribunal decision (send-domain §1.8) and extended-appeal recommendations (§1.9). */

/** Only a decision the tribunal made can be set aside, reviewed or appealed (HESC r.44–r.47). */
const CHALLENGEABLE: readonly AppealOutcome[] = ['DECIDED_IN_FAVOUR', 'DISMISSED', 'STRUCK_OUT'];
/** Decided by the tribunal after considering the appeal: where recommendations are made (§1.9). */
const DECIDED: readonly AppealOutcome[] = ['DECIDED_IN_FAVOUR', 'DISMISSED'];

const requireDecided = (
  appeal: AppealState,
  allowed: readonly AppealOutcome[],
  so: string,
): string => {
  if (appeal.outcome === null || appeal.decidedOn === null) {
    throw new InvalidTransition(`The tribunal has not decided this appeal yet, so ${so}.`);
  }
  if (!allowed.includes(appeal.outcome)) {
    throw new InvalidTransition(
      `This appeal ended as ${appeal.outcome}, without a decision of the tribunal, so ${so}.`,
    );
  }
  return appeal.decidedOn;
};

/** UT Rules r.21: the Upper Tribunal is asked only after the First-tier Tribunal refused permission. */
const refusedPermission = (
  state: OpenCaseState,
  appealId: string,
  by: 'FAMILY' | 'LA',
): ChallengeState => {
  const refusal = Object.values(state.appeals.challenges).find(
    (c) =>
      c.appealId === appealId &&
      c.kind === 'PERMISSION_TO_APPEAL' &&
      c.by === by &&
      c.granted === false,
  );
  if (!refusal) {
    throw new InvalidTransition(
      'An application to the Upper Tribunal comes only after the First-tier Tribunal refused permission to appeal. Record that refusal first.',
    );
  }
  return refusal;
};

export const lodgeDecisionChallenge = (
  command: LodgeDecisionChallenge,
  state: OpenCaseState,
): DecisionChallengeLodged => {
  const { appealId } = command.data;
  const so = 'there is no decision to challenge';
  const appeal = requireAppeal(state, appealId, so);
  const challengeId = requireId('challengeId', command.data.challengeId);
  if (state.appeals.challenges[challengeId]) {
    throw new InvalidTransition('A challenge with this id is already recorded on this case.');
  }
  const kind = requireOneOf(
    'kind',
    command.data.kind,
    CHALLENGE_KINDS,
    'Unknown kind of challenge.',
  );
  const by = requireOneOf('by', command.data.by, ['FAMILY', 'LA'] as const, 'by is FAMILY or LA.');
  const decidedOn = requireDecided(appeal, CHALLENGEABLE, so);
  const refusal =
    kind === 'UPPER_TRIBUNAL_APPLICATION' ? refusedPermission(state, appealId, by) : null;
  const pending = Object.values(state.appeals.challenges).find(
    (c) => c.appealId === appealId && c.kind === kind && c.by === by && c.decidedOn === null,
  );
  if (pending) {
    throw new InvalidTransition(
      `The same application (${kind}) lodged on ${pending.lodgedOn} is still waiting for a decision.`,
    );
  }
  const lodgedOn = pastDate(
    'lodgedOn',
    command.data.lodgedOn,
    command.metadata.today,
    latest(
      bound('the date of the decision', decidedOn),
      refusal?.decidedOn ? bound('the date permission was refused', refusal.decidedOn) : null,
    ),
  );
  return { type: 'DecisionChallengeLodged', data: { appealId, challengeId, kind, lodgedOn, by } };
};

export const recordChallengeDecision = (
  command: RecordChallengeDecision,
  state: OpenCaseState,
): DecisionChallengeDecided => {
  const { challengeId } = command.data;
  const challenge = state.appeals.challenges[challengeId];
  if (!challenge) {
    throw new InvalidTransition(
      'No challenge with this id was lodged on this case, so it cannot have been decided.',
    );
  }
  if (challenge.decidedOn !== null) {
    throw new InvalidTransition(`This challenge was already decided on ${challenge.decidedOn}.`);
  }
  const decidedOn = pastDate(
    'decidedOn',
    command.data.decidedOn,
    command.metadata.today,
    bound('the date the challenge was lodged', challenge.lodgedOn),
  );
  const granted = requireBoolean('granted', command.data.granted);
  return { type: 'DecisionChallengeDecided', data: { challengeId, decidedOn, granted } };
};

export const recordHscRecommendations = (
  command: RecordHscRecommendations,
  state: OpenCaseState,
): HscRecommendationsMade => {
  const { appealId } = command.data;
  const so = 'the tribunal cannot have made recommendations on it';
  const appeal = requireAppeal(state, appealId, so);
  const recommendationId = requireId('recommendationId', command.data.recommendationId);
  if (state.appeals.recommendations[recommendationId]) {
    throw new InvalidTransition('Recommendations with this id are already recorded on this case.');
  }
  const addressedTo = requireOneOf(
    'addressedTo',
    command.data.addressedTo,
    ['LA_SOCIAL_CARE', 'HEALTH_BODY'] as const,
    'addressedTo is LA_SOCIAL_CARE or HEALTH_BODY.',
  );
  // FTT Recommendations Power Regs 2017: only on an extended appeal (§1.9).
  if (!appeal.appealTypes.includes('EXTENDED_HSC_RECOMMENDATION')) {
    throw new InvalidTransition(
      'This appeal did not ask for health and social care recommendations, so the tribunal cannot have made any.',
    );
  }
  const decidedOn = requireDecided(appeal, DECIDED, so);
  const madeOn = pastDate(
    'madeOn',
    command.data.madeOn,
    command.metadata.today,
    bound('the date of the decision', decidedOn),
  );
  return {
    type: 'HscRecommendationsMade',
    data: { appealId, recommendationId, madeOn, addressedTo },
  };
};

export const recordHscAnswer = (
  command: RecordHscAnswer,
  state: OpenCaseState,
): HscRecommendationsAnswered => {
  const { recommendationId } = command.data;
  const recommendation = state.appeals.recommendations[recommendationId];
  if (!recommendation) {
    throw new InvalidTransition(
      'No recommendations with this id are recorded on this case, so they cannot have been answered.',
    );
  }
  // §1.9: one written answer (due within 5 weeks).
  if (recommendation.answeredOn !== null) {
    throw new InvalidTransition(
      `The answer to these recommendations is already recorded (on ${recommendation.answeredOn}).`,
    );
  }
  const answeredOn = pastDate(
    'answeredOn',
    command.data.answeredOn,
    command.metadata.today,
    bound('the date the recommendations were made', recommendation.madeOn),
  );
  const followed = requireBoolean('followed', command.data.followed);
  return { type: 'HscRecommendationsAnswered', data: { recommendationId, answeredOn, followed } };
};
