import type { DeadlineInput } from '../deadlines/deadline-input';
import { isDeadlineRuleId, type DeadlineRuleId } from '../deadlines/deadline-rules';
import { formatLongDate } from '../deadlines/local-date';
import type {
  AppealLodged,
  AppealOutcomeRecorded,
  AppealRegistered,
  DecisionChallengeDecided,
  HearingAdjourned,
  MediationAdviserContacted,
  MediationCertificateIssued,
  MediationHeld,
  TribunalOrderMade,
} from './appeal.events';
import type { CaseEvent } from './case.events';
import type { AppealOutcome, DutyHolder, LaDecisionKind, OrderType } from './case.types';
import {
  answerableOn,
  isOpen,
  materialise,
  meet,
  replace,
  restart,
  start,
  supersede,
  type DeadlineTracker,
  type TrackedDeadline,
} from './deadline-tracker.state';
import { orderDeadlineRule } from './order-deadline';
import type {
  AdviceRequested,
  ExceptionRecorded,
  LaDecisionRecorded,
  PhaseTransferDue,
  ReviewMeetingHeld,
} from './process.events';

/*
 * Which events start and meet which deadline (send-domain §1.3–§1.9, §2). One rule per deadline; an event without
 * the id of what it answers (an LA decision letter, a mediation certificate) answers every open deadline it fits that
 * started on or before its date.
 */

const PHASE_TRANSFER_RULES: readonly DeadlineRuleId[] = [
  'PHASE_TRANSFER_15_FEB',
  'PHASE_TRANSFER_POST16_31_MAR',
  'PHASE_TRANSFER_POST16_5_MONTHS',
];

/** The deadlines each LA decision meets. */
const MET_BY_DECISION: Record<LaDecisionKind, readonly DeadlineRuleId[]> = {
  ASSESSMENT_AGREED: ['EHC_ASSESS_DECISION_6WK'],
  ASSESSMENT_REFUSED: ['EHC_ASSESS_DECISION_6WK'],
  PLAN_NOT_NEEDED: [
    'EHC_NO_PLAN_NOTICE_16WK',
    'REG44_ASSESS_NO_PLAN_NOTICE',
    'REG45_ASSESS_NO_PLAN_NOTICE',
  ],
  DRAFT_PLAN_ISSUED: ['REG44_MAKE_PLAN_DRAFT', 'REG45_MAKE_PLAN_DRAFT'],
  FINAL_PLAN_ISSUED: [
    'EHC_FINAL_PLAN_20WK',
    'REG44_ASSESS_FINAL_PLAN',
    'REG45_ASSESS_FINAL_PLAN',
    ...PHASE_TRANSFER_RULES,
  ],
  REASSESSMENT_AGREED: ['REASSESS_DECISION_15D'],
  REASSESSMENT_REFUSED: ['REASSESS_DECISION_15D'],
  REVIEW_NO_AMENDMENT: ['REVIEW_LA_DECISION'],
  REVIEW_AMENDMENTS_PROPOSED: ['REVIEW_LA_DECISION'],
  AMENDED_PLAN_ISSUED: [
    'REASSESS_FINAL_PLAN_14WK',
    'REVIEW_FINAL_AMENDED_PLAN',
    ...PHASE_TRANSFER_RULES,
  ],
  CEASE_TO_MAINTAIN: ['REVIEW_LA_DECISION'],
};

/** The deadlines an LA decision makes moot ("whichever happens"), and why, in words for the family. */
const SUPERSEDED_BY_DECISION: Partial<
  Record<LaDecisionKind, { readonly rules: readonly DeadlineRuleId[]; readonly reason: string }>
