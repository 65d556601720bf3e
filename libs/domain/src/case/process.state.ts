import type { RecordedException } from '../deadlines/deadline-input';
import type { CaseEvent } from './case.events';
import type { AppealOutcome, LaDecisionKind, TransferKind } from './case.types';

/**
 * One EHC needs assessment, from the request (or, for a family that started tracking later, from the first decision
 * recorded) to its end: a refusal, a "no plan" decision or a final plan (send-domain §2.1).
 */
export interface AssessmentCycle {
  /** Null when the family started tracking after the request was made. */
  readonly requestId: string | null;
  readonly receivedOn: string | null;
  /** ORDERED: a tribunal order or a mediation agreement requires the LA to assess or to make a plan (regs 42–45). */
  readonly decision: 'AGREED' | 'REFUSED' | 'ORDERED' | null;
  readonly decidedOn: string | null;
  readonly outcome: 'NO_PLAN' | 'PLAN' | null;
  /** The latest date recorded in this cycle: later steps cannot predate it. */
  readonly lastStepOn: string | null;
}

/** A re-assessment request of a maintained plan, its decision and, once agreed, the amended plan (regs 24–27). */
export interface ReassessmentCycle {
  readonly requestId: string;
  readonly receivedOn: string;
  readonly decision: 'AGREED' | 'REFUSED' | null;
  readonly decidedOn: string | null;
  /** An amended plan was issued after the agreed re-assessment. */
  readonly concluded: boolean;
}

/** The EHC plan maintained for the child, if one was ever made. */
export interface PlanState {
  readonly status: 'MAINTAINED' | 'CEASED';
  /** The day the (current) plan was first made: the 12-month review clock starts here (CFA s.44(1)(a)). */
  readonly issuedOn: string;
  /** The latest final or amended plan. */
  readonly lastIssuedOn: string;
  readonly ceasedOn: string | null;
  /** Appeals against the decision to cease, lodged after it: winning one keeps the plan alive. */
  readonly ceaseAppealIds: readonly string[];
}

export interface ReviewMeetingState {
  readonly heldOn: string;
  /** The LA decision after this meeting (regs 20–22), when recorded. */
  readonly decisionId: string | null;
}

/** What the statutory-process decisions read. */
export interface ProcessState {
  /** Read by the appeal area: every LA decision letter recorded. Keep this shape. */
  readonly decisions: Readonly<
    Record<string, { readonly kind: string; readonly decisionLetterOn: string }>
  >;
  /** Every assessment and re-assessment request id: ids are unique within the case. */
  readonly requests: Readonly<Record<string, 'ASSESSMENT' | 'REASSESSMENT'>>;
  /** The latest assessment cycle; reset when a plan is ceased. */
  readonly assessment: AssessmentCycle | null;
  /** The latest re-assessment request of the current plan. */
  readonly reassessment: ReassessmentCycle | null;
  readonly advice: Readonly<
    Record<string, { readonly requestedOn: string; readonly receivedOn: string | null }>
  >;
  readonly plan: PlanState | null;
  /** Every review meeting recorded (ids are unique in the case); `latestReview` reads the current plan's. */
  readonly reviews: Readonly<Record<string, ReviewMeetingState>>;
  readonly transfers: Readonly<
    Record<
      string,
      {
        readonly kind: TransferKind;
        readonly transferYear: number;
        readonly transferOn: string | null;
      }
    >
  >;
  readonly exceptions: Readonly<
    Record<string, { readonly exception: RecordedException; readonly recordedOn: string }>
  >;
}

export const initialProcessState = (): ProcessState => ({
  decisions: {},
  requests: {},
  assessment: null,
  reassessment: null,
  advice: {},
  plan: null,
  reviews: {},
  transfers: {},
  exceptions: {},
});

// ---- queries the deciders share ---------------------------------------------------------------------------------

/** The plan is in force: made, and not ceased (or kept alive by an appeal or order against the cease). */
export const maintainedPlan = (state: ProcessState): PlanState | null =>
  state.plan?.status === 'MAINTAINED' ? state.plan : null;

/** An assessment request recorded and not yet answered. */
export const openAssessmentRequest = (state: ProcessState): AssessmentCycle | null => {
  const cycle = state.assessment;
  return cycle && cycle.requestId !== null && cycle.decision === null ? cycle : null;
};

/** An assessment agreed (or ordered) and not yet ended by a "no plan" decision or a final plan. */
export const assessmentUnderway = (state: ProcessState): AssessmentCycle | null => {
  const cycle = state.assessment;
  return cycle && (cycle.decision === 'AGREED' || cycle.decision === 'ORDERED') && !cycle.outcome
    ? cycle
    : null;
};

