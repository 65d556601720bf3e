import type { CaseEvent } from './case.events';
import { deadlinesAsOf } from './deadline-tracker.evaluation';
import { trackDeadlines } from './deadline-tracker.evolve';
import {
  adviceRequested,
  adviserContacted,
  appealLodged,
  appealRegistered,
  assessmentRequested,
  deadline,
  decision,
  exceptionRecorded,
  opened,
  orderComplied,
  orderMade,
  outcome,
  track,
} from './deadline-tracker.spec-helper';
import { initialDeadlineTracker, type DeadlineTracker } from './deadline-tracker.state';

const TODAY = '2025-09-30';
const REQUEST = [opened, assessmentRequested('2025-03-27')];
const REFUSAL = decision('ASSESSMENT_REFUSED', '2025-03-03', 'd-1');
const CONTENTS_APPEAL = appealLodged({ appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-02' });

describe('deadline tracker: what starts a deadline, and its due date', () => {
  // Due dates computed by hand; each agrees with the engine's worked examples in deadlines/*.unit.spec.ts.
  const SCENARIOS: readonly (readonly [string, readonly CaseEvent[], string, string, string])[] = [
    [
      'assessment request → decision whether to assess',
      REQUEST,
      'EHC_ASSESS_DECISION_6WK:request:r-1',
      '2025-05-08',
      '27 Mar + 42 days: 4 to 31 Mar, 34 to 30 Apr, 42 = Thu 8 May 2025',
    ],
    [
      'assessment request → no-plan notice',
      REQUEST,
      'EHC_NO_PLAN_NOTICE_16WK:request:r-1',
      '2025-07-17',
      '27 Mar + 112 days = 20-week date 14 Aug − 28 days = Thu 17 Jul 2025',
    ],
    [
      'assessment request → final plan',
      REQUEST,
      'EHC_FINAL_PLAN_20WK:request:r-1',
      '2025-08-14',
      '27 Mar + 140 days = Thu 14 Aug 2025 (ehc-and-review-deadlines spec)',
    ],
    [
      'advice request → advice',
      [opened, adviceRequested('2025-04-14')],
      'EHC_ADVICE_6WK:advice:adv-1',
      '2025-05-26',
      '14 Apr + 42 days: 16 to 30 Apr, 42 = Mon 26 May 2025 (bank holiday, calendar clock)',
    ],
    [
      're-assessment request → decision',
      [
        opened,
        { type: 'ReassessmentRequested', data: { requestId: 'rr-1', receivedOn: '2025-02-14' } },
      ],
      'REASSESS_DECISION_15D:request:rr-1',
      '2025-03-01',
      '14 Feb + 15 days = Sat 1 Mar 2025',
    ],
    [
      're-assessment agreed → plan',
      [opened, decision('REASSESSMENT_AGREED', '2025-05-12', 'd-ra')],
      'REASSESS_FINAL_PLAN_14WK:decision:d-ra',
      '2025-08-18',
      '12 May + 98 days = Mon 18 Aug 2025',
    ],
    [
      'final plan → first annual review',
      [opened, decision('FINAL_PLAN_ISSUED', '2025-08-26', 'd-plan')],
      'ANNUAL_REVIEW_FIRST:decision:d-plan',
      '2026-08-25',
      '12 months starting with 26 Aug 2025 end Tue 25 Aug 2026',
    ],
    [
      'review meeting → next review',
      [opened, { type: 'ReviewMeetingHeld', data: { reviewId: 'rv-1', heldOn: '2025-06-05' } }],
      'ANNUAL_REVIEW_NEXT:review:rv-1',
      '2026-06-04',
      '12 months starting with 5 Jun 2025 end Thu 4 Jun 2026',
    ],
    [
      'review meeting → LA decision',
      [opened, { type: 'ReviewMeetingHeld', data: { reviewId: 'rv-1', heldOn: '2025-06-05' } }],
      'REVIEW_LA_DECISION:review:rv-1',
      '2025-07-03',
      '5 Jun + 28 days = Thu 3 Jul 2025',
    ],
    [
      'amendments proposed → final amended plan',
      [opened, decision('REVIEW_AMENDMENTS_PROPOSED', '2025-07-01', 'd-am')],
      'REVIEW_FINAL_AMENDED_PLAN:decision:d-am',
      '2025-08-26',
      '1 Jul + 56 days: 30 to 31 Jul, 56 = Tue 26 Aug 2025',
    ],
    [
      'phase transfer (school phase)',
      [
        opened,
        {
          type: 'PhaseTransferDue',
          data: { transferId: 't-1', kind: 'SCHOOL_PHASE', transferYear: 2026, transferOn: null },
        },
      ],
      'PHASE_TRANSFER_15_FEB:transfer:t-1',
      '2026-02-14',
      'before 15 Feb 2026 → Sat 14 Feb 2026',
    ],
    [
      'phase transfer (secondary to post-16)',
      [
        opened,
        {
          type: 'PhaseTransferDue',
          data: {
            transferId: 't-2',
            kind: 'SECONDARY_TO_POST16',
            transferYear: 2026,
            transferOn: null,
          },
        },
      ],
      'PHASE_TRANSFER_POST16_31_MAR:transfer:t-2',
      '2026-03-30',
      'before 31 Mar 2026 → Mon 30 Mar 2026',
    ],
    [
      'appealable decision → mediation adviser contact',
      [opened, REFUSAL],
      'MEDIATION_ADVISER_CONTACT:decision:d-1',
      '2025-05-03',
      'letter 3 Mar + 2 calendar months = Sat 3 May 2025 (no roll-forward)',
    ],
    [
      'appealable decision → lodging',
      [opened, REFUSAL],
      'SEN_APPEAL_LODGE:decision:d-1',
      '2025-05-06',
      '3 Mar + 2 months = Sat 3 May; Mon 5 May is a bank holiday → Tue 6 May 2025',
    ],
    [
      'mediation declined → certificate',
      [opened, REFUSAL, adviserContacted('2025-04-01', false, 'd-1')],
      'MEDIATION_CERTIFICATE_DECLINED:mediation:d-1@2025-04-01',
      '2025-04-04',
      'Tue 1 Apr + 3 working days: 2, 3, 4 Apr → Fri 4 Apr 2025',
    ],
    [
      'mediation wanted → LA arranges it',
      [opened, REFUSAL, adviserContacted('2025-04-01', true, 'd-1')],
      'MEDIATION_ARRANGED:mediation:d-1@2025-04-01',
      '2025-05-01',
      '1 Apr + 30 days = Thu 1 May 2025',
    ],
    [
      'mediation held → certificate',
      [
        opened,
        REFUSAL,
        adviserContacted('2025-04-01', true, 'd-1'),
        { type: 'MediationHeld', data: { endedOn: '2025-04-24', agreementReached: false } },
      ],
      'MEDIATION_CERTIFICATE_AFTER_MEDIATION:mediation:d-1@2025-04-24',
      '2025-04-29',
      'Thu 24 Apr + 3 working days: 25, 28, 29 Apr → Tue 29 Apr 2025',
    ],
    [
      'certificate later than the letter → lodging recomputed',
      [
        opened,
        REFUSAL,
        adviserContacted('2025-04-01', false, 'd-1'),
        { type: 'MediationCertificateIssued', data: { issuedOn: '2025-04-10' } },
      ],
      'SEN_APPEAL_LODGE:decision:d-1',
      '2025-05-12',
      'certificate 10 Apr + 1 month = Sat 10 May, later than 3 May → Mon 12 May 2025',
    ],
    [
      'appeal lodged → registration',
      [opened, appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'], lodgedOn: '2025-05-09' })],
      'TRIBUNAL_REGISTRATION:appeal:a-1',
      '2025-05-23',
      'Fri 9 May + 10 tribunal working days: 12–16 May (5), 19–23 May (10) → Fri 23 May 2025',
    ],
    [
      'registration → LA response (default)',
      [opened, appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }), appealRegistered()],
      'LA_RESPONSE:appeal:a-1',
      '2025-07-02',
      'Tue 20 May + 30 tribunal working days, 26 May skipped: 30 May (7), 27 Jun (27), Wed 2 Jul 2025 (30)',
    ],
    [
      'registration → LA response (directed)',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        appealRegistered({ responseDueOn: '2025-07-01' }),
      ],
      'LA_RESPONSE:appeal:a-1',
      '2025-07-01',
      'the registration letter directed 1 Jul 2025',
    ],
    [
      'hearing listed → bundle',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        appealRegistered({ hearingOn: '2025-09-10' }),
      ],
      'HEARING_BUNDLE:appeal:a-1',
      '2025-07-29',
      'hearing Wed 10 Sep − 10 tribunal working days: 9–1 Sep (7), August skipped, 31, 30, 29 Jul → Tue 29 Jul 2025',
    ],
    [
      'hearing adjourned → bundle recomputed',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        appealRegistered({ hearingOn: '2025-09-10' }),
        {
          type: 'HearingAdjourned',
          data: {
            appealId: 'a-1',
            adjournedOn: '2025-07-20',
            newHearingOn: '2025-11-20',
            reason: null,
          },
        },
      ],
      'HEARING_BUNDLE:appeal:a-1',
      '2025-11-06',
      'hearing Thu 20 Nov − 10 tribunal working days → Thu 6 Nov 2025 (tribunal-timetable spec)',
    ],
    [
      'hearing held → decision',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        { type: 'HearingHeld', data: { appealId: 'a-1', heldOn: '2025-07-28' } },
      ],
      'TRIBUNAL_DECISION:appeal:a-1',
      '2025-09-09',
      'Mon 28 Jul + 10 tribunal working days: 29–31 Jul (3), August skipped, 1–5 Sep (8), 8–9 Sep → Tue 9 Sep 2025',
    ],
    [
      'decision → permission to appeal (an option)',
      [opened, CONTENTS_APPEAL, outcome('DECIDED_IN_FAVOUR', '2025-07-01')],
      'FTT_PERMISSION_TO_APPEAL:appeal:a-1',
      '2025-07-29',
      'sent 1 Jul + 28 counted days: 2–29 Jul → Tue 29 Jul 2025',
    ],
    [
      'reg 44 order to amend B/F',
      [
        opened,
        CONTENTS_APPEAL,
        outcome('DECIDED_IN_FAVOUR', '2025-07-01'),
        orderMade('AMEND_B_F', '2025-07-01'),
      ],
      'REG44_AMEND_BF:order:o-1',
      '2025-08-05',
      '1 Jul + 5 weeks = Tue 5 Aug 2025',
    ],
    [
      'reg 45 (conceded) order to amend B/F',
      [
        opened,
        CONTENTS_APPEAL,
        outcome('CONCEDED', '2025-07-01'),
        orderMade('AMEND_B_F', '2025-07-01', 'UNOPPOSED_APPEAL'),
      ],
      'REG45_AMEND_BF:order:o-1',
      '2025-08-05',
      'LA notified 1 Jul + 5 weeks = Tue 5 Aug 2025',
    ],
    [
      'reg 44 order to assess → notify',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        orderMade('ASSESS', '2025-06-02'),
      ],
      'REG44_ASSESS_NOTIFY:order:o-1',
      '2025-06-16',
      '2 Jun + 2 weeks = Mon 16 Jun 2025',
    ],
    [
      'reg 44 order to assess → no-plan notice (later step)',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        orderMade('ASSESS', '2025-06-02'),
      ],
      'REG44_ASSESS_NO_PLAN_NOTICE:order:o-1',
      '2025-08-11',
      '2 Jun + 10 weeks = Mon 11 Aug 2025',
    ],
    [
      'reg 44 order to assess → final plan (later step)',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
        orderMade('ASSESS', '2025-06-02'),
      ],
      'REG44_ASSESS_FINAL_PLAN:order:o-1',
      '2025-09-08',
      '2 Jun + 14 weeks = Mon 8 Sep 2025',
    ],
    [
      'reg 44 order to make a plan → draft (later step)',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ISSUE'] }),
        orderMade('MAKE_AND_MAINTAIN_PLAN', '2025-06-02'),
      ],
      'REG44_MAKE_PLAN_DRAFT:order:o-1',
      '2025-07-07',
      '2 Jun + 5 weeks = Mon 7 Jul 2025',
    ],
    [
      'reg 44 order to make a plan → final',
      [
        opened,
        appealLodged({ appealTypes: ['REFUSAL_TO_ISSUE'] }),
        orderMade('MAKE_AND_MAINTAIN_PLAN', '2025-06-02'),
      ],
      'REG44_MAKE_PLAN_FINAL:order:o-1',
      '2025-08-18',
      '2 Jun + 11 weeks = Mon 18 Aug 2025',
    ],
    [
      'health recommendations → ICB reply',
      [
        opened,
        {
          type: 'HscRecommendationsMade',
          data: {
            appealId: 'a-1',
            recommendationId: 'rec-1',
            madeOn: '2025-07-01',
            addressedTo: 'HEALTH_BODY',
          },
        },
      ],
      'HSC_HEALTH_RESPONSE:recommendation:rec-1',
      '2025-08-05',
      '1 Jul + 5 weeks = Tue 5 Aug 2025',
    ],
  ];

  it.each(SCENARIOS)('%s: %s due %s', (_name, events, key, dueOn) => {
    expect(deadline(events, key, '2025-01-02').dueOn).toBe(dueOn);
  });

  it('names who owes each deadline and the breach a miss would be', () => {
    const events = [opened, ...REQUEST.slice(1), adviceRequested()];
    const [decide6, advice, noPlan, finalPlan] = deadlinesAsOf(track(events), TODAY);
    expect(decide6).toMatchObject({
      ruleId: 'EHC_ASSESS_DECISION_6WK',
      dutyHolderKind: 'LA',
      dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
      breachType: 'TIMESCALE_ASSESS_DECISION',
      citation: 'SEND Regs 2014 reg 5(1)',
      startedBy: { eventType: 'AssessmentRequested', on: '2025-03-27' },
      subject: { requestId: 'r-1' },
    });
    expect(advice).toMatchObject({
      ruleId: 'EHC_ADVICE_6WK',
      dutyHolderKind: 'HEALTH_BODY',
      dutyHolder: { kind: 'HEALTH_BODY', name: 'Kent and Medway ICB' },
      breachType: 'TIMESCALE_ADVICE',
    });
    expect(noPlan?.breachType).toBe('TIMESCALE_NO_PLAN_16WK');
    expect(finalPlan?.breachType).toBe('TIMESCALE_FINAL_PLAN_20WK');
    const family = deadline([opened, REFUSAL], 'SEN_APPEAL_LODGE:decision:d-1', TODAY);
    expect(family).toMatchObject({ dutyHolderKind: 'FAMILY', dutyHolder: null, breachType: null });
  });

  it('lists deadlines earliest due first', () => {
    const dueDates = deadlinesAsOf(
      track([opened, adviceRequested(), ...REQUEST.slice(1)]),
      TODAY,
    ).map((d) => d.dueOn);
    expect(dueDates).toEqual(['2025-05-08', '2025-05-26', '2025-07-17', '2025-08-14']);
  });
});