> = {
  ASSESSMENT_REFUSED: {
    rules: ['EHC_NO_PLAN_NOTICE_16WK', 'EHC_FINAL_PLAN_20WK'],
    reason: 'The council refused to assess, so no decision about a plan follows this request.',
  },
  PLAN_NOT_NEEDED: {
    rules: ['EHC_FINAL_PLAN_20WK', 'REG44_ASSESS_FINAL_PLAN', 'REG45_ASSESS_FINAL_PLAN'],
    reason: 'The council decided not to issue a plan, so there is no final plan to wait for.',
  },
  DRAFT_PLAN_ISSUED: {
    rules: [
      'EHC_NO_PLAN_NOTICE_16WK',
      'REG44_ASSESS_NO_PLAN_NOTICE',
      'REG45_ASSESS_NO_PLAN_NOTICE',
    ],
    reason: 'The council decided to issue a plan, so no notice that it will not is due.',
  },
  FINAL_PLAN_ISSUED: {
    rules: [
      'EHC_NO_PLAN_NOTICE_16WK',
      'REG44_ASSESS_NO_PLAN_NOTICE',
      'REG45_ASSESS_NO_PLAN_NOTICE',
    ],
    reason: 'The council issued a plan, so no notice that it will not is due.',
  },
  CEASE_TO_MAINTAIN: {
    rules: ['ANNUAL_REVIEW_FIRST', 'ANNUAL_REVIEW_NEXT'],
    reason: 'The council decided to stop maintaining the plan, so no further review is tracked.',
  },
};

/** The later steps an order's chain owes, met by the LA's own decisions (§1.7); the order itself by OrderComplied. */
const ORDER_STEPS: Partial<Record<OrderType, readonly string[]>> = {
  ASSESS: ['ASSESS_NO_PLAN_NOTICE', 'ASSESS_FINAL_PLAN'],
  MAKE_AND_MAINTAIN_PLAN: ['MAKE_PLAN_DRAFT', 'MAKE_PLAN_FINAL'],
};
const STEP_PREFIX = { TRIBUNAL_ORDER: 'REG44', UNOPPOSED_APPEAL: 'REG45' } as const;
const STEP_START = {
  TRIBUNAL_ORDER: 'orderMadeOn',
  UNOPPOSED_APPEAL: 'laNotifiedTribunalOn',
} as const;

/** Tribunal case-management steps an ended appeal no longer needs. */
const APPEAL_STEPS: readonly DeadlineRuleId[] = [
  'TRIBUNAL_REGISTRATION',
  'LA_RESPONSE',
  'HEARING_BUNDLE',
  'TRIBUNAL_DECISION',
];
const DECIDED: readonly AppealOutcome[] = ['DECIDED_IN_FAVOUR', 'DISMISSED'];
const OUTCOME_WORDS: Record<AppealOutcome, string> = {
  WITHDRAWN: 'was withdrawn',
  CONCEDED: 'was conceded by the council',
  CONSENT_ORDER: 'was settled by a consent order',
  STRUCK_OUT: 'was struck out',
  DECIDED_IN_FAVOUR: 'was decided in your favour',
  DISMISSED: 'was dismissed',
};

const key = (ruleId: DeadlineRuleId, by: string, id: string): string => `${ruleId}:${by}:${id}`;

const ofRules =
  (rules: readonly DeadlineRuleId[], on: string) =>
  (d: TrackedDeadline): boolean =>
    rules.includes(d.ruleId) && !d.metByOrderCompliance && answerableOn(d, on);

const assessmentRequested = (
  tracker: DeadlineTracker,
  requestId: string,
  receivedOn: string,
): DeadlineTracker => {
  const rules: readonly DeadlineRuleId[] = [
    'EHC_ASSESS_DECISION_6WK',
    'EHC_NO_PLAN_NOTICE_16WK',
    'EHC_FINAL_PLAN_20WK',
  ];
  return rules.reduce(
    (t, ruleId) =>
      start(t, {
        key: key(ruleId, 'request', requestId),
        ruleId,
        input: { requestReceivedOn: receivedOn },
        startedBy: { eventType: 'AssessmentRequested', on: receivedOn },
        subject: { requestId },
        matchFrom: receivedOn,
      }),
    tracker,
  );
};

const adviceRequested = (tracker: DeadlineTracker, event: AdviceRequested): DeadlineTracker => {
  const { adviceId, from, bodyName, requestedOn } = event.data;
  const name = bodyName.trim() === '' ? null : bodyName.trim();
  const dutyHolder: DutyHolder =
    from === 'LA'
      ? { kind: 'LA', localAuthorityCode: tracker.localAuthorityCode, name, urn: null }
      : { kind: from, localAuthorityCode: null, name, urn: null };
  return start(tracker, {
    key: key('EHC_ADVICE_6WK', 'advice', adviceId),
    ruleId: 'EHC_ADVICE_6WK',
    input: { adviceRequestedOn: requestedOn, adviceFrom: from },
    startedBy: { eventType: 'AdviceRequested', on: requestedOn },
    subject: { adviceId },
    matchFrom: requestedOn,
    dutyHolder,
  });
};

