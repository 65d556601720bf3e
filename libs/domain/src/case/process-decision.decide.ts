import { InvalidInput, InvalidTransition } from '../domain-error';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { LA_DECISION_KIND_NAMES, LA_DECISION_KINDS, type LaDecisionKind } from './case.types';
import { requireDate, today, type DateBound } from './case.validation';
import { requirePlan } from './process-plan.decide';
import type { RecordDecision } from './process.commands';
import {
  assessmentUnderway,
  latestReview,
  maintainedPlan,
  openAssessmentRequest,
  openReassessmentRequest,
  reassessmentUnderway,
  type AssessmentCycle,
  type ProcessState,
} from './process.state';

/**
 * Where a decision may sit in the process. Each check throws InvalidTransition when the decision contradicts what
 * is recorded, and otherwise returns the earliest date its letter can bear (null when nothing bounds it).
 */
type Sequencing = (process: ProcessState) => DateBound | null;

const since = (label: string, value: string | null): DateBound | null =>
  value === null ? null : { label, value };

const describeDecided = (cycle: AssessmentCycle): string => {
  const request = cycle.requestId ? `the request received on ${cycle.receivedOn}` : 'assessing';
  if (cycle.decision === 'ORDERED') {
    return `An assessment was ordered on ${cycle.decidedOn}, which settles ${request}.`;
  }
  return `The council's decision on ${request} is already recorded (${cycle.decidedOn}).`;
};

// CFA 2014 s.36(1), (8); SEND Regs 2014 reg 5(1): each assessment request gets one decision.
const assessmentDecision: Sequencing = (process) => {
  const plan = maintainedPlan(process);
  if (plan) {
    throw new InvalidTransition(
      process.assessment?.outcome === 'PLAN' && process.assessment.requestId !== null
        ? `A final EHC plan was already issued (${plan.issuedOn}) after the request received on ${process.assessment.receivedOn}, so a decision on whether to assess can no longer follow it.`
        : `Your child already has an EHC plan (issued ${plan.issuedOn}): the council now decides on re-assessments, not assessments.`,
    );
  }
  const open = openAssessmentRequest(process);
  if (open) return since('the date the request was received', open.receivedOn);
  const cycle = process.assessment;
  // Families who start tracking part-way may record the decision without the request it answered.
  if (!cycle && !process.plan) return null;
  throw new InvalidTransition(
    cycle?.decision
      ? `${describeDecided(cycle)} Each request gets one decision: record the new request first.`
      : 'There is no assessment request waiting for a decision: record the request first.',
  );
};

// SEND Regs 2014 reg 10: a decision not to issue a plan comes after an EHC needs assessment.
const planNotNeeded: Sequencing = (process) => {
  const underway = assessmentUnderway(process);
  if (underway) return since('the last step recorded for this assessment', underway.lastStepOn);
  if (maintainedPlan(process)) {
    throw new InvalidTransition(
      'A final EHC plan was already issued, so the council can no longer decide not to issue one; to end a plan it must decide to cease it.',
    );
  }
  throw new InvalidTransition(
    process.assessment?.outcome === 'NO_PLAN'
      ? 'The council’s decision not to issue a plan after this assessment is already recorded.'
      : 'A decision not to issue an EHC plan only follows an assessment: record the council’s agreement to assess first.',
  );
};

// SEND Regs 2014 reg 13(1) (assessment), reg 27 (re-assessment): a draft plan follows an agreed (or ordered)
// assessment or re-assessment.
const draftPlan: Sequencing = (process) => {
  const reassessing = maintainedPlan(process) ? reassessmentUnderway(process) : null;
  if (reassessing) {
    return since('the date the council agreed to re-assess', reassessing.decidedOn);
  }
  const assessing = maintainedPlan(process) ? null : assessmentUnderway(process);
  if (assessing) return since('the last step recorded for this assessment', assessing.lastStepOn);
  throw new InvalidTransition(
    'A draft EHC plan follows an assessment or re-assessment the council agreed to (or was ordered to do): record that decision first.',
  );
};

// SEND Regs 2014 reg 13(2): the final plan ends an assessment. A plan is made once; later versions are amendments
// (CFA 2014 s.44, regs 22, 27), which carry fresh appeal rights (s.51(3)).
const finalPlan: Sequencing = (process) => {
  const plan = process.plan;
  if (plan?.status === 'MAINTAINED') {
    throw new InvalidTransition(
      `An EHC plan was already issued on ${plan.issuedOn}. Record a later version as an amended plan.`,
    );
  }
  const cycle = process.assessment;
  if (plan?.status === 'CEASED' && !assessmentUnderway(process)) {
    throw new InvalidTransition(
      `The previous EHC plan was ceased on ${plan.ceasedOn}. A new plan needs a new assessment: record the request and the council’s agreement to assess first.`,
    );
  }
  // A first plan may be recorded without the earlier steps (a family that starts tracking after it was issued).
  return cycle ? since('the last step recorded for this assessment', cycle.lastStepOn) : null;
};

