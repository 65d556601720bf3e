import { expectWorkedExamples } from './deadline-examples.spec-helper';

// send-domain §1.7 and §1.9: calendar weeks, no roll-forward off weekends or bank holidays.
describe('reg 44: after a Tribunal order (order sent Tue 3 Jun 2025 unless stated)', () => {
  expectWorkedExamples([
    [
      'REG44_ASSESS_NOTIFY',
      { orderMadeOn: '2025-06-03' },
      '2025-06-17',
      '3 Jun + 2 weeks (14 days) = Tue 17 Jun 2025',
    ],
    [
      'REG44_ASSESS_NO_PLAN_NOTICE',
      { orderMadeOn: '2025-06-03' },
      '2025-08-12',
      '3 Jun + 10 weeks (70 days): 27 to 30 Jun, 58 to 31 Jul, 70 = Tue 12 Aug 2025 (August counts)',
    ],
    [
      'REG44_ASSESS_FINAL_PLAN',
      { orderMadeOn: '2025-06-03' },
      '2025-09-09',
      '3 Jun + 14 weeks (98 days) = 12 Aug + 28 days = Tue 9 Sep 2025',
    ],
    [
      'REG44_MAKE_PLAN_DRAFT',
      { orderMadeOn: '2025-06-03' },
      '2025-07-08',
      '3 Jun + 5 weeks (35 days) = Tue 8 Jul 2025',
    ],
    [
      'REG44_MAKE_PLAN_FINAL',
      { orderMadeOn: '2025-06-03' },
      '2025-08-19',
      '3 Jun + 11 weeks (77 days) = 12 Aug + 7 = Tue 19 Aug 2025',
    ],
    [
      'REG44_AMEND_BF',
      { orderMadeOn: '2025-06-03' },
      '2025-07-08',
      '3 Jun + 5 weeks = Tue 8 Jul 2025',
    ],
    [
      'REG44_NAME_SCHOOL',
      { orderMadeOn: '2025-06-03' },
      '2025-06-17',
      '3 Jun + 2 weeks = Tue 17 Jun 2025',
    ],
    [
      'REG44_CONTINUE_TO_MAINTAIN',
      { orderMadeOn: '2025-06-03' },
      '2025-06-03',
      '"immediately": due the day the order was sent',
    ],
    [
      'REG44_AMEND_BF',
      { orderMadeOn: '2025-12-01' },
      '2026-01-05',
      '1 Dec 2025 + 35 days = Mon 5 Jan 2026: Christmas does not stop a SEND Regs clock',
    ],
    [
      'REG44_NAME_SCHOOL',
      { orderMadeOn: '2024-02-15' },
      '2024-02-29',
      '15 Feb 2024 + 14 days = Thu 29 Feb 2024 (leap day)',
    ],
    [
      'REG44_MAKE_PLAN_FINAL',
      { orderMadeOn: '2026-10-12' },
      '2026-12-28',
      '12 Oct 2026 + 77 days: 19 to 31 Oct, 49 to 30 Nov, 77 = Mon 28 Dec 2026, a bank holiday but calendar weeks do not move',
    ],
  ]);
});

describe('reg 45: LA did not oppose (notified Fri 10 Jan 2025)', () => {
  expectWorkedExamples([
    [
      'REG45_ASSESS_NOTIFY',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-01-24',
      '10 Jan + 14 days = Fri 24 Jan 2025',
    ],
    [
      'REG45_ASSESS_NO_PLAN_NOTICE',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-03-21',
      '10 Jan + 70 days: 21 to 31 Jan, 49 to 28 Feb, 70 = Fri 21 Mar 2025',
    ],
    [
      'REG45_ASSESS_FINAL_PLAN',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-04-18',
      '10 Jan + 98 days = 21 Mar + 28 = Fri 18 Apr 2025 (Good Friday; no roll-forward)',
    ],
    [
      'REG45_MAKE_PLAN_DRAFT',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-02-14',
      '10 Jan + 35 days = Fri 14 Feb 2025',
    ],
    [
      'REG45_MAKE_PLAN_FINAL',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-03-28',
      '10 Jan + 77 days = 21 Mar + 7 = Fri 28 Mar 2025',
    ],
    [
      'REG45_AMEND_BF',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-02-14',
      '10 Jan + 5 weeks = Fri 14 Feb 2025',
    ],
    [
      'REG45_NAME_SCHOOL',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-01-24',
      'Section I only: 10 Jan + 2 weeks = Fri 24 Jan 2025',
    ],
    [
      'REG45_NAME_SCHOOL',
      { laNotifiedTribunalOn: '2025-01-10', combinedWithContentsAppeal: true },
      '2025-02-14',
      'Section I with a B/F appeal: 10 Jan + 5 weeks = Fri 14 Feb 2025',
    ],
    [
      'REG45_CONTINUE_TO_MAINTAIN',
      { laNotifiedTribunalOn: '2025-01-10' },
      '2025-01-10',
      'continue to maintain: due the day the LA notified the Tribunal',
    ],
  ]);
});

describe('reg 42 mediation agreements and §1.9 recommendations', () => {
  expectWorkedExamples([
    [
      'REG42_AGREEMENT_APPEALABLE',
      { agreementMadeOn: '2025-11-20', agreedAction: 'AMEND_BF' },
      '2025-12-25',
      'as reg 44 amend B/F: 20 Nov + 35 days = Thu 25 Dec 2025 (calendar, Christmas Day included)',
    ],
    [
      'REG42_AGREEMENT_APPEALABLE',
      { agreementMadeOn: '2025-03-27', agreedAction: 'ASSESS_FINAL_PLAN' },
      '2025-07-03',
      'as reg 44 final plan after assessment: 27 Mar + 98 days: 4 to 31 Mar, 34, 65, 95 to 30 Jun, 98 = Thu 3 Jul 2025',
    ],
    [
      'REG42_AGREEMENT_APPEALABLE',
      { agreementMadeOn: '2025-03-27', agreedAction: 'CONTINUE_TO_MAINTAIN' },
      '2025-03-27',
      'as reg 44 continue to maintain: immediately',
    ],
    [
      'REG42_AGREEMENT_OTHER_ACTIONS',
      { agreementMadeOn: '2025-03-27' },
      '2025-04-10',
      '27 Mar + 2 weeks = Thu 10 Apr 2025',
    ],
    [
      'REG42_ICB_NOTIFY_LA',
      { agreementMadeOn: '2025-03-27' },
      '2025-04-03',
      '27 Mar + 1 week = Thu 3 Apr 2025',
    ],
    [
      'HSC_SOCIAL_CARE_RESPONSE',
      { recommendationsMadeOn: '2025-07-10' },
      '2025-08-14',
      '10 Jul + 5 weeks (35 days) = Thu 14 Aug 2025',
    ],
    [
      'HSC_HEALTH_RESPONSE',
      { recommendationsMadeOn: '2024-01-31' },
      '2024-03-06',
      '31 Jan 2024 + 35 days: 29 to Thu 29 Feb, 6 more = Wed 6 Mar 2024',
    ],
  ]);
});