const decisionRecorded = (tracker: DeadlineTracker, event: LaDecisionRecorded): DeadlineTracker => {
  const { decisionId, kind, decisionLetterOn: on, appealableAs } = event.data;
  let next = meet(tracker, ofRules(MET_BY_DECISION[kind], on), on, event.type);
  const superseded = SUPERSEDED_BY_DECISION[kind];
  if (superseded) next = supersede(next, ofRules(superseded.rules, on), on, superseded.reason);
  const startedBy = { eventType: event.type, on };
  const subject = { decisionId };
  const from = (ruleId: DeadlineRuleId, input: DeadlineInput) =>
    start(next, {
      key: key(ruleId, 'decision', decisionId),
      ruleId,
      input,
      startedBy,
      subject,
      matchFrom: on,
    });
  if (kind === 'REASSESSMENT_AGREED') {
    next = from('REASSESS_FINAL_PLAN_14WK', { reassessmentNotifiedOn: on });
  }
  if (kind === 'REVIEW_AMENDMENTS_PROPOSED') {
    next = from('REVIEW_FINAL_AMENDED_PLAN', { amendmentsSentOn: on });
  }
  const reviewTracked = next.deadlines.some(
    (d) => isOpen(d) && (d.ruleId === 'ANNUAL_REVIEW_FIRST' || d.ruleId === 'ANNUAL_REVIEW_NEXT'),
  );
  if (kind === 'FINAL_PLAN_ISSUED' && !reviewTracked) {
    next = from('ANNUAL_REVIEW_FIRST', { planIssuedOn: on });
  }
  if (appealableAs.length > 0) {
    // Every appealable decision: the mediation-adviser contact (reg 33) and the lodging limit (HESC r.20).
    next = from('MEDIATION_ADVISER_CONTACT', { decisionLetterOn: on });
    next = from('SEN_APPEAL_LODGE', { decisionLetterOn: on });
  }
  return next;
};

const reviewMeetingHeld = (tracker: DeadlineTracker, event: ReviewMeetingHeld): DeadlineTracker => {
  const { reviewId, heldOn } = event.data;
  const met = meet(
    tracker,
    ofRules(['ANNUAL_REVIEW_FIRST', 'ANNUAL_REVIEW_NEXT'], heldOn),
    heldOn,
    event.type,
  );
  const startedBy = { eventType: event.type, on: heldOn };
  const subject = { reviewId };
  // REVIEW_REPORT is left out: no event records the report, so it could never be met.
  const next = start(met, {
    key: key('ANNUAL_REVIEW_NEXT', 'review', reviewId),
    ruleId: 'ANNUAL_REVIEW_NEXT',
    input: { previousReviewOn: heldOn },
    startedBy,
    subject,
    matchFrom: heldOn,
  });
  return start(next, {
    key: key('REVIEW_LA_DECISION', 'review', reviewId),
    ruleId: 'REVIEW_LA_DECISION',
    input: { meetingOn: heldOn },
    startedBy,
    subject,
    matchFrom: heldOn,
  });
};

const TRANSFER_RULES: Record<PhaseTransferDue['data']['kind'], DeadlineRuleId> = {
  SCHOOL_PHASE: 'PHASE_TRANSFER_15_FEB',
  SECONDARY_TO_POST16: 'PHASE_TRANSFER_POST16_31_MAR',
  POST16_OTHER: 'PHASE_TRANSFER_POST16_5_MONTHS',
};

const phaseTransferDue = (tracker: DeadlineTracker, event: PhaseTransferDue): DeadlineTracker => {
  const { transferId, kind, transferYear, transferOn } = event.data;
  const ruleId = TRANSFER_RULES[kind];
  const input: DeadlineInput =
    transferOn === null ? { transferYear } : { transferYear, transferOn };
  // Met by a plan amended or issued after this event, whatever its date: an autumn amendment counts.
  return start(tracker, {
    key: key(ruleId, 'transfer', transferId),
    ruleId,
    input,
    startedBy: { eventType: event.type, on: transferOn },
    subject: { transferId },
    matchFrom: null,
  });
};

