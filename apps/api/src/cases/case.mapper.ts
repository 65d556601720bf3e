import type { AppealView, BreachView, CaseView } from '@app/projections';
import type { Breach } from '../breaches/breach.graphql';
import type { LocalAuthoritiesService } from '../reference/local-authorities.service';
import type { Appeal } from './appeal.graphql';
import type { Case } from './case.graphql';

/** Read-model documents → GraphQL objects. */
export const toAppeal = (
  view: CaseView,
  appeal: AppealView,
  las: LocalAuthoritiesService,
): Appeal => ({
  id: appeal.appealId,
  caseId: view.caseId,
  appealTypes: [...appeal.appealTypes],
  status: appeal.stage,
  localAuthorityCode: view.localAuthorityCode,
  localAuthority: las.find(view.localAuthorityCode),
  lodgedOn: appeal.lodgedOn,
  decisionLetterOn: appeal.decisionLetterOn,
  mediationCertificateOn: appeal.mediationCertificateOn,
  decisionId: appeal.decisionId,
  respondent: appeal.respondent,
  tribunalReference: appeal.tribunalReference,
  registeredOn: appeal.registeredOn,
  responseDueOn: appeal.responseDueOn,
  evidenceDueOn: appeal.evidenceDueOn,
  hearingOn: appeal.hearingOn,
  laResponse: appeal.laResponse,
  evidence: [...appeal.evidence],
  bundleSentOn: appeal.bundleSentOn,
  hearingHeldOn: appeal.hearingHeldOn,
  adjournments: [...appeal.adjournments],
  outcome: appeal.outcome,
  extent: appeal.extent,
  decidedOn: appeal.decidedOn,
  unopposed: appeal.unopposed,
  orders: appeal.orders.map((o) => ({
    id: o.orderId,
    type: o.orderType,
    basis: o.basis,
    madeOn: o.madeOn,
    dueOn: o.dueOn ?? o.directedDueOn,
    compliedOn: o.compliedOn,
    daysLate: o.daysLate,
  })),
  challenges: appeal.challenges.map(({ challengeId, ...rest }) => ({ id: challengeId, ...rest })),
  recommendations: appeal.recommendations.map(({ recommendationId, ...rest }) => ({
    id: recommendationId,
    ...rest,
  })),
  timeline: view.timeline.filter((entry) => entry.appealId === appeal.appealId),
});

export const toBreach = (view: CaseView, breach: BreachView): Breach => ({
  id: breach.breachId,
  caseId: view.caseId,
  source: breach.source,
  breachType: breach.breachType,
  dutyHolder: breach.dutyHolder,
  legalBasis: breach.legalBasis,
  guidanceReference: breach.guidanceReference,
  occurredOn: breach.occurredOn,
  evidenceRefs: [...breach.evidenceRefs],
  notes: breach.notes,
  ruleId: breach.ruleId,
  dueOn: breach.dueOn,
  detectedOn: breach.detectedOn,
  remediedOn: breach.remediedOn,
  daysLate: breach.daysLate,
});

export const toCase = (view: CaseView, las: LocalAuthoritiesService): Case => ({
  id: view.caseId,
  localAuthorityCode: view.localAuthorityCode,
  localAuthority: las.find(view.localAuthorityCode),
  childLabel: view.childLabel,
  openedOn: view.openedOn,
  requests: view.requests.map(({ requestId, ...rest }) => ({ id: requestId, ...rest })),
  advice: view.advice.map(({ adviceId, ...rest }) => ({ id: adviceId, ...rest })),
  decisions: view.decisions.map(({ decisionId, appealableAs, ...rest }) => ({
    id: decisionId,
    appealableAs: [...appealableAs],
    ...rest,
  })),
  reviews: view.reviews.map(({ reviewId, heldOn }) => ({ id: reviewId, heldOn })),
  transfers: view.transfers.map(({ transferId, ...rest }) => ({ id: transferId, ...rest })),
  exceptions: view.exceptions.map(({ exceptionId, ...rest }) => ({ id: exceptionId, ...rest })),
  mediation: view.mediation,
  appeals: view.appeals.map((appeal) => toAppeal(view, appeal, las)),
  breaches: view.breaches.map((breach) => toBreach(view, breach)),
  timeline: [...view.timeline],
});
