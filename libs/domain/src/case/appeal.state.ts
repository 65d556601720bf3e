import type { CaseEvent } from './case.events';
import type { AppealOutcome, AppealType, ChallengeKind, OrderBasis, OrderType } from './case.types';

/** What the appeal decisions read (and what breach detection may read): dates as `YYYY-MM-DD`. */
export interface AppealState {
  readonly appealId: string;
  readonly appealTypes: readonly AppealType[];
  readonly lodgedOn: string;
  /** The LA decision appealed against, when it was recorded on the case. */
  readonly decisionId: string | null;
  readonly registeredOn: string | null;
  /** Directed by the tribunal at registration (§1.5). */
  readonly responseDueOn: string | null;
  readonly evidenceDueOn: string | null;
  /** The LA's response (HESC r.21); conceding before it makes the appeal "unopposed" (reg 45). */
  readonly responseReceivedOn: string | null;
  /** The hearing date currently listed (null when none, or when adjourned without a new date). */
  readonly hearingOn: string | null;
  readonly heldOn: string | null;
  readonly adjournments: number;
  readonly outcome: AppealOutcome | null;
  readonly decidedOn: string | null;
  readonly unopposed: boolean;
  readonly orderIds: readonly string[];
}

/** What the LA owes after an order (reg 44), not opposing (reg 45) or a mediation agreement (reg 42). */
export interface OrderState {
  readonly orderId: string;
  readonly appealId: string;
  readonly orderType: OrderType;
  readonly basis: OrderBasis;
  readonly madeOn: string;
  readonly directedDueOn: string | null;
  readonly compliedOn: string | null;
  /** The decision that made it was set aside (HESC r.45): the LA no longer owes it. */
  readonly setAsideOn: string | null;
}

export interface ChallengeState {
  readonly challengeId: string;
  readonly appealId: string;
  readonly kind: ChallengeKind;
  readonly by: 'FAMILY' | 'LA';
  readonly lodgedOn: string;
  readonly decidedOn: string | null;
  readonly granted: boolean | null;
}

export interface RecommendationState {
  readonly recommendationId: string;
  readonly appealId: string;
  readonly addressedTo: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
  readonly madeOn: string;
  readonly answeredOn: string | null;
}

/**
 * The current mediation round (regs 33–37), at case level: mediation is about an LA decision, not an appeal, and
 * comes before one. A new adviser contact about another decision starts a new round.
 */
export interface MediationState {
  readonly decisionId: string | null;
  /** Null when only a certificate was recorded (a family may start tracking late). */
  readonly contactedOn: string | null;
  readonly mediationWanted: boolean | null;
  readonly endedOn: string | null;
  readonly agreementReached: boolean | null;
  readonly certificateOn: string | null;
}

export interface AppealsState {
  readonly appeals: Readonly<Record<string, AppealState>>;
  readonly orders: Readonly<Record<string, OrderState>>;
  readonly challenges: Readonly<Record<string, ChallengeState>>;
  readonly recommendations: Readonly<Record<string, RecommendationState>>;
  readonly mediation: MediationState | null;
}

export const initialAppealsState = (): AppealsState => ({
  appeals: {},
  orders: {},
  challenges: {},
  recommendations: {},
  mediation: null,
});

const NO_MEDIATION: MediationState = {
  decisionId: null,
  contactedOn: null,
  mediationWanted: null,
  endedOn: null,
  agreementReached: null,
  certificateOn: null,
};

const withAppeal = (
  state: AppealsState,
  appealId: string,
  change: (appeal: AppealState) => Partial<AppealState>,
): AppealsState => {
  const appeal = state.appeals[appealId];
  if (!appeal) return state;
  return { ...state, appeals: { ...state.appeals, [appealId]: { ...appeal, ...change(appeal) } } };
};