export const openReassessmentRequest = (state: ProcessState): ReassessmentCycle | null =>
  state.reassessment?.decision === null ? state.reassessment : null;

export const reassessmentUnderway = (state: ProcessState): ReassessmentCycle | null => {
  const cycle = state.reassessment;
  return cycle && cycle.decision === 'AGREED' && !cycle.concluded ? cycle : null;
};

/** The most recent review meeting of the current plan by date (the later-recorded one on a tie). */
export const latestReview = (
  state: ProcessState,
): (ReviewMeetingState & { readonly reviewId: string }) | null => {
  let latest: (ReviewMeetingState & { readonly reviewId: string }) | null = null;
  const plan = state.plan;
  if (!plan) return null;
  for (const [reviewId, review] of Object.entries(state.reviews)) {
    // Only meetings about the current plan count: a plan made after a cease starts afresh.
    if (review.heldOn <= plan.issuedOn) continue;
    if (!latest || review.heldOn >= latest.heldOn) latest = { reviewId, ...review };
  }
  return latest;
};

// ---- evolve ------------------------------------------------------------------------------------------------------

const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

const emptyCycle: AssessmentCycle = {
  requestId: null,
  receivedOn: null,
  decision: null,
  decidedOn: null,
  outcome: null,
  lastStepOn: null,
};

/** The cycle a decision belongs to: the current one while it is open, else a new one (tracking started late). */
const cycleFor = (state: ProcessState, accepts: (cycle: AssessmentCycle) => boolean) =>
  state.assessment && accepts(state.assessment) ? state.assessment : emptyCycle;

/** Tribunal outcomes that keep a plan the LA decided to cease (send-domain §1.6, §2.4). */
const PLAN_KEPT_OUTCOMES: readonly AppealOutcome[] = [
  'DECIDED_IN_FAVOUR',
  'CONCEDED',
  'CONSENT_ORDER',
];

const keepPlan = (state: ProcessState): ProcessState =>
  state.plan?.status === 'CEASED'
    ? {
        ...state,
        plan: { ...state.plan, status: 'MAINTAINED', ceasedOn: null, ceaseAppealIds: [] },
      }
    : state;

const evolveDecision = (
  state: ProcessState,
  kind: LaDecisionKind,
  decisionId: string,
  on: string,
): ProcessState => {
  switch (kind) {
    case 'ASSESSMENT_AGREED':
    case 'ASSESSMENT_REFUSED': {
      const cycle = cycleFor(state, (c) => c.decision === null && c.outcome === null);
      const decision = kind === 'ASSESSMENT_AGREED' ? 'AGREED' : 'REFUSED';
      return {
        ...state,
        assessment: { ...cycle, decision, decidedOn: on, lastStepOn: later(cycle.lastStepOn, on) },
      };
    }
    case 'PLAN_NOT_NEEDED': {
      const cycle = cycleFor(state, (c) => c.outcome === null);
      return {
        ...state,
        assessment: { ...cycle, outcome: 'NO_PLAN', lastStepOn: later(cycle.lastStepOn, on) },
      };
    }
    case 'DRAFT_PLAN_ISSUED': {
      if (maintainedPlan(state)) return state; // a draft after a re-assessment changes nothing read here
      const cycle = cycleFor(state, (c) => c.outcome === null);
      return { ...state, assessment: { ...cycle, lastStepOn: later(cycle.lastStepOn, on) } };
    }
    case 'FINAL_PLAN_ISSUED': {
      const cycle = cycleFor(state, (c) => c.outcome === null);
      return {
        ...state,
        assessment: { ...cycle, outcome: 'PLAN', lastStepOn: later(cycle.lastStepOn, on) },
        reassessment: null,
        plan: {
          status: 'MAINTAINED',
          issuedOn: on,
          lastIssuedOn: on,
          ceasedOn: null,
          ceaseAppealIds: [],
        },
      };
    }
    case 'REASSESSMENT_AGREED':
    case 'REASSESSMENT_REFUSED': {
      const open = openReassessmentRequest(state);
      if (!open) return state;
      const decision = kind === 'REASSESSMENT_AGREED' ? 'AGREED' : 'REFUSED';
      return { ...state, reassessment: { ...open, decision, decidedOn: on } };
    }
    case 'REVIEW_NO_AMENDMENT':
    case 'REVIEW_AMENDMENTS_PROPOSED': {
      const review = latestReview(state);
      if (!review || review.decisionId !== null) return state;
      return {
        ...state,
        reviews: { ...state.reviews, [review.reviewId]: { heldOn: review.heldOn, decisionId } },
      };
    }
    case 'AMENDED_PLAN_ISSUED': {
      if (!state.plan) return state;
      const underway = reassessmentUnderway(state);
      return {
        ...state,
        plan: { ...state.plan, lastIssuedOn: later(state.plan.lastIssuedOn, on) },
        reassessment: underway ? { ...underway, concluded: true } : state.reassessment,
      };
    }
    case 'CEASE_TO_MAINTAIN':
      if (!state.plan) return state;
      return {
        ...state,
        plan: { ...state.plan, status: 'CEASED', ceasedOn: on, ceaseAppealIds: [] },
        assessment: null,
        reassessment: null,
      };
    default:
      return state;
  }
};