// CFA 2014 s.44(2), SEND Regs 2014 regs 24–25: re-assessment of a maintained plan, one decision per request.
const reassessmentDecision: Sequencing = (process) => {
  requirePlan(process, 're-assessed');
  const open = openReassessmentRequest(process);
  if (open) return since('the date the re-assessment request was received', open.receivedOn);
  const last = process.reassessment;
  throw new InvalidTransition(
    last
      ? `The council’s decision on the re-assessment request received on ${last.receivedOn} is already recorded. Record the new request first.`
      : 'There is no re-assessment request waiting for a decision: record the request first.',
  );
};

// SEND Regs 2014 regs 20–22: the LA decides (keep, amend or cease) within 4 weeks of a review meeting, once.
const reviewDecision: Sequencing = (process) => {
  requirePlan(process, 'reviewed');
  const review = latestReview(process);
  if (!review) {
    throw new InvalidTransition(
      'No review meeting is recorded for this plan: record the meeting first (the council decides within 4 weeks of it).',
    );
  }
  if (review.decisionId !== null) {
    throw new InvalidTransition(
      `The council’s decision after the review meeting on ${review.heldOn} is already recorded. Record the next review meeting first.`,
    );
  }
  return since('the date of the review meeting', review.heldOn);
};

// CFA 2014 s.44; SEND Regs 2014 regs 22(3), 27: only a maintained plan is amended, never before its latest version.
const amendedPlan: Sequencing = (process) =>
  since('the date of the latest plan', requirePlan(process, 'amended').lastIssuedOn);

// CFA 2014 s.45; SEND Regs 2014 reg 31: only a maintained plan can be ceased, once.
const cease: Sequencing = (process) => {
  if (process.plan?.status === 'CEASED') {
    throw new InvalidTransition(
      `The council’s decision to cease the EHC plan (${process.plan.ceasedOn}) is already recorded.`,
    );
  }
  return since('the date of the latest plan', requirePlan(process, 'ceased').lastIssuedOn);
};

const SEQUENCING: Record<LaDecisionKind, Sequencing> = {
  ASSESSMENT_AGREED: assessmentDecision,
  ASSESSMENT_REFUSED: assessmentDecision,
  PLAN_NOT_NEEDED: planNotNeeded,
  DRAFT_PLAN_ISSUED: draftPlan,
  FINAL_PLAN_ISSUED: finalPlan,
  REASSESSMENT_AGREED: reassessmentDecision,
  REASSESSMENT_REFUSED: reassessmentDecision,
  REVIEW_NO_AMENDMENT: reviewDecision,
  REVIEW_AMENDMENTS_PROPOSED: reviewDecision,
  AMENDED_PLAN_ISSUED: amendedPlan,
  CEASE_TO_MAINTAIN: cease,
};

const isLaDecisionKind = (value: string): value is LaDecisionKind =>
  (LA_DECISION_KIND_NAMES as readonly string[]).includes(value);

export const recordDecision = (command: RecordDecision, state: OpenCaseState): CaseEvent[] => {
  const { decisionId, kind, decisionLetterOn } = command.data;
  const appealRightsStated = command.data.appealRightsStated ?? null;
  if (state.process.decisions[decisionId]) {
    throw new InvalidTransition('This decision letter was already recorded.');
  }
  if (!isLaDecisionKind(kind)) {
    throw new InvalidInput('kind', `Unknown kind of council decision "${String(kind)}".`);
  }
  if (appealRightsStated !== null && typeof appealRightsStated !== 'boolean') {
    throw new InvalidInput(
      'appealRightsStated',
      'Say whether the letter stated the right of appeal (yes, no, or not known).',
    );
  }
  const letterOn = requireDate('decisionLetterOn', decisionLetterOn, {
    notAfter: today(command.metadata.today),
  });
  const earliest = SEQUENCING[kind](state.process);
  if (earliest) requireDate('decisionLetterOn', letterOn, { notBefore: earliest });
  return [
    {
      type: 'LaDecisionRecorded',
      data: {
        decisionId,
        kind,
        decisionLetterOn: letterOn,
        appealRightsStated,
        // CFA 2014 s.51(2), (3): the appeal rights each decision opens (send-domain §1.2).
        appealableAs: [...LA_DECISION_KINDS[kind]],
      },
    },
  ];
};