/** Folds the appeal-lifecycle events; never throws, and ignores events about ids it does not know. */
export const evolveAppeals = (state: AppealsState, event: CaseEvent): AppealsState => {
  switch (event.type) {
    case 'MediationAdviserContacted': {
      const { decisionId, contactedOn, mediationWanted } = event.data;
      return {
        ...state,
        mediation: { ...NO_MEDIATION, decisionId, contactedOn, mediationWanted },
      };
    }
    case 'MediationHeld': {
      const { endedOn, agreementReached } = event.data;
      return {
        ...state,
        mediation: { ...(state.mediation ?? NO_MEDIATION), endedOn, agreementReached },
      };
    }
    case 'MediationCertificateIssued':
      return {
        ...state,
        mediation: { ...(state.mediation ?? NO_MEDIATION), certificateOn: event.data.issuedOn },
      };
    case 'AppealLodged': {
      const { appealId, appealTypes, lodgedOn } = event.data;
      if (state.appeals[appealId]) return state;
      const appeal: AppealState = {
        appealId,
        appealTypes,
        lodgedOn,
        decisionId: event.data.decisionId ?? null,
        registeredOn: null,
        responseDueOn: null,
        evidenceDueOn: null,
        responseReceivedOn: null,
        hearingOn: null,
        heldOn: null,
        adjournments: 0,
        outcome: null,
        decidedOn: null,
        unopposed: false,
        orderIds: [],
      };
      return { ...state, appeals: { ...state.appeals, [appealId]: appeal } };
    }
    case 'AppealRegistered': {
      const { registeredOn, responseDueOn, evidenceDueOn, hearingOn } = event.data;
      return withAppeal(state, event.data.appealId, (appeal) => ({
        registeredOn,
        responseDueOn,
        evidenceDueOn,
        hearingOn: hearingOn ?? appeal.hearingOn,
      }));
    }
    case 'LaResponseReceived':
      return withAppeal(state, event.data.appealId, () => ({
        responseReceivedOn: event.data.receivedOn,
      }));
    case 'HearingScheduled':
      return withAppeal(state, event.data.appealId, () => ({ hearingOn: event.data.hearingOn }));
    case 'HearingAdjourned':
      return withAppeal(state, event.data.appealId, (appeal) => ({
        hearingOn: event.data.newHearingOn,
        adjournments: appeal.adjournments + 1,
      }));
    case 'HearingHeld':
      return withAppeal(state, event.data.appealId, () => ({ heldOn: event.data.heldOn }));
    case 'AppealOutcomeRecorded': {
      const { outcome, decidedOn } = event.data;
      return withAppeal(state, event.data.appealId, () => ({
        outcome,
        decidedOn,
        unopposed: event.data.unopposed === true,
      }));
    }
    case 'TribunalOrderMade': {
      const { orderId, appealId, orderType, basis, madeOn, directedDueOn } = event.data;
      if (state.orders[orderId] || !state.appeals[appealId]) return state;
      const order: OrderState = {
        orderId,
        appealId,
        orderType,
        basis,
        madeOn,
        directedDueOn,
        compliedOn: null,
        setAsideOn: null,
      };
      const next = withAppeal(state, appealId, (appeal) => ({
        orderIds: [...appeal.orderIds, orderId],
      }));
      return { ...next, orders: { ...next.orders, [orderId]: order } };
    }
    case 'OrderComplied': {
      const order = state.orders[event.data.orderId];
      if (!order) return state;
      return {
        ...state,
        orders: {
          ...state.orders,
          [order.orderId]: { ...order, compliedOn: event.data.compliedOn },
        },
      };
    }
    case 'DecisionChallengeLodged': {
      const { challengeId, appealId, kind, lodgedOn, by } = event.data;
      if (state.challenges[challengeId] || !state.appeals[appealId]) return state;
      const challenge: ChallengeState = {
        challengeId,
        appealId,
        kind,
        by,
        lodgedOn,
        decidedOn: null,
        granted: null,
      };
      return { ...state, challenges: { ...state.challenges, [challengeId]: challenge } };
    }
    case 'DecisionChallengeDecided': {
      const challenge = state.challenges[event.data.challengeId];
      if (!challenge) return state;
      const { decidedOn, granted } = event.data;
      const next = {
        ...state,
        challenges: {
          ...state.challenges,
          [challenge.challengeId]: { ...challenge, decidedOn, granted },
        },
      };
      // HESC r.45: a decision set aside is no longer the tribunal's decision, so the appeal is open again.
      const appeal = next.appeals[challenge.appealId];
      if (!granted || challenge.kind !== 'SET_ASIDE' || !appeal) return next;
      const orders = { ...next.orders };
      for (const orderId of appeal.orderIds) {
        const order = orders[orderId];
        if (order && order.setAsideOn === null)
          orders[orderId] = { ...order, setAsideOn: decidedOn };
      }
      return withAppeal({ ...next, orders }, appeal.appealId, () => ({
        outcome: null,
        decidedOn: null,
        unopposed: false,
      }));
    }
    case 'HscRecommendationsMade': {
      const { recommendationId, appealId, madeOn, addressedTo } = event.data;
      if (state.recommendations[recommendationId] || !state.appeals[appealId]) return state;
      const recommendation: RecommendationState = {
        recommendationId,
        appealId,
        addressedTo,
        madeOn,
        answeredOn: null,
      };
      return {
        ...state,
        recommendations: { ...state.recommendations, [recommendationId]: recommendation },
      };
    }
    case 'HscRecommendationsAnswered': {
      const recommendation = state.recommendations[event.data.recommendationId];
      if (!recommendation) return state;
      return {
        ...state,
        recommendations: {
          ...state.recommendations,
          [recommendation.recommendationId]: {
            ...recommendation,
            answeredOn: event.data.answeredOn,
          },
        },
      };
    }
    default:
      return state;
  }
};