/** Folds the statutory-process events (and the appeal facts that keep a plan alive); never throws. */
export const evolveProcess = (state: ProcessState, event: CaseEvent): ProcessState => {
  switch (event.type) {
    case 'AssessmentRequested': {
      const { requestId, receivedOn } = event.data;
      return {
        ...state,
        requests: { ...state.requests, [requestId]: 'ASSESSMENT' },
        assessment: { ...emptyCycle, requestId, receivedOn, lastStepOn: receivedOn },
      };
    }
    case 'ReassessmentRequested': {
      const { requestId, receivedOn } = event.data;
      return {
        ...state,
        requests: { ...state.requests, [requestId]: 'REASSESSMENT' },
        reassessment: { requestId, receivedOn, decision: null, decidedOn: null, concluded: false },
      };
    }
    case 'AdviceRequested':
      return {
        ...state,
        advice: {
          ...state.advice,
          [event.data.adviceId]: { requestedOn: event.data.requestedOn, receivedOn: null },
        },
      };
    case 'AdviceReceived': {
      const advice = state.advice[event.data.adviceId];
      if (!advice) return state;
      return {
        ...state,
        advice: {
          ...state.advice,
          [event.data.adviceId]: { ...advice, receivedOn: event.data.receivedOn },
        },
      };
    }
    case 'LaDecisionRecorded': {
      const { decisionId, kind, decisionLetterOn } = event.data;
      const recorded: ProcessState = {
        ...state,
        decisions: { ...state.decisions, [decisionId]: { kind, decisionLetterOn } },
      };
      return evolveDecision(recorded, kind, decisionId, decisionLetterOn);
    }
    case 'ReviewMeetingHeld':
      return {
        ...state,
        reviews: {
          ...state.reviews,
          [event.data.reviewId]: { heldOn: event.data.heldOn, decisionId: null },
        },
      };
    case 'PhaseTransferDue': {
      const { transferId, kind, transferYear, transferOn } = event.data;
      return {
        ...state,
        transfers: { ...state.transfers, [transferId]: { kind, transferYear, transferOn } },
      };
    }
    case 'ExceptionRecorded': {
      const { exceptionId, exception, recordedOn } = event.data;
      return {
        ...state,
        exceptions: { ...state.exceptions, [exceptionId]: { exception, recordedOn } },
      };
    }
    // Regs 42–45: an order (or mediation agreement) to assess or make a plan stands in for the LA agreeing to assess;
    // an order to continue to maintain undoes a cease.
    case 'TribunalOrderMade': {
      const { orderType, madeOn } = event.data;
      if (orderType === 'CONTINUE_TO_MAINTAIN') return keepPlan(state);
      if (
        (orderType === 'ASSESS' || orderType === 'MAKE_AND_MAINTAIN_PLAN') &&
        !maintainedPlan(state)
      ) {
        const cycle = state.assessment ?? emptyCycle;
        return {
          ...state,
          assessment: {
            ...cycle,
            decision: 'ORDERED',
            decidedOn: madeOn,
            outcome: null,
            lastStepOn: later(cycle.lastStepOn, madeOn),
          },
        };
      }
      return state;
    }
    case 'AppealLodged': {
      const plan = state.plan;
      if (plan?.status !== 'CEASED' || !event.data.appealTypes.includes('CEASE_TO_MAINTAIN')) {
        return state;
      }
      return {
        ...state,
        plan: { ...plan, ceaseAppealIds: [...plan.ceaseAppealIds, event.data.appealId] },
      };
    }
    // CFA 2014 s.51(2)(f), send-domain §2.4: an appeal against ceasing that succeeds keeps the plan.
    case 'AppealOutcomeRecorded':
      return state.plan?.ceaseAppealIds.includes(event.data.appealId) &&
        PLAN_KEPT_OUTCOMES.includes(event.data.outcome)
        ? keepPlan(state)
        : state;
    default:
      return state;
  }
};