describe('deadline tracker: status as of a day', () => {
  it('is DUE up to and on the due date, OVERDUE after it with the days late', () => {
    const key = 'EHC_FINAL_PLAN_20WK:request:r-1';
    expect(deadline(REQUEST, key, '2025-08-14')).toMatchObject({ status: 'DUE', daysLate: null });
    expect(deadline(REQUEST, key, '2025-08-15')).toMatchObject({ status: 'OVERDUE', daysLate: 1 });
    expect(deadline(REQUEST, key, TODAY)).toMatchObject({
      status: 'OVERDUE',
      daysLate: 47, // 14 Aug → 30 Sep: 17 + 30
      metOn: null,
    });
  });

  it('is MET by the decision it waits for, with the days late (0 when on time)', () => {
    const events = [
      ...REQUEST,
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      decision('DRAFT_PLAN_ISSUED', '2025-07-10'),
      decision('FINAL_PLAN_ISSUED', '2025-08-26'),
    ];
    expect(deadline(events, 'EHC_ASSESS_DECISION_6WK:request:r-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-05-06',
      daysLate: 0,
    });
    expect(deadline(events, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-08-26',
      daysLate: 12,
    });
  });

  it('makes the 16-week notice NOT_APPLICABLE once the council goes on to a plan ("whichever happens")', () => {
    const events = [
      ...REQUEST,
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      decision('FINAL_PLAN_ISSUED', '2025-08-26'),
    ];
    const noPlan = deadline(events, 'EHC_NO_PLAN_NOTICE_16WK:request:r-1', TODAY);
    expect(noPlan).toMatchObject({ status: 'NOT_APPLICABLE', metOn: null, daysLate: null });
    expect(noPlan.notApplicableReason).toMatch(/issued a plan/);
    expect(noPlan.explanation).toMatch(/issued a plan/);
  });

  it('meets the 16-week notice with a no-plan decision and drops the 20-week plan', () => {
    const events = [
      ...REQUEST,
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      decision('PLAN_NOT_NEEDED', '2025-07-10'),
    ];
    expect(deadline(events, 'EHC_NO_PLAN_NOTICE_16WK:request:r-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-07-10',
    });
    expect(deadline(events, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY).status).toBe(
      'NOT_APPLICABLE',
    );
  });

  it('drops the 16- and 20-week deadlines when the council refuses to assess', () => {
    const events = [...REQUEST, decision('ASSESSMENT_REFUSED', '2025-05-06')];
    const statuses = deadlinesAsOf(track(events), TODAY)
      .filter((d) => d.subject.requestId === 'r-1')
      .map((d) => [d.ruleId, d.status]);
    expect(statuses).toEqual([
      ['EHC_ASSESS_DECISION_6WK', 'MET'],
      ['EHC_NO_PLAN_NOTICE_16WK', 'NOT_APPLICABLE'],
      ['EHC_FINAL_PLAN_20WK', 'NOT_APPLICABLE'],
    ]);
  });

  it('ignores a decision letter dated before the request it would answer', () => {
    const events = [...REQUEST, decision('FINAL_PLAN_ISSUED', '2024-01-10')];
    expect(deadline(events, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY).status).toBe('OVERDUE');
  });

  it('lifts the T7 time limits with a recorded exception, and only those whose rule allows it', () => {
    const events = [
      ...REQUEST,
      adviceRequested(),
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      exceptionRecorded('T7_ABSENT_FROM_AREA'),
    ];
    const finalPlan = deadline(events, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY);
    expect(finalPlan).toMatchObject({
      status: 'NOT_APPLICABLE',
      exceptionApplies: true,
      dueOn: '2025-08-14',
      daysLate: null,
      notApplicableReason: 'A recorded exception lifts this time limit.',
    });
    expect(finalPlan.explanation).toMatch(/An exception has been recorded: the child, the parent/);
    expect(deadline(events, 'EHC_NO_PLAN_NOTICE_16WK:request:r-1', TODAY).exceptionApplies).toBe(
      true,
    );
    // Already met: not touched. Reg 8 advice: T7 is not one of its exceptions.
    expect(deadline(events, 'EHC_ASSESS_DECISION_6WK:request:r-1', TODAY)).toMatchObject({
      status: 'MET',
      exceptionApplies: false,
    });
    expect(deadline(events, 'EHC_ADVICE_6WK:advice:adv-1', TODAY)).toMatchObject({
      status: 'OVERDUE',
      exceptionApplies: false,
    });
  });

  it('never assumes an exception: without one recorded, the deadline stays overdue', () => {
    expect(deadline(REQUEST, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY).exceptionApplies).toBe(
      false,
    );
  });

  it('still records when a deadline under an exception was met', () => {
    const events = [
      ...REQUEST,
      decision('ASSESSMENT_AGREED', '2025-05-06'),
      exceptionRecorded('T7_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'),
      decision('FINAL_PLAN_ISSUED', '2025-09-15'),
    ];
    expect(deadline(events, 'EHC_FINAL_PLAN_20WK:request:r-1', TODAY)).toMatchObject({
      status: 'MET',
      exceptionApplies: true,
      metOn: '2025-09-15',
    });
  });

  it('follows a re-assessment and a review to their decisions and plans', () => {
    const events: CaseEvent[] = [
      opened,
      { type: 'ReassessmentRequested', data: { requestId: 'rr-1', receivedOn: '2025-02-14' } },
      decision('REASSESSMENT_AGREED', '2025-02-28', 'd-ra'),
      decision('AMENDED_PLAN_ISSUED', '2025-06-20', 'd-amended'),
      { type: 'ReviewMeetingHeld', data: { reviewId: 'rv-1', heldOn: '2025-06-05' } },
      decision('REVIEW_AMENDMENTS_PROPOSED', '2025-07-01', 'd-am'),
    ];
    expect(deadline(events, 'REASSESS_DECISION_15D:request:rr-1', TODAY)).toMatchObject({
      status: 'MET',
      daysLate: 0,
    });
    // 28 Feb + 14 weeks = Fri 6 Jun; issued 20 Jun, 14 days late.
    expect(deadline(events, 'REASSESS_FINAL_PLAN_14WK:decision:d-ra', TODAY)).toMatchObject({
      status: 'MET',
      dueOn: '2025-06-06',
      daysLate: 14,
    });
    expect(deadline(events, 'REVIEW_LA_DECISION:review:rv-1', TODAY).status).toBe('MET');
    // Amendments sent 1 Jul: final amended plan by 26 Aug; 35 days late on 30 Sep.
    expect(deadline(events, 'REVIEW_FINAL_AMENDED_PLAN:decision:d-am', TODAY)).toMatchObject({
      status: 'OVERDUE',
      daysLate: 35,
      breachType: 'ANNUAL_REVIEW_LATE',
    });
    // REVIEW_REPORT is not tracked: no event records the report, so nothing could meet it.
    expect(deadlinesAsOf(track(events), TODAY).some((d) => d.ruleId === 'REVIEW_REPORT')).toBe(
      false,
    );
  });

  it('meets the annual review with a review meeting, and starts the next one', () => {
    const events: CaseEvent[] = [
      opened,
      decision('FINAL_PLAN_ISSUED', '2024-08-26', 'd-plan'),
      { type: 'ReviewMeetingHeld', data: { reviewId: 'rv-1', heldOn: '2025-07-10' } },
    ];
    expect(deadline(events, 'ANNUAL_REVIEW_FIRST:decision:d-plan', TODAY)).toMatchObject({
      status: 'MET',
      dueOn: '2025-08-25',
      metOn: '2025-07-10',
    });
    expect(deadline(events, 'ANNUAL_REVIEW_NEXT:review:rv-1', TODAY)).toMatchObject({
      status: 'DUE',
      dueOn: '2026-07-09',
    });
  });

  it('meets a phase transfer with a plan amended after it, whatever the letter date', () => {
    const transfer: CaseEvent = {
      type: 'PhaseTransferDue',
      data: { transferId: 't-1', kind: 'SCHOOL_PHASE', transferYear: 2026, transferOn: null },
    };
    const before = [opened, decision('AMENDED_PLAN_ISSUED', '2025-09-01', 'd-early'), transfer];
    expect(deadline(before, 'PHASE_TRANSFER_15_FEB:transfer:t-1', TODAY).status).toBe('DUE');
    const after = [...before, decision('AMENDED_PLAN_ISSUED', '2025-09-15', 'd-named')];
    expect(deadline(after, 'PHASE_TRANSFER_15_FEB:transfer:t-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-09-15',
      startedBy: { eventType: 'PhaseTransferDue', on: null },
      breachType: 'PHASE_TRANSFER_LATE',
    });
  });

  it('skips a post-16 transfer without a transfer date (the engine needs one)', () => {
    const events: CaseEvent[] = [
      opened,
      {
        type: 'PhaseTransferDue',
        data: { transferId: 't-3', kind: 'POST16_OTHER', transferYear: 2026, transferOn: null },
      },
    ];
    expect(deadlinesAsOf(track(events), TODAY)).toEqual([]);
  });
});