/** A recorded exception lifts the time limit of each open deadline whose rule allows it; never guessed. */
const exceptionRecorded = (tracker: DeadlineTracker, event: ExceptionRecorded): DeadlineTracker =>
  tracker.deadlines.reduce((t, d) => {
    if (!isOpen(d) || d.exceptionApplies) return t;
    const recomputed = materialise(t, {
      ...d,
      input: { ...d.input, exceptionRecorded: event.data.exception },
    });
    return recomputed ? replace(t, recomputed) : t; // ExceptionNotApplicable: the rule does not allow it
  }, tracker);

const mediationAdviserContacted = (
  tracker: DeadlineTracker,
  event: MediationAdviserContacted,
): DeadlineTracker => {
  const { decisionId, contactedOn, mediationWanted } = event.data;
  const about = (d: TrackedDeadline) =>
    decisionId === null ? answerableOn(d, contactedOn) : d.subject.decisionId === decisionId;
  let next = meet(
    tracker,
    (d) => d.ruleId === 'MEDIATION_ADVISER_CONTACT' && about(d),
    contactedOn,
    event.type,
  );
  next = { ...next, mediation: { decisionId } };
  const ruleId: DeadlineRuleId = mediationWanted
    ? 'MEDIATION_ARRANGED'
    : 'MEDIATION_CERTIFICATE_DECLINED';
  const input: DeadlineInput = mediationWanted
    ? { mediationRequestedOn: contactedOn }
    : { mediationDeclinedOn: contactedOn };
  return start(next, {
    key: key(ruleId, 'mediation', `${decisionId ?? 'case'}@${contactedOn}`),
    ruleId,
    input,
    startedBy: { eventType: event.type, on: contactedOn },
    subject: decisionId === null ? {} : { decisionId },
    matchFrom: contactedOn,
  });
};

const mediationHeld = (tracker: DeadlineTracker, event: MediationHeld): DeadlineTracker => {
  const { endedOn } = event.data;
  const next = meet(
    tracker,
    (d) => d.ruleId === 'MEDIATION_ARRANGED' && answerableOn(d, endedOn),
    endedOn,
    event.type,
  );
  const decisionId = next.mediation?.decisionId ?? null;
  return start(next, {
    key: key(
      'MEDIATION_CERTIFICATE_AFTER_MEDIATION',
      'mediation',
      `${decisionId ?? 'case'}@${endedOn}`,
    ),
    ruleId: 'MEDIATION_CERTIFICATE_AFTER_MEDIATION',
    input: { mediationEndedOn: endedOn },
    startedBy: { eventType: event.type, on: endedOn },
    subject: decisionId === null ? {} : { decisionId },
    matchFrom: endedOn,
  });
};

/** The certificate answers the adviser and, by HESC r.20, may give the family longer to appeal: recompute. */
const certificateIssued = (
  tracker: DeadlineTracker,
  event: MediationCertificateIssued,
): DeadlineTracker => {
  const { issuedOn } = event.data;
  let next = meet(
    tracker,
    (d) => d.ruleId.startsWith('MEDIATION_CERTIFICATE_') && answerableOn(d, issuedOn),
    issuedOn,
    event.type,
  );
  const decisionId = next.mediation?.decisionId ?? null;
  const lodging = next.deadlines.filter(
    (d) =>
      d.ruleId === 'SEN_APPEAL_LODGE' &&
      isOpen(d) &&
      (decisionId === null ? answerableOn(d, issuedOn) : d.subject.decisionId === decisionId),
  );
  for (const d of lodging) {
    next = restart(next, { ...d, input: { ...d.input, mediationCertificateOn: issuedOn } });
  }
  return next;
};

