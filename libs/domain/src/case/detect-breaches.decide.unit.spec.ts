import { fold } from '../decider';
import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import {
  appealLodged,
  assessmentRequested,
  decision,
  exceptionRecorded,
  finalPlanBreach,
  opened,
  orderBreach,
  orderMade,
  outcome,
} from './deadline-tracker.spec-helper';
import { pendingBreachKeys } from './detect-breaches.decide';

const given = specFor(caseDecider);
const detect = (asOf: string, today = '2025-09-30'): CaseCommand => ({
  type: 'DetectBreaches',
  data: { asOf },
  metadata: { actor: 'breach-detector', today },
});

/** The 20-week plan is late; the 6-week decision was on time; the draft made the 16-week notice moot. */
const LATE_PLAN: CaseEvent[] = [
  opened,
  assessmentRequested('2025-03-27'),
  decision('ASSESSMENT_AGREED', '2025-05-06'),
  decision('DRAFT_PLAN_ISSUED', '2025-07-10'),
];
const ORDERED: CaseEvent[] = [
  opened,
  appealLodged({ appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-02' }),
  outcome('DECIDED_IN_FAVOUR', '2025-07-01'),
  orderMade('AMEND_B_F', '2025-07-01'),
];

describe('DetectBreaches', () => {
  it('records exactly one breach for an overdue 20-week deadline', () =>
    given(LATE_PLAN)
      .when(detect('2025-09-30'))
      .then([finalPlanBreach('2025-09-30')]));

  it('finds nothing new when run again', () =>
    given([...LATE_PLAN, finalPlanBreach()])
      .when(detect('2025-09-30'))
      .then([]));

  it('finds nothing new with a later clock either', () =>
    given([...LATE_PLAN, finalPlanBreach()])
      .when(detect('2025-12-01', '2025-12-01'))
      .then([]));

  it('uses its own clock: nothing is missed on the due date, the breach appears the day after', () => {
    given(LATE_PLAN).when(detect('2025-08-14')).then([]);
    given(LATE_PLAN)
      .when(detect('2025-08-15'))
      .then([finalPlanBreach('2025-08-15')]);
  });

  it('records a missed reg 44 order deadline as an order not implemented', () =>
    given(ORDERED)
      .when(detect('2025-09-30'))
      .then([orderBreach('2025-09-30')]));

  it('records nothing once the order was complied with', () =>
    given([
      ...ORDERED,
      {
        type: 'OrderComplied',
        data: { orderId: 'o-1', compliedOn: '2025-08-01', dueOn: '2025-08-05', daysLate: 0 },
      },
    ])
      .when(detect('2025-09-30'))
      .then([]));

  it('records nothing when a recorded exception lifts the time limit', () =>
    given([...LATE_PLAN, exceptionRecorded('T7_ABSENT_FROM_AREA', '2025-08-01')])
      .when(detect('2025-09-30'))
      .then([]));

  it('never turns a family’s or the tribunal’s missed deadline into a breach', () =>
    given([
      opened,
      decision('ASSESSMENT_REFUSED', '2025-03-03', 'd-1'),
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
    ])
      .when(detect('2025-09-30'))
      .then([]));

  it('is not blocked by a breach the family reported about something else', () =>
    given([
      ...LATE_PLAN,
      {
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
      },
    ])
      .when(detect('2025-09-30'))
      .then([finalPlanBreach('2025-09-30')]));

  it.each([
    ['2025-10-01', /later than today/],
    ['2025-02-30', /real date/],
    ['soon', /real date/],
  ])('refuses asOf %p', (asOf, message) => {
    const error = given(LATE_PLAN).when(detect(asOf)).thrown('BAD_USER_INPUT', message);
    expect(error.field).toBe('asOf');
  });
});

describe('pendingBreachKeys', () => {
  it('lists the deadline keys the detector would record, and nothing once recorded', () => {
    expect(
      pendingBreachKeys(fold(caseDecider, [...LATE_PLAN, ...ORDERED.slice(1)]), '2025-09-30'),
    ).toEqual(['REG44_AMEND_BF:order:o-1', 'EHC_FINAL_PLAN_20WK:request:r-1']);
    expect(
      pendingBreachKeys(fold(caseDecider, [...LATE_PLAN, finalPlanBreach()]), '2025-09-30'),
    ).toEqual([]);
  });

  it('is empty for a case that is not open', () => {
    expect(pendingBreachKeys(caseDecider.initialState(), '2025-09-30')).toEqual([]);
  });
});
