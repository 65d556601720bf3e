import type { AccessEvent, AppealEvent, BreachEvent, CaseEvent, ProcessEvent } from '@app/domain';
import { addDays, initialDeadlineTracker, trackDeadlines } from '@app/domain';
import { evolveAppealView } from './case-status.appeal-evolve';
import { eraseCaseView } from './case-status.erasure';
import { timelineFacts } from './case-status.timeline';
import type { BreachView, CaseView } from './case-status.view';

/** What the projection needs of a stored event besides its type and data. */
export interface EventEnvelope {
  readonly event: CaseEvent;
  readonly streamVersion: number;
  readonly recordedAt: string;
}

const APPEAL_EVENTS = new Set<string>([
  'MediationAdviserContacted',
  'MediationHeld',
  'MediationCertificateIssued',
  'AppealLodged',
  'AppealRegistered',
  'LaResponseReceived',
  'EvidenceSubmitted',
  'HearingBundleSent',
  'HearingScheduled',
  'HearingAdjourned',
  'HearingHeld',
  'AppealOutcomeRecorded',
  'TribunalOrderMade',
  'OrderComplied',
  'DecisionChallengeLodged',
  'DecisionChallengeDecided',
  'HscRecommendationsMade',
  'HscRecommendationsAnswered',
]);
const BREACH_EVENTS = new Set<string>(['BreachReported', 'BreachDetected', 'BreachRemedied']);
const ACCESS_EVENTS = new Set<string>(['AccessGranted', 'AccessRevoked']);

const opened = (
  envelope: EventEnvelope,
  data: Extract<CaseEvent, { type: 'CaseOpened' }>['data'],
): CaseView => ({
  caseId: data.caseId,
  ownerId: data.ownerId,
  localAuthorityCode: data.localAuthorityCode,
  childLabel: data.childLabel,
  openedOn: data.openedOn,
  erasedOn: null,
  version: envelope.streamVersion,
  requests: [],
  advice: [],
  decisions: [],
  reviews: [],
  transfers: [],
  exceptions: [],
  mediation: {
    adviserContactedOn: null,
    mediationWanted: null,
    mediationEndedOn: null,
    agreementReached: null,
    certificateIssuedOn: null,
  },
  appeals: [],
  breaches: [],
  timeline: [],
  grants: [],
  deadlineTracker: trackDeadlines(initialDeadlineTracker(), { type: 'CaseOpened', data }),
});

const evolveProcessView = (view: CaseView, event: ProcessEvent): CaseView => {
  switch (event.type) {
    case 'AssessmentRequested':
    case 'ReassessmentRequested': {
      const kind = event.type === 'AssessmentRequested' ? 'ASSESSMENT' : 'REASSESSMENT';
      const requestedBy = event.type === 'AssessmentRequested' ? event.data.requestedBy : null;
      const request = {
        requestId: event.data.requestId,
        kind,
        receivedOn: event.data.receivedOn,
        requestedBy,
      } as const;
      return { ...view, requests: [...view.requests, request] };
    }
    case 'AdviceRequested':
      return { ...view, advice: [...view.advice, { ...event.data, receivedOn: null }] };
    case 'AdviceReceived':
      return {
        ...view,
        advice: view.advice.map((a) =>
          a.adviceId === event.data.adviceId ? { ...a, receivedOn: event.data.receivedOn } : a,
        ),
      };
    case 'LaDecisionRecorded':
      return { ...view, decisions: [...view.decisions, event.data] };
    case 'ReviewMeetingHeld':
      return { ...view, reviews: [...view.reviews, event.data] };
    case 'PhaseTransferDue':
      return { ...view, transfers: [...view.transfers, event.data] };
    case 'ExceptionRecorded': {
      // The note is personal data and stays out of the read model's structured fields.
      const { exceptionId, exception, recordedOn } = event.data;
      return { ...view, exceptions: [...view.exceptions, { exceptionId, exception, recordedOn }] };
    }
    default: {
      const _exhaustive: never = event;
      return view;
    }
  }
};

