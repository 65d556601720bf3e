import type { DeadlineInput, DutyHolderKind } from '../deadlines/deadline-input';
import type { DeadlineRuleId } from '../deadlines/deadline-rules';
import { isValidLocalDate } from '../deadlines/local-date';
import { deriveDeadline } from './deadline-text';
import type { CaseEventType } from './case.events';
import type { AppealType, BreachType, ChallengeKind, DutyHolder } from './case.types';

/**
 * The deadlines of one case (send-domain §1.3–§1.9, §2), as plain JSON: the read model stores it in a document and
 * the breach detector reads it from the case state. Each deadline keeps the engine's inputs, so a recorded exception
 * or a new hearing date can recompute it.
 */
export interface DeadlineTracker {
  readonly version: 1;
  readonly localAuthorityCode: string | null;
  /** In the order they were started. */
  readonly deadlines: readonly TrackedDeadline[];
  /** What later appeal events need to know about each appeal. */
  readonly appeals: readonly TrackedAppeal[];
  /** The decision the current mediation round is about: certificates and mediation carry no id of their own. */
  readonly mediation: { readonly decisionId: string | null } | null;
  /** Challenges, so that a granted set-aside can be traced to its appeal's orders. */
  readonly challenges: readonly TrackedChallenge[];
}

/** What started a deadline: the event and its business date (null when it has none, e.g. a transfer year only). */
export interface DeadlineStart {
  readonly eventType: CaseEventType;
  readonly on: string | null;
}

/** The ids of what the deadline is about. */
export interface DeadlineSubject {
  readonly appealId?: string;
  readonly orderId?: string;
  readonly requestId?: string;
  readonly decisionId?: string;
  readonly reviewId?: string;
  readonly transferId?: string;
  readonly adviceId?: string;
  readonly recommendationId?: string;
}

export interface TrackedDeadline {
  /** Stable within the case: rule id + what started it, e.g. `EHC_FINAL_PLAN_20WK:request:r-1`. */
  readonly key: string;
  readonly ruleId: DeadlineRuleId;
  readonly input: DeadlineInput;
  /** A date the Tribunal directed in place of the default (e.g. the LA response date at registration). */
  readonly directedDueOn: string | null;
  readonly title: string;
  readonly citation: string;
  readonly section: string;
  readonly dueOn: string;
  readonly dutyHolderKind: DutyHolderKind;
  readonly dutyHolder: DutyHolder | null;
  readonly explanation: string;
  readonly exceptionApplies: boolean;
  readonly startedBy: DeadlineStart;
  readonly subject: DeadlineSubject;
  /** Events dated before this cannot meet the deadline (null: any event recorded after it can). */
  readonly matchFrom: string | null;
  readonly metOn: string | null;
  readonly metBy: CaseEventType | null;
  readonly notApplicable: { readonly on: string | null; readonly reason: string } | null;
  /** An option, not a duty (e.g. asking for permission to appeal): it lapses, rather than falls overdue. */
  readonly optional: boolean;
  /** Met only by OrderComplied for its order (not by the LA decisions that meet the order's later steps). */
  readonly metByOrderCompliance: boolean;
  readonly breachType: BreachType | null;
}

export interface TrackedAppeal {
  readonly appealId: string;
  readonly appealTypes: readonly AppealType[];
  readonly decisionId: string | null;
  readonly concluded: boolean;
}

export interface TrackedChallenge {
  readonly challengeId: string;
  readonly appealId: string;
  readonly kind: ChallengeKind;
}

export const initialDeadlineTracker = (
  opened: { readonly localAuthorityCode: string } | null = null,
): DeadlineTracker => ({
  version: 1,
  localAuthorityCode: opened?.localAuthorityCode ?? null,
  deadlines: [],
  appeals: [],
  mediation: null,
  challenges: [],
});

/** send-domain §3: the breach a missed deadline is. Family, tribunal and mediation-adviser deadlines are none. */
export const breachTypeFor = (ruleId: DeadlineRuleId): BreachType | null => {
  switch (ruleId) {
    case 'EHC_ASSESS_DECISION_6WK':
      return 'TIMESCALE_ASSESS_DECISION';
    case 'EHC_ADVICE_6WK':
      return 'TIMESCALE_ADVICE';
    case 'EHC_NO_PLAN_NOTICE_16WK':
      return 'TIMESCALE_NO_PLAN_16WK';
    case 'EHC_FINAL_PLAN_20WK':
      return 'TIMESCALE_FINAL_PLAN_20WK';
    case 'MEDIATION_ARRANGED':
      return 'MEDIATION_FAILURE';
    default:
      break;
  }
  if (ruleId.startsWith('REASSESS_')) return 'TIMESCALE_REASSESS';
  if (ruleId.startsWith('ANNUAL_REVIEW_') || ruleId.startsWith('REVIEW_')) {
    return 'ANNUAL_REVIEW_LATE';
  }
  if (ruleId.startsWith('PHASE_TRANSFER_')) return 'PHASE_TRANSFER_LATE';
  if (/^REG4[245]_/.test(ruleId)) return 'TRIBUNAL_ORDER_NOT_IMPLEMENTED';
  if (ruleId.startsWith('HSC_')) return 'HSC_RECOMMENDATION_IGNORED';
  return null;
};

/** Who owes a deadline of this kind on this case, when nobody more precise is known. */
export const defaultDutyHolder = (
  kind: DutyHolderKind,
  laCode: string | null,
): DutyHolder | null => {
  switch (kind) {
    case 'LA':
      return { kind: 'LA', localAuthorityCode: laCode, name: null, urn: null };
    case 'HEALTH_BODY':
      return { kind: 'HEALTH_BODY', localAuthorityCode: null, name: null, urn: null };
    case 'SCHOOL':
      return { kind: 'SCHOOL', localAuthorityCode: null, name: null, urn: null };
    default:
      return null; // the family, the Tribunal, the mediation adviser
  }
};