const appealLodged = (tracker: DeadlineTracker, event: AppealLodged): DeadlineTracker => {
  const { appealId, appealTypes, lodgedOn, decisionLetterOn } = event.data;
  const decisionId = event.data.decisionId ?? null;
  const appealed = (d: TrackedDeadline) =>
    decisionId !== null
      ? d.subject.decisionId === decisionId
      : decisionLetterOn !== null && d.input.decisionLetterOn === decisionLetterOn;
  let next: DeadlineTracker = {
    ...tracker,
    appeals: tracker.appeals.some((a) => a.appealId === appealId)
      ? tracker.appeals
      : [...tracker.appeals, { appealId, appealTypes, decisionId, concluded: false }],
  };
  next = meet(next, (d) => d.ruleId === 'SEN_APPEAL_LODGE' && appealed(d), lodgedOn, event.type);
  next = supersede(
    next,
    (d) => d.ruleId === 'MEDIATION_ADVISER_CONTACT' && appealed(d),
    lodgedOn,
    'The appeal was lodged, so this step is behind you.',
  );
  // A disability discrimination claim's 6-month limit runs from the act complained of, which no event records.
  return start(next, {
    key: key('TRIBUNAL_REGISTRATION', 'appeal', appealId),
    ruleId: 'TRIBUNAL_REGISTRATION',
    input: { appealLodgedOn: lodgedOn },
    startedBy: { eventType: event.type, on: lodgedOn },
    subject: { appealId },
    matchFrom: lodgedOn,
  });
};

const isLive = (tracker: DeadlineTracker, appealId: string): boolean =>
  tracker.appeals.some((a) => a.appealId === appealId && !a.concluded);

const ofAppeal =
  (ruleId: DeadlineRuleId, appealId: string) =>
  (d: TrackedDeadline): boolean =>
    d.ruleId === ruleId && d.subject.appealId === appealId;

const hearingBundle = (
  tracker: DeadlineTracker,
  appealId: string,
  hearingOn: string,
  startedBy: { eventType: CaseEvent['type']; on: string },
): DeadlineTracker =>
  isLive(tracker, appealId)
    ? restart(tracker, {
        key: key('HEARING_BUNDLE', 'appeal', appealId),
        ruleId: 'HEARING_BUNDLE',
        input: { hearingOn },
        startedBy,
        subject: { appealId },
        matchFrom: null,
      })
    : tracker;

const appealRegistered = (tracker: DeadlineTracker, event: AppealRegistered): DeadlineTracker => {
  const { appealId, registeredOn, responseDueOn, hearingOn } = event.data;
  let next = meet(tracker, ofAppeal('TRIBUNAL_REGISTRATION', appealId), registeredOn, event.type);
  const startedBy = { eventType: event.type, on: registeredOn };
  if (isLive(next, appealId)) {
    // The LA receives the papers with the registration letter, which usually directs the response date itself.
    next = start(next, {
      key: key('LA_RESPONSE', 'appeal', appealId),
      ruleId: 'LA_RESPONSE',
      input: { laReceivedAppealOn: registeredOn },
      directedDueOn: responseDueOn,
      startedBy,
      subject: { appealId },
      matchFrom: registeredOn,
    });
  }
  return hearingOn === null ? next : hearingBundle(next, appealId, hearingOn, startedBy);
};

const hearingAdjourned = (tracker: DeadlineTracker, event: HearingAdjourned): DeadlineTracker => {
  const { appealId, adjournedOn, newHearingOn } = event.data;
  const startedBy = { eventType: event.type, on: adjournedOn };
  if (newHearingOn !== null) return hearingBundle(tracker, appealId, newHearingOn, startedBy);
  return supersede(
    tracker,
    ofAppeal('HEARING_BUNDLE', appealId),
    adjournedOn,
    'The hearing was adjourned without a new date; the bundle date follows the next hearing date.',
  );
};

const hearingHeld = (
  tracker: DeadlineTracker,
  appealId: string,
  heldOn: string,
): DeadlineTracker =>
  isLive(tracker, appealId)
    ? restart(tracker, {
        key: key('TRIBUNAL_DECISION', 'appeal', appealId),
        ruleId: 'TRIBUNAL_DECISION',
        input: { hearingOn: heldOn },
        startedBy: { eventType: 'HearingHeld', on: heldOn },
        subject: { appealId },
        matchFrom: heldOn,
      })
    : tracker;