describe('deadline tracker: mediation and the appeal', () => {
  const MEDIATION = [
    opened,
    REFUSAL,
    adviserContacted('2025-04-01', false, 'd-1'),
    { type: 'MediationCertificateIssued', data: { issuedOn: '2025-04-10' } } as CaseEvent,
  ];

  it('meets the family’s mediation contact and the adviser’s certificate', () => {
    expect(deadline(MEDIATION, 'MEDIATION_ADVISER_CONTACT:decision:d-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-04-01',
    });
    expect(
      deadline(MEDIATION, 'MEDIATION_CERTIFICATE_DECLINED:mediation:d-1@2025-04-01', TODAY),
    ).toMatchObject({
      status: 'MET',
      daysLate: 6,
      breachType: null,
    });
  });

  it('shows the lodging deadline DUE, then MET when the appeal about that decision is lodged', () => {
    const key = 'SEN_APPEAL_LODGE:decision:d-1';
    expect(deadline(MEDIATION, key, '2025-05-01')).toMatchObject({
      status: 'DUE',
      dueOn: '2025-05-12',
    });
    const lodged = [
      ...MEDIATION,
      appealLodged({
        appealTypes: ['REFUSAL_TO_ASSESS'],
        decisionId: 'd-1',
        lodgedOn: '2025-05-09',
      }),
    ];
    expect(deadline(lodged, key, TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-05-09',
      daysLate: 0,
    });
  });

  it('matches an appeal without a decision id by the decision letter date', () => {
    const lodged = [
      opened,
      REFUSAL,
      appealLodged({
        appealTypes: ['REFUSAL_TO_ASSESS'],
        decisionLetterOn: '2025-03-03',
        lodgedOn: '2025-05-02',
      }),
    ];
    expect(deadline(lodged, 'SEN_APPEAL_LODGE:decision:d-1', TODAY).status).toBe('MET');
    // Lodged without contacting the adviser (e.g. an appeal about Section I only): the contact is behind them.
    expect(deadline(lodged, 'MEDIATION_ADVISER_CONTACT:decision:d-1', TODAY).status).toBe(
      'NOT_APPLICABLE',
    );
  });

  it('lets a family deadline lapse (a right, not a duty): never overdue, never a breach', () => {
    expect(deadline([opened, REFUSAL], 'SEN_APPEAL_LODGE:decision:d-1', TODAY)).toMatchObject({
      status: 'NOT_APPLICABLE',
      breachType: null,
    });
    expect(
      deadline([opened, REFUSAL], 'SEN_APPEAL_LODGE:decision:d-1', TODAY).notApplicableReason,
    ).toMatch(/The time for this ended on/);
  });

  it('flags mediation the council did not arrange in 30 days as a mediation failure until it is held', () => {
    const wanted = [opened, REFUSAL, adviserContacted('2025-04-01', true, 'd-1')];
    const key = 'MEDIATION_ARRANGED:mediation:d-1@2025-04-01';
    expect(deadline(wanted, key, TODAY)).toMatchObject({
      status: 'OVERDUE',
      breachType: 'MEDIATION_FAILURE',
      dutyHolderKind: 'LA',
    });
    const held = [
      ...wanted,
      {
        type: 'MediationHeld',
        data: { endedOn: '2025-04-24', agreementReached: true },
      } as CaseEvent,
    ];
    expect(deadline(held, key, TODAY)).toMatchObject({ status: 'MET', metOn: '2025-04-24' });
  });

  it('meets the tribunal timetable step by step, and drops what a withdrawal makes unnecessary', () => {
    const events: CaseEvent[] = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
      appealRegistered({ hearingOn: '2025-09-10' }),
      outcome('WITHDRAWN', '2025-06-20'),
    ];
    expect(deadline(events, 'TRIBUNAL_REGISTRATION:appeal:a-1', TODAY)).toMatchObject({
      status: 'MET',
      metOn: '2025-05-20',
    });
    const response = deadline(events, 'LA_RESPONSE:appeal:a-1', TODAY);
    expect(response.status).toBe('NOT_APPLICABLE');
    expect(response.explanation).toMatch(/The appeal was withdrawn on 20 June 2025/);
    expect(deadline(events, 'HEARING_BUNDLE:appeal:a-1', TODAY).status).toBe('NOT_APPLICABLE');
    // Nothing to ask permission about after a withdrawal.
    expect(deadlinesAsOf(track(events), TODAY).map((d) => d.ruleId)).not.toContain(
      'FTT_PERMISSION_TO_APPEAL',
    );
  });

  it('takes the LA response date the Tribunal directed, and says so', () => {
    const events = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
      appealRegistered({ responseDueOn: '2025-07-01' }),
    ];
    expect(deadline(events, 'LA_RESPONSE:appeal:a-1', '2025-06-01').explanation).toBe(
      "The Tribunal's directions set 1 July 2025 as the date for this step (council responds to the appeal).",
    );
  });

  it('meets the response and bundle when they arrive, and drops the bundle while no hearing is listed', () => {
    const events: CaseEvent[] = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
      appealRegistered({ hearingOn: '2025-09-10' }),
      {
        type: 'LaResponseReceived',
        data: { appealId: 'a-1', receivedOn: '2025-06-30', opposed: true },
      },
    ];
    expect(deadline(events, 'LA_RESPONSE:appeal:a-1', TODAY).status).toBe('MET');
    const adjourned = [
      ...events,
      {
        type: 'HearingAdjourned',
        data: { appealId: 'a-1', adjournedOn: '2025-07-20', newHearingOn: null, reason: null },
      } as CaseEvent,
    ];
    expect(deadline(adjourned, 'HEARING_BUNDLE:appeal:a-1', TODAY).status).toBe('NOT_APPLICABLE');
    const relisted = [
      ...adjourned,
      { type: 'HearingScheduled', data: { appealId: 'a-1', hearingOn: '2025-11-20' } } as CaseEvent,
      { type: 'HearingBundleSent', data: { appealId: 'a-1', sentOn: '2025-11-05' } } as CaseEvent,
    ];
    expect(deadline(relisted, 'HEARING_BUNDLE:appeal:a-1', TODAY)).toMatchObject({
      status: 'MET',
      dueOn: '2025-11-06',
      metOn: '2025-11-05',
    });
  });

  it('shows the 28 days to ask permission to appeal while open, then lets them lapse (an option, not a duty)', () => {
    const events = [opened, CONTENTS_APPEAL, outcome('DISMISSED', '2025-07-01')];
    const key = 'FTT_PERMISSION_TO_APPEAL:appeal:a-1';
    expect(deadline(events, key, '2025-07-15')).toMatchObject({
      status: 'DUE',
      dutyHolderKind: 'FAMILY',
    });
    expect(deadline(events, key, TODAY)).toMatchObject({
      status: 'NOT_APPLICABLE',
      daysLate: null,
    });
    const asked: CaseEvent[] = [
      ...events,
      {
        type: 'DecisionChallengeLodged',
        data: {
          appealId: 'a-1',
          challengeId: 'ch-1',
          kind: 'PERMISSION_TO_APPEAL',
          lodgedOn: '2025-07-20',
          by: 'FAMILY',
        },
      },
    ];
    expect(deadline(asked, key, TODAY)).toMatchObject({ status: 'MET', metOn: '2025-07-20' });
  });
});