/** A family's own time limits (to contact a mediator, to appeal) are rights, not duties: they lapse, never fall overdue. */
export const optionalByDefault = (kind: DutyHolderKind): boolean => kind === 'FAMILY';

/** How a deadline is started: the engine's input plus what the tracker adds. */
export interface DeadlineDraft {
  readonly key: string;
  readonly ruleId: DeadlineRuleId;
  readonly input: DeadlineInput;
  readonly startedBy: DeadlineStart;
  readonly subject: DeadlineSubject;
  readonly matchFrom: string | null;
  readonly directedDueOn?: string | null;
  /** Overrides the default duty-holder for the rule's kind (a named health body, LA social care). */
  readonly dutyHolder?: DutyHolder | null;
  readonly optional?: boolean;
  readonly metByOrderCompliance?: boolean;
}

/** Runs the engine; null when it cannot compute the deadline (missing or impossible input): the tracker skips it. */
export const materialise = (
  tracker: DeadlineTracker,
  draft: DeadlineDraft,
): TrackedDeadline | null => {
  const directed =
    draft.directedDueOn !== undefined &&
    draft.directedDueOn !== null &&
    isValidLocalDate(draft.directedDueOn)
      ? draft.directedDueOn
      : null;
  let derived;
  try {
    derived = deriveDeadline(draft.ruleId, draft.input, directed);
  } catch (_error) {
    return null;
  }
  const dutyHolder =
    draft.dutyHolder !== undefined
      ? draft.dutyHolder
      : defaultDutyHolder(derived.dutyHolderKind, tracker.localAuthorityCode);
  return {
    key: draft.key,
    ruleId: draft.ruleId,
    input: draft.input,
    directedDueOn: directed,
    title: derived.title,
    citation: derived.citation,
    section: derived.section,
    dueOn: derived.dueOn,
    dutyHolderKind: derived.dutyHolderKind,
    dutyHolder,
    explanation: derived.explanation,
    exceptionApplies: derived.exceptionApplies,
    startedBy: draft.startedBy,
    subject: draft.subject,
    matchFrom: draft.matchFrom,
    metOn: null,
    metBy: null,
    notApplicable: null,
    optional: draft.optional ?? optionalByDefault(derived.dutyHolderKind),
    metByOrderCompliance: draft.metByOrderCompliance ?? false,
    breachType: breachTypeFor(draft.ruleId),
  };
};

export const isOpen = (deadline: TrackedDeadline): boolean =>
  deadline.metOn === null && deadline.notApplicable === null;

/** Starts a deadline unless one with the same key exists (a replayed or repeated event changes nothing). */
export const start = (tracker: DeadlineTracker, draft: DeadlineDraft): DeadlineTracker => {
  if (tracker.deadlines.some((d) => d.key === draft.key)) return tracker;
  const deadline = materialise(tracker, draft);
  return deadline ? { ...tracker, deadlines: [...tracker.deadlines, deadline] } : tracker;
};

/** Recomputes an unmet deadline with new input (a new hearing date, a mediation certificate), or starts it. */
export const restart = (tracker: DeadlineTracker, draft: DeadlineDraft): DeadlineTracker => {
  const existing = tracker.deadlines.find((d) => d.key === draft.key);
  if (!existing) return start(tracker, draft);
  if (existing.metOn !== null) return tracker;
  const exception = existing.input.exceptionRecorded;
  const input =
    exception === undefined ? draft.input : { ...draft.input, exceptionRecorded: exception };
  const recomputed = materialise(tracker, {
    ...draft,
    input,
    dutyHolder: existing.dutyHolder,
    optional: existing.optional,
    metByOrderCompliance: existing.metByOrderCompliance,
  });
  return recomputed ? replace(tracker, recomputed) : tracker;
};

export const replace = (tracker: DeadlineTracker, deadline: TrackedDeadline): DeadlineTracker => ({
  ...tracker,
  deadlines: tracker.deadlines.map((d) => (d.key === deadline.key ? deadline : d)),
});

/** Applies `change` to every open deadline that `which` selects. */
export const updateOpen = (
  tracker: DeadlineTracker,
  which: (deadline: TrackedDeadline) => boolean,
  change: (deadline: TrackedDeadline) => TrackedDeadline,
): DeadlineTracker => {
  let changed = false;
  const deadlines = tracker.deadlines.map((d) => {
    if (!isOpen(d) || !which(d)) return d;
    changed = true;
    return change(d);
  });
  return changed ? { ...tracker, deadlines } : tracker;
};

/** The required event happened on `on`. */
export const meet = (
  tracker: DeadlineTracker,
  which: (deadline: TrackedDeadline) => boolean,
  on: string,
  by: CaseEventType,
): DeadlineTracker => updateOpen(tracker, which, (d) => ({ ...d, metOn: on, metBy: by }));

/** The deadline no longer applies ("whichever happens", the appeal ended, the order was set aside). */
export const supersede = (
  tracker: DeadlineTracker,
  which: (deadline: TrackedDeadline) => boolean,
  on: string | null,
  reason: string,
): DeadlineTracker => updateOpen(tracker, which, (d) => ({ ...d, notApplicable: { on, reason } }));

/** The event (dated `on`) can answer this deadline: ISO dates compare as strings, invalid ones never throw. */
export const answerableOn = (deadline: TrackedDeadline, on: string): boolean =>
  deadline.matchFrom === null || deadline.matchFrom <= on;
