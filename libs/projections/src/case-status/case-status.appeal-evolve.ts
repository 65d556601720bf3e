import type { AppealEvent } from '@app/domain';
import type { AppealStage, AppealView, CaseView } from './case-status.view';

type Patch = (appeal: AppealView) => AppealView;

const stageOf = (appeal: AppealView): AppealStage => {
  if (appeal.outcome) return 'CONCLUDED';
  if (appeal.hearingHeldOn) return 'HEARING_HELD';
  if (appeal.hearingOn) return 'HEARING_SCHEDULED';
  if (appeal.laResponse) return 'LA_RESPONDED';
  if (appeal.registeredOn) return 'REGISTERED';
  return 'LODGED';
};

const patchWhere = (
  view: CaseView,
  match: (a: AppealView) => boolean,
  patch: Patch,
  at: string,
): CaseView => ({
  ...view,
  appeals: view.appeals.map((appeal) => {
    if (!match(appeal)) return appeal;
    const next = patch(appeal);
    return { ...next, stage: stageOf(next), updatedAt: at };
  }),
});

const newAppeal = (
  view: CaseView,
  event: Extract<AppealEvent, { type: 'AppealLodged' }>,
  at: string,
): AppealView => ({
  appealId: event.data.appealId,
  caseId: view.caseId,
  appealTypes: event.data.appealTypes,
  stage: 'LODGED',
  lodgedOn: event.data.lodgedOn,
  decisionLetterOn: event.data.decisionLetterOn,
  mediationCertificateOn: event.data.mediationCertificateOn,
  decisionId: event.data.decisionId ?? null,
  respondent: event.data.respondent ?? null,
  tribunalReference: null,
  registeredOn: null,
  responseDueOn: null,
  evidenceDueOn: null,
  hearingOn: null,
  laResponse: null,
  evidence: [],
  bundleSentOn: null,
  hearingHeldOn: null,
  adjournments: [],
  outcome: null,
  extent: null,
  decidedOn: null,
  unopposed: false,
  orders: [],
  challenges: [],
  recommendations: [],
  updatedAt: at,
});

/** Pure: the case document after one appeal-lifecycle event. */
export const evolveAppealView = (view: CaseView, event: AppealEvent, at: string): CaseView => {
  const byId = (appealId: string) => (a: AppealView) => a.appealId === appealId;
  switch (event.type) {
    case 'MediationAdviserContacted':
      return {
        ...view,
        mediation: {
          ...view.mediation,
          adviserContactedOn: event.data.contactedOn,
          mediationWanted: event.data.mediationWanted,
        },
      };
    case 'MediationHeld':
      return {
        ...view,
        mediation: {
          ...view.mediation,
          mediationEndedOn: event.data.endedOn,
          agreementReached: event.data.agreementReached,
        },
      };
    case 'MediationCertificateIssued':
      return {
        ...view,
        mediation: { ...view.mediation, certificateIssuedOn: event.data.issuedOn },
      };
    case 'AppealLodged':
      if (view.appeals.some(byId(event.data.appealId))) return view;
      return { ...view, appeals: [...view.appeals, newAppeal(view, event, at)] };
    case 'AppealRegistered': {
      const { tribunalReference, registeredOn, responseDueOn, evidenceDueOn, hearingOn } =
        event.data;
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({
          ...a,
          tribunalReference,
          registeredOn,
          responseDueOn,
          evidenceDueOn,
          hearingOn: hearingOn ?? a.hearingOn,
        }),
        at,
      );
    }
    case 'LaResponseReceived': {
      const laResponse = { receivedOn: event.data.receivedOn, opposed: event.data.opposed };
      return patchWhere(view, byId(event.data.appealId), (a) => ({ ...a, laResponse }), at);
    }
    case 'EvidenceSubmitted': {
      const item = { party: event.data.party, submittedOn: event.data.submittedOn };
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, evidence: [...a.evidence, item] }),
        at,
      );
    }
    case 'HearingBundleSent':
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, bundleSentOn: event.data.sentOn }),
        at,
      );
    case 'HearingScheduled':
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, hearingOn: event.data.hearingOn }),
        at,
      );
    case 'HearingAdjourned': {
      const { adjournedOn, newHearingOn, reason } = event.data;
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({
          ...a,
          hearingOn: newHearingOn,
          adjournments: [...a.adjournments, { adjournedOn, newHearingOn, reason }],
        }),
        at,
      );
    }
    case 'HearingHeld':
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, hearingHeldOn: event.data.heldOn }),
        at,
      );
    case 'AppealOutcomeRecorded': {
      const { outcome, extent, decidedOn } = event.data;
      const unopposed = event.data.unopposed ?? false;
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, outcome, extent, decidedOn, unopposed }),
        at,
      );
    }
    case 'TribunalOrderMade': {
      const { appealId, orderId, orderType, basis, madeOn, directedDueOn } = event.data;
      const order = {
        orderId,
        appealId,
        orderType,
        basis,
        madeOn,
        directedDueOn,
        compliedOn: null,
        dueOn: null,
        daysLate: null,
      };
      return patchWhere(view, byId(appealId), (a) => ({ ...a, orders: [...a.orders, order] }), at);
    }
    case 'OrderComplied': {
      const { orderId, compliedOn, dueOn, daysLate } = event.data;
      return patchWhere(
        view,
        (a) => a.orders.some((o) => o.orderId === orderId),
        (a) => ({
          ...a,
          orders: a.orders.map((o) =>
            o.orderId === orderId ? { ...o, compliedOn, dueOn, daysLate } : o,
          ),
        }),
        at,
      );
    }
    case 'DecisionChallengeLodged': {
      const { challengeId, kind, lodgedOn, by } = event.data;
      const challenge = { challengeId, kind, lodgedOn, by, decidedOn: null, granted: null };
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, challenges: [...a.challenges, challenge] }),
        at,
      );
    }
    case 'DecisionChallengeDecided': {
      const { challengeId, decidedOn, granted } = event.data;
      return patchWhere(
        view,
        (a) => a.challenges.some((c) => c.challengeId === challengeId),
        (a) => ({
          ...a,
          challenges: a.challenges.map((c) =>
            c.challengeId === challengeId ? { ...c, decidedOn, granted } : c,
          ),
        }),
        at,
      );
    }
    case 'HscRecommendationsMade': {
      const { recommendationId, madeOn, addressedTo } = event.data;
      const recommendation = {
        recommendationId,
        madeOn,
        addressedTo,
        answeredOn: null,
        followed: null,
      };
      return patchWhere(
        view,
        byId(event.data.appealId),
        (a) => ({ ...a, recommendations: [...a.recommendations, recommendation] }),
        at,
      );
    }
    case 'HscRecommendationsAnswered': {
      const { recommendationId, answeredOn, followed } = event.data;
      return patchWhere(
        view,
        (a) => a.recommendations.some((r) => r.recommendationId === recommendationId),
        (a) => ({
          ...a,
          recommendations: a.recommendations.map((r) =>
            r.recommendationId === recommendationId ? { ...r, answeredOn, followed } : r,
          ),
        }),
        at,
      );
    }
    default: {
      const _exhaustive: never = event;
      return view;
    }
  }
};