const outcomeRecorded = (
  tracker: DeadlineTracker,
  event: AppealOutcomeRecorded,
): DeadlineTracker => {
  const { appealId, outcome, decidedOn } = event.data;
  const decided = DECIDED.includes(outcome);
  let next = decided
    ? meet(tracker, ofAppeal('TRIBUNAL_DECISION', appealId), decidedOn, event.type)
    : tracker;
  next = supersede(
    next,
    (d) => APPEAL_STEPS.includes(d.ruleId) && d.subject.appealId === appealId,
    decidedOn,
    `The appeal ${OUTCOME_WORDS[outcome]} on ${formatLongDate(decidedOn)}, so this step is no longer needed.`,
  );
  next = {
    ...next,
    appeals: next.appeals.map((a) => (a.appealId === appealId ? { ...a, concluded: true } : a)),
  };
  if (!decided) return next;
  // An option, not a duty: shown while it is open, it lapses at the end of the 28 days.
  return start(next, {
    key: key('FTT_PERMISSION_TO_APPEAL', 'appeal', appealId),
    ruleId: 'FTT_PERMISSION_TO_APPEAL',
    input: { tribunalDecisionSentOn: decidedOn },
    startedBy: { eventType: event.type, on: decidedOn },
    subject: { appealId },
    matchFrom: decidedOn,
    optional: true,
  });
};

const orderMade = (tracker: DeadlineTracker, event: TribunalOrderMade): DeadlineTracker => {
  const { appealId, orderId, orderType, basis, madeOn } = event.data;
  const appealTypes = tracker.appeals.find((a) => a.appealId === appealId)?.appealTypes ?? [];
  const rule = orderDeadlineRule(orderType, basis, appealTypes);
  const startedBy = { eventType: event.type, on: madeOn };
  const subject = { appealId, orderId };
  // Refer-back and discrimination remedies have no rule: the tribunal's own date is not tracked here.
  let next =
    rule === null
      ? tracker
      : start(tracker, {
          key: key(rule.ruleId, 'order', orderId),
          ruleId: rule.ruleId,
          input: { ...rule.facts, [rule.startField]: madeOn },
          startedBy,
          subject,
          matchFrom: madeOn,
          metByOrderCompliance: true,
        });
  if (basis === 'MEDIATION_AGREEMENT') return next;
  for (const step of ORDER_STEPS[orderType] ?? []) {
    const ruleId = `${STEP_PREFIX[basis]}_${step}`;
    if (!isDeadlineRuleId(ruleId) || ruleId === rule?.ruleId) continue;
    next = start(next, {
      key: key(ruleId, 'order', orderId),
      ruleId,
      input: { [STEP_START[basis]]: madeOn },
      startedBy,
      subject,
      matchFrom: madeOn,
    });
  }
  return next;
};

/** A granted set-aside (HESC r.45) undoes the decision, and with it the orders it made. */
const challengeDecided = (
  tracker: DeadlineTracker,
  event: DecisionChallengeDecided,
): DeadlineTracker => {
  const { challengeId, decidedOn, granted } = event.data;
  const challenge = tracker.challenges.find((c) => c.challengeId === challengeId);
  if (!granted || challenge?.kind !== 'SET_ASIDE') return tracker;
  return supersede(
    tracker,
    (d) => d.subject.appealId === challenge.appealId && d.subject.orderId !== undefined,
    decidedOn,
    `The Tribunal set aside the decision that made this order on ${formatLongDate(decidedOn)}.`,
  );
};

const byId =
  (field: 'adviceId' | 'recommendationId' | 'orderId', id: string) => (d: TrackedDeadline) =>
    d.subject[field] === id;