const evolveBreachView = (view: CaseView, event: BreachEvent): CaseView => {
  switch (event.type) {
    case 'BreachReported': {
      const d = event.data;
      const breach: BreachView = {
        breachId: d.breachId,
        source: 'REPORTED',
        breachType: d.breachType,
        dutyHolder: d.dutyHolder,
        legalBasis: d.legalBasis,
        guidanceReference: d.guidanceReference,
        occurredOn: d.occurredOn,
        evidenceRefs: d.evidenceRefs,
        notes: d.notes,
        ruleId: null,
        deadlineKey: null,
        dueOn: null,
        detectedOn: null,
        remediedOn: null,
        daysLate: null,
      };
      return { ...view, breaches: [...view.breaches, breach] };
    }
    case 'BreachDetected': {
      const d = event.data;
      const breach: BreachView = {
        breachId: d.breachId,
        source: 'DETECTED',
        breachType: d.breachType,
        dutyHolder: d.dutyHolder,
        legalBasis: d.legalBasis,
        guidanceReference: null,
        occurredOn: addDays(d.dueOn, 1),
        evidenceRefs: [],
        notes: null,
        ruleId: d.ruleId,
        deadlineKey: d.deadlineKey,
        dueOn: d.dueOn,
        detectedOn: d.detectedOn,
        remediedOn: null,
        daysLate: null,
      };
      return { ...view, breaches: [...view.breaches, breach] };
    }
    case 'BreachRemedied': {
      const { breachId, remediedOn, daysLate } = event.data;
      return {
        ...view,
        breaches: view.breaches.map((b) =>
          b.breachId === breachId ? { ...b, remediedOn, daysLate } : b,
        ),
      };
    }
    default: {
      const _exhaustive: never = event;
      return view;
    }
  }
};

const evolveAccessView = (view: CaseView, event: AccessEvent): CaseView => {
  switch (event.type) {
    case 'AccessGranted': {
      const others = view.grants.filter((g) => g.organisation !== event.data.organisation);
      return { ...view, grants: [...others, { ...event.data }] };
    }
    case 'AccessRevoked':
      return {
        ...view,
        grants: view.grants.filter((g) => g.organisation !== event.data.organisation),
      };
    default: {
      const _exhaustive: never = event;
      return view;
    }
  }
};

/** Events that name an order, challenge or recommendation rather than the appeal: find the appeal. */
const appealOfEntity = (view: CaseView, event: CaseEvent): string | null => {
  const find = (test: (a: CaseView['appeals'][number]) => boolean) =>
    view.appeals.find(test)?.appealId ?? null;
  switch (event.type) {
    case 'OrderComplied':
      return find((a) => a.orders.some((o) => o.orderId === event.data.orderId));
    case 'DecisionChallengeDecided':
      return find((a) => a.challenges.some((c) => c.challengeId === event.data.challengeId));
    case 'HscRecommendationsAnswered':
      return find((a) =>
        a.recommendations.some((r) => r.recommendationId === event.data.recommendationId),
      );
    default:
      return null;
  }
};

/** Pure: the case document after one more event. Events the view already holds are ignored (crash replays). */
export const evolveCaseView = (view: CaseView | null, envelope: EventEnvelope): CaseView | null => {
  const { event, streamVersion, recordedAt } = envelope;
  if (event.type === 'CaseOpened') {
    if (view) return view;
    const facts = timelineFacts(event);
    const first = opened(envelope, event.data);
    return {
      ...first,
      timeline: [{ position: streamVersion, type: event.type, recordedAt, ...facts }],
    };
  }
  if (!view || streamVersion <= view.version) return view;
  let next: CaseView;
  if (APPEAL_EVENTS.has(event.type))
    next = evolveAppealView(view, event as AppealEvent, recordedAt);
  else if (BREACH_EVENTS.has(event.type)) next = evolveBreachView(view, event as BreachEvent);
  else if (ACCESS_EVENTS.has(event.type)) next = evolveAccessView(view, event as AccessEvent);
  else if (event.type === 'PersonalDataErased') next = eraseCaseView(view, event);
  else next = evolveProcessView(view, event as ProcessEvent);
  const facts = timelineFacts(event);
  const appealId = facts.appealId ?? appealOfEntity(next, event);
  return {
    ...next,
    deadlineTracker: trackDeadlines(next.deadlineTracker, event),
    version: streamVersion,
    timeline: [
      ...next.timeline,
      { position: streamVersion, type: event.type, recordedAt, ...facts, appealId },
    ],
  };
};