describe('deadline tracker: orders and recommendations', () => {
  const ORDER = [
    opened,
    CONTENTS_APPEAL,
    outcome('DECIDED_IN_FAVOUR', '2025-07-01'),
    orderMade('AMEND_B_F', '2025-07-01'),
  ];

  it('is met by OrderComplied for that order, late or not', () => {
    const key = 'REG44_AMEND_BF:order:o-1';
    expect(deadline(ORDER, key, TODAY)).toMatchObject({
      status: 'OVERDUE',
      daysLate: 56,
      breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
      subject: { appealId: 'a-1', orderId: 'o-1' },
      citation: 'SEND Regs 2014 reg 44',
    });
    const complied = [...ORDER, orderComplied('2025-08-20', '2025-08-05', 15)];
    expect(deadline(complied, key, TODAY)).toMatchObject({ status: 'MET', daysLate: 15 });
    const otherOrder: CaseEvent[] = [
      ...ORDER,
      {
        type: 'OrderComplied',
        data: { orderId: 'o-2', compliedOn: '2025-08-20', dueOn: null, daysLate: 0 },
      },
    ];
    expect(deadline(otherOrder, key, TODAY).status).toBe('OVERDUE');
  });

  it('meets the later steps of an order to assess with the council’s own letters, each ending the other', () => {
    const ordered = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'] }),
      orderMade('ASSESS', '2025-06-02'),
    ];
    const noPlan = [...ordered, decision('PLAN_NOT_NEEDED', '2025-08-01')];
    expect(deadline(noPlan, 'REG44_ASSESS_NO_PLAN_NOTICE:order:o-1', TODAY).status).toBe('MET');
    expect(deadline(noPlan, 'REG44_ASSESS_FINAL_PLAN:order:o-1', TODAY).status).toBe(
      'NOT_APPLICABLE',
    );
    // The order itself is measured by compliance, not by these letters.
    expect(deadline(noPlan, 'REG44_ASSESS_NOTIFY:order:o-1', TODAY).status).toBe('OVERDUE');
    const plan = [...ordered, decision('FINAL_PLAN_ISSUED', '2025-09-01')];
    expect(deadline(plan, 'REG44_ASSESS_FINAL_PLAN:order:o-1', TODAY)).toMatchObject({
      status: 'MET',
      daysLate: 0,
    });
    expect(deadline(plan, 'REG44_ASSESS_NO_PLAN_NOTICE:order:o-1', TODAY).status).toBe(
      'NOT_APPLICABLE',
    );
  });

  it('meets the draft of an order to make a plan with a draft issued after the order', () => {
    const events = [
      opened,
      appealLodged({ appealTypes: ['REFUSAL_TO_ISSUE'] }),
      orderMade('MAKE_AND_MAINTAIN_PLAN', '2025-06-02'),
      decision('DRAFT_PLAN_ISSUED', '2025-07-10'),
      decision('FINAL_PLAN_ISSUED', '2025-08-01'),
    ];
    expect(deadline(events, 'REG44_MAKE_PLAN_DRAFT:order:o-1', TODAY)).toMatchObject({
      status: 'MET',
      daysLate: 3,
    });
    // The final plan is the order itself: met by OrderComplied only.
    expect(deadline(events, 'REG44_MAKE_PLAN_FINAL:order:o-1', TODAY).status).toBe('OVERDUE');
  });

  it('drops an order’s deadlines when the decision that made it is set aside', () => {
    const events: CaseEvent[] = [
      ...ORDER,
      {
        type: 'DecisionChallengeLodged',
        data: {
          appealId: 'a-1',
          challengeId: 'ch-1',
          kind: 'SET_ASIDE',
          lodgedOn: '2025-07-10',
          by: 'LA',
        },
      },
      {
        type: 'DecisionChallengeDecided',
        data: { challengeId: 'ch-1', decidedOn: '2025-07-25', granted: true },
      },
    ];
    expect(deadline(events, 'REG44_AMEND_BF:order:o-1', TODAY).status).toBe('NOT_APPLICABLE');
  });

  it('tracks the written reply to health and social care recommendations', () => {
    const made: CaseEvent = {
      type: 'HscRecommendationsMade',
      data: {
        appealId: 'a-1',
        recommendationId: 'rec-1',
        madeOn: '2025-07-01',
        addressedTo: 'LA_SOCIAL_CARE',
      },
    };
    const key = 'HSC_SOCIAL_CARE_RESPONSE:recommendation:rec-1';
    expect(deadline([opened, made], key, TODAY)).toMatchObject({
      status: 'OVERDUE',
      breachType: 'HSC_RECOMMENDATION_IGNORED',
      dutyHolder: { kind: 'SOCIAL_CARE', localAuthorityCode: '886' },
    });
    const answered: CaseEvent = {
      type: 'HscRecommendationsAnswered',
      data: { recommendationId: 'rec-1', answeredOn: '2025-08-01', followed: false },
    };
    expect(deadline([opened, made, answered], key, TODAY).status).toBe('MET');
  });
});