const trackEvent = (tracker: DeadlineTracker, event: CaseEvent): DeadlineTracker => {
  switch (event.type) {
    case 'CaseOpened':
      return { ...tracker, localAuthorityCode: event.data.localAuthorityCode };
    case 'AssessmentRequested':
      return assessmentRequested(tracker, event.data.requestId, event.data.receivedOn);
    case 'ReassessmentRequested': {
      const { requestId, receivedOn } = event.data;
      return start(tracker, {
        key: key('REASSESS_DECISION_15D', 'request', requestId),
        ruleId: 'REASSESS_DECISION_15D',
        input: { reassessmentRequestReceivedOn: receivedOn },
        startedBy: { eventType: event.type, on: receivedOn },
        subject: { requestId },
        matchFrom: receivedOn,
      });
    }
    case 'AdviceRequested':
      return adviceRequested(tracker, event);
    case 'AdviceReceived':
      return meet(
        tracker,
        (d) => d.ruleId === 'EHC_ADVICE_6WK' && byId('adviceId', event.data.adviceId)(d),
        event.data.receivedOn,
        event.type,
      );
    case 'LaDecisionRecorded':
      return decisionRecorded(tracker, event);
    case 'ReviewMeetingHeld':
      return reviewMeetingHeld(tracker, event);
    case 'PhaseTransferDue':
      return phaseTransferDue(tracker, event);
    case 'ExceptionRecorded':
      return exceptionRecorded(tracker, event);
    case 'MediationAdviserContacted':
      return mediationAdviserContacted(tracker, event);
    case 'MediationHeld':
      return mediationHeld(tracker, event);
    case 'MediationCertificateIssued':
      return certificateIssued(tracker, event);
    case 'AppealLodged':
      return appealLodged(tracker, event);
    case 'AppealRegistered':
      return appealRegistered(tracker, event);
    case 'LaResponseReceived':
      return meet(
        tracker,
        ofAppeal('LA_RESPONSE', event.data.appealId),
        event.data.receivedOn,
        event.type,
      );
    case 'HearingBundleSent':
      return meet(
        tracker,
        ofAppeal('HEARING_BUNDLE', event.data.appealId),
        event.data.sentOn,
        event.type,
      );
    case 'HearingScheduled':
      return hearingBundle(tracker, event.data.appealId, event.data.hearingOn, {
        eventType: event.type,
        on: event.data.hearingOn,
      });
    case 'HearingAdjourned':
      return hearingAdjourned(tracker, event);
    case 'HearingHeld':
      return hearingHeld(tracker, event.data.appealId, event.data.heldOn);
    case 'AppealOutcomeRecorded':
      return outcomeRecorded(tracker, event);
    case 'TribunalOrderMade':
      return orderMade(tracker, event);
    case 'OrderComplied':
      return meet(
        tracker,
        (d) => d.metByOrderCompliance && byId('orderId', event.data.orderId)(d),
        event.data.compliedOn,
        event.type,
      );
    case 'DecisionChallengeLodged': {
      const { challengeId, appealId, kind, by, lodgedOn } = event.data;
      const known = tracker.challenges.some((c) => c.challengeId === challengeId);
      const next = known
        ? tracker
        : { ...tracker, challenges: [...tracker.challenges, { challengeId, appealId, kind }] };
      if (kind !== 'PERMISSION_TO_APPEAL' || by !== 'FAMILY') return next;
      return meet(next, ofAppeal('FTT_PERMISSION_TO_APPEAL', appealId), lodgedOn, event.type);
    }
    case 'DecisionChallengeDecided':
      return challengeDecided(tracker, event);
    case 'HscRecommendationsMade': {
      const { appealId, recommendationId, madeOn, addressedTo } = event.data;
      const socialCare = addressedTo === 'LA_SOCIAL_CARE';
      const ruleId: DeadlineRuleId = socialCare
        ? 'HSC_SOCIAL_CARE_RESPONSE'
        : 'HSC_HEALTH_RESPONSE';
      return start(tracker, {
        key: key(ruleId, 'recommendation', recommendationId),
        ruleId,
        input: { recommendationsMadeOn: madeOn },
        startedBy: { eventType: event.type, on: madeOn },
        subject: { appealId, recommendationId },
        matchFrom: madeOn,
        dutyHolder: socialCare
          ? {
              kind: 'SOCIAL_CARE',
              localAuthorityCode: tracker.localAuthorityCode,
              name: null,
              urn: null,
            }
          : { kind: 'HEALTH_BODY', localAuthorityCode: null, name: null, urn: null },
      });
    }
    case 'HscRecommendationsAnswered':
      return meet(
        tracker,
        byId('recommendationId', event.data.recommendationId),
        event.data.answeredOn,
        event.type,
      );
    case 'EvidenceSubmitted':
    case 'BreachReported':
    case 'BreachDetected':
    case 'BreachRemedied':
    case 'AccessGranted':
    case 'AccessRevoked':
    case 'PersonalDataErased':
      return tracker;
    default: {
      const _exhaustive: never = event;
      return tracker;
    }
  }
};

/**
 * Folds one case event into the tracker. Total: an event it cannot use (a date the engine cannot count from, an
 * unknown id) leaves the tracker as it was, so a read model or the case state never fails on it.
 */
export const trackDeadlines = (tracker: DeadlineTracker, event: CaseEvent): DeadlineTracker => {
  try {
    return trackEvent(tracker, event);
  } catch (_error) {
    return tracker;
  }
};
