import { fold } from '../decider';
import { specFor } from '../decider.spec-helper';
import { remediesFor } from './breach-remedies';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import {
  appealLodged,
  assessmentRequested,
  decision,
  finalPlanBreach,
  opened,
  orderBreach,
  orderMade,
  outcome,
} from './deadline-tracker.spec-helper';

const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-10-10' };

const LATE_PLAN: CaseEvent[] = [
  opened,
  assessmentRequested('2025-03-27'),
  decision('ASSESSMENT_AGREED', '2025-05-06'),
  decision('DRAFT_PLAN_ISSUED', '2025-07-10'),
  finalPlanBreach('2025-09-30'),
];
const ORDERED: CaseEvent[] = [
  opened,
  appealLodged({ appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-02' }),
  outcome('DECIDED_IN_FAVOUR', '2025-07-01'),
  orderMade('AMEND_B_F', '2025-07-01'),
  orderBreach('2025-09-30'),
];
const recordFinalPlan = (decisionLetterOn: string): CaseCommand => ({
  type: 'RecordDecision',
  data: {
    decisionId: 'd-plan',
    kind: 'FINAL_PLAN_ISSUED',
    decisionLetterOn,
    appealRightsStated: true,
  },
  metadata,
});
const finalPlanIssued = (decisionLetterOn: string): CaseEvent =>
  decision('FINAL_PLAN_ISSUED', decisionLetterOn, 'd-plan');

describe('breach remedies in the case decider', () => {
  it('remedies a detected 20-week breach when the final plan is issued, with the days late', () =>
    given(LATE_PLAN)
      .when(recordFinalPlan('2025-10-06'))
      .then([
        finalPlanIssued('2025-10-06'),
        {
          type: 'BreachRemedied',
          // 14 Aug → 6 Oct: 17 + 30 + 6
          data: {
            breachId: 'detected:EHC_FINAL_PLAN_20WK:request:r-1',
            remediedOn: '2025-10-06',
            daysLate: 53,
          },
        },
      ]));

  it('remedies a detected order breach when the council complies, with the days late', () =>
    given(ORDERED)
      .when({
        type: 'RecordOrderCompliance',
        data: { orderId: 'o-1', compliedOn: '2025-10-01' },
        metadata,
      })
      .then([
        // 5 Aug → 1 Oct: 26 + 30 + 1
        {
          type: 'OrderComplied',
          data: { orderId: 'o-1', compliedOn: '2025-10-01', dueOn: '2025-08-05', daysLate: 57 },
        },
        {
          type: 'BreachRemedied',
          data: {
            breachId: 'detected:REG44_AMEND_BF:order:o-1',
            remediedOn: '2025-10-01',
            daysLate: 57,
          },
        },
      ]));

  it('adds nothing when the events meet no detected breach', () =>
    given(LATE_PLAN)
      .when({
        type: 'RecordAdviceRequest',
        data: {
          adviceId: 'adv-1',
          from: 'SCHOOL',
          bodyName: 'Oak School',
          requestedOn: '2025-10-01',
        },
        metadata,
      })
      .then([
        {
          type: 'AdviceRequested',
          data: {
            adviceId: 'adv-1',
            from: 'SCHOOL',
            bodyName: 'Oak School',
            requestedOn: '2025-10-01',
          },
        },
      ]));
});

describe('remediesFor', () => {
  const state = (events: readonly CaseEvent[]) => fold(caseDecider, events) as OpenCaseState;

  it('remedies each detected breach once', () => {
    const remedied: CaseEvent = {
      type: 'BreachRemedied',
      data: {
        breachId: 'detected:EHC_FINAL_PLAN_20WK:request:r-1',
        remediedOn: '2025-10-06',
        daysLate: 53,
      },
    };
    expect(remediesFor(state(LATE_PLAN), [finalPlanIssued('2025-10-06')])).toEqual([remedied]);
    expect(remediesFor(state([...LATE_PLAN, remedied]), [finalPlanIssued('2025-10-06')])).toEqual(
      [],
    );
  });

  it('does not treat a superseded deadline as remedied', () => {
    const noPlanBreach: CaseEvent = {
      type: 'BreachDetected',
      data: {
        breachId: 'detected:EHC_NO_PLAN_NOTICE_16WK:request:r-1',
        breachType: 'TIMESCALE_NO_PLAN_16WK',
        dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
        legalBasis: 'SEND Regs 2014 reg 10(1)',
        ruleId: 'EHC_NO_PLAN_NOTICE_16WK',
        deadlineKey: 'EHC_NO_PLAN_NOTICE_16WK:request:r-1',
        dueOn: '2025-07-17',
        detectedOn: '2025-07-20',
      },
    };
    const before = state([
      opened,
      assessmentRequested('2025-03-27'),
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      noPlanBreach,
    ]);
    expect(remediesFor(before, [finalPlanIssued('2025-08-01')])).toEqual([]);
  });

  it('ignores events that meet nothing, and breaches reported by the family', () => {
    const reported: CaseEvent = {
      type: 'BreachReported',
      data: {
        breachId: 'reported-1',
        breachType: 'TIMESCALE_FINAL_PLAN_20WK',
        dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
        legalBasis: 'SEND Regs 2014 reg 13(2)',
        guidanceReference: null,
        occurredOn: '2025-08-15',
        evidenceRefs: [],
        notes: null,
      },
    };
    expect(remediesFor(state(LATE_PLAN), [])).toEqual([]);
    expect(remediesFor(state(LATE_PLAN), [decision('REVIEW_NO_AMENDMENT', '2025-10-06')])).toEqual(
      [],
    );
    const withReported = state([...LATE_PLAN.slice(0, -1), reported]);
    expect(remediesFor(withReported, [finalPlanIssued('2025-10-06')])).toEqual([]);
  });
});