describe('deadline tracker: a value the read model can store', () => {
  const HISTORY: CaseEvent[] = [
    ...REQUEST,
    adviceRequested(),
    decision('ASSESSMENT_AGREED', '2025-05-06'),
    exceptionRecorded('REG8_MISSED_APPOINTMENT'),
    REFUSAL,
    adviserContacted('2025-04-01', false, 'd-1'),
    appealLodged({ appealTypes: ['REFUSAL_TO_ASSESS'], decisionId: 'd-1' }),
    appealRegistered({ hearingOn: '2025-09-10' }),
  ];

  it('survives a JSON round trip unchanged', () => {
    const tracker = track(HISTORY);
    const stored = JSON.parse(JSON.stringify(tracker)) as DeadlineTracker;
    expect(stored).toStrictEqual(tracker);
    expect(deadlinesAsOf(stored, TODAY)).toEqual(deadlinesAsOf(tracker, TODAY));
  });

  it('is the same whether initialised from CaseOpened or folded from it', () => {
    const folded = HISTORY.slice(1).reduce(trackDeadlines, initialDeadlineTracker(opened.data));
    expect(folded).toEqual(track(HISTORY));
  });

  it('skips what the engine cannot compute, and never throws', () => {
    const bad: CaseEvent[] = [
      opened,
      assessmentRequested('2025-02-30'),
      { type: 'AdviceReceived', data: { adviceId: 'unknown', receivedOn: '2025-05-01' } },
      {
        type: 'OrderComplied',
        data: { orderId: 'unknown', compliedOn: 'x', dueOn: null, daysLate: 0 },
      },
      orderMade('REFER_BACK_TO_RECONSIDER', '2025-07-01'),
      { type: 'HearingScheduled', data: { appealId: 'never-lodged', hearingOn: '2025-11-20' } },
      assessmentRequested('1999-01-04', 'r-old'), // outside the bank holiday table: fine for calendar weeks
    ];
    expect(() => track(bad)).not.toThrow();
    expect(deadlinesAsOf(track(bad), TODAY).map((d) => d.key)).toEqual([
      'EHC_ASSESS_DECISION_6WK:request:r-old',
      'EHC_NO_PLAN_NOTICE_16WK:request:r-old',
      'EHC_FINAL_PLAN_20WK:request:r-old',
    ]);
  });

  it('starts a deadline once however often its event is replayed', () => {
    const twice = track([...REQUEST, assessmentRequested('2025-03-27')]);
    expect(twice.deadlines).toHaveLength(3);
  });

  it('rejects a day that is not a real date', () => {
    expect(() => deadlinesAsOf(track(REQUEST), '2025-02-30')).toThrow(/real calendar date/);
  });
});
