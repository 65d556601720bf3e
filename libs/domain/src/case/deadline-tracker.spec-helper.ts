import type { RecordedException } from '../deadlines/deadline-input';
import type {
  AppealLodged,
  AppealOutcomeRecorded,
  AppealRegistered,
  MediationAdviserContacted,
  OrderComplied,
  TribunalOrderMade,
} from './appeal.events';
import type { BreachDetected } from './breach.events';
import type { CaseEvent, CaseOpened } from './case.events';
import {
  LA_DECISION_KINDS,
  type AppealOutcome,
  type AppealType,
  type LaDecisionKind,
  type OrderBasis,
  type OrderType,
} from './case.types';
import { deadlinesAsOf, type CaseDeadline } from './deadline-tracker.evaluation';
import { trackDeadlines } from './deadline-tracker.evolve';
import { initialDeadlineTracker, type DeadlineTracker } from './deadline-tracker.state';
import type {
  AdviceRequested,
  AssessmentRequested,
  ExceptionRecorded,
  LaDecisionRecorded,
} from './process.events';

/** Event builders and look-ups for the deadline tracker specs. Imported by *.spec.ts files only. */

export const caseId = 'case-1';
export const LA = '886';
export const opened: CaseOpened = {
  type: 'CaseOpened',
  data: {
    caseId,
    ownerId: 'family-1',
    localAuthorityCode: LA,
    childLabel: 'Sam',
    openedOn: '2025-01-02',
  },
};

export const track = (events: readonly CaseEvent[]): DeadlineTracker =>
  events.reduce(trackDeadlines, initialDeadlineTracker());

/** The deadline with `key` as of `today`; fails the test when there is none. */
export const deadline = (
  events: readonly CaseEvent[],
  key: string,
  today: string,
): CaseDeadline => {
  const found = deadlinesAsOf(track(events), today).find((d) => d.key === key);
  if (!found) throw new Error(`No deadline ${key}`);
  return found;
};

export const assessmentRequested = (
  receivedOn = '2025-03-27',
  requestId = 'r-1',
): AssessmentRequested => ({
  type: 'AssessmentRequested',
  data: { requestId, receivedOn, requestedBy: 'PARENT' },
});

export const decision = (
  kind: LaDecisionKind,
  decisionLetterOn: string,
  decisionId = `d-${kind.toLowerCase()}`,
): LaDecisionRecorded => ({
  type: 'LaDecisionRecorded',
  data: {
    decisionId,
    kind,
    decisionLetterOn,
    appealRightsStated: true,
    appealableAs: [...LA_DECISION_KINDS[kind]],
  },
});

export const adviceRequested = (requestedOn = '2025-04-14'): AdviceRequested => ({
  type: 'AdviceRequested',
  data: { adviceId: 'adv-1', from: 'HEALTH_BODY', bodyName: 'Kent and Medway ICB', requestedOn },
});

export const exceptionRecorded = (
  exception: RecordedException,
  recordedOn = '2025-06-01',
): ExceptionRecorded => ({
  type: 'ExceptionRecorded',
  data: { exceptionId: 'ex-1', exception, recordedOn, note: null },
});

export const adviserContacted = (
  contactedOn: string,
  mediationWanted: boolean,
  decisionId: string | null,
): MediationAdviserContacted => ({
  type: 'MediationAdviserContacted',
  data: { decisionId, contactedOn, mediationWanted },
});

export const appealLodged = (
  change: Partial<AppealLodged['data']> & { appealTypes: AppealType[] },
): AppealLodged => ({
  type: 'AppealLodged',
  data: {
    appealId: 'a-1',
    lodgedOn: '2025-05-09',
    decisionLetterOn: null,
    mediationCertificateOn: null,
    ...change,
  },
});

export const appealRegistered = (
  change: Partial<AppealRegistered['data']> = {},
): AppealRegistered => ({
  type: 'AppealRegistered',
  data: {
    appealId: 'a-1',
    tribunalReference: 'EH886/25/00001',
    registeredOn: '2025-05-20',
    responseDueOn: null,
    evidenceDueOn: null,
    hearingOn: null,
    ...change,
  },
});

export const outcome = (
  result: AppealOutcome,
  decidedOn: string,
  appealId = 'a-1',
): AppealOutcomeRecorded => ({
  type: 'AppealOutcomeRecorded',
  data: {
    appealId,
    outcome: result,
    extent: result === 'DECIDED_IN_FAVOUR' ? 'IN_FULL' : null,
    decidedOn,
  },
});

export const orderMade = (
  orderType: OrderType,
  madeOn: string,
  basis: OrderBasis = 'TRIBUNAL_ORDER',
  orderId = 'o-1',
): TribunalOrderMade => ({
  type: 'TribunalOrderMade',
  data: { appealId: 'a-1', orderId, orderType, basis, madeOn, directedDueOn: null },
});

export const orderComplied = (
  compliedOn: string,
  dueOn: string,
  daysLate: number,
): OrderComplied => ({
  type: 'OrderComplied',
  data: { orderId: 'o-1', compliedOn, dueOn, daysLate },
});

/** The BreachDetected the detector writes for a missed LA deadline on this case. */
export const breachDetected = (
  change: Pick<
    BreachDetected['data'],
    'breachType' | 'legalBasis' | 'ruleId' | 'deadlineKey' | 'dueOn' | 'detectedOn'
  >,
): BreachDetected => ({
  type: 'BreachDetected',
  data: {
    breachId: `detected:${change.deadlineKey}`,
    dutyHolder: { kind: 'LA', localAuthorityCode: LA, name: null, urn: null },
    ...change,
  },
});

export const finalPlanBreach = (detectedOn = '2025-09-30'): BreachDetected =>
  breachDetected({
    breachType: 'TIMESCALE_FINAL_PLAN_20WK',
    legalBasis: 'SEND Regs 2014 reg 13(2)',
    ruleId: 'EHC_FINAL_PLAN_20WK',
    deadlineKey: 'EHC_FINAL_PLAN_20WK:request:r-1',
    dueOn: '2025-08-14',
    detectedOn,
  });

export const orderBreach = (detectedOn = '2025-09-30'): BreachDetected =>
  breachDetected({
    breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
    legalBasis: 'SEND Regs 2014 reg 44',
    ruleId: 'REG44_AMEND_BF',
    deadlineKey: 'REG44_AMEND_BF:order:o-1',
    dueOn: '2025-08-05',
    detectedOn,
  });
