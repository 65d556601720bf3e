import { expectWorkedExamples } from './deadline-examples.spec-helper';

// send-domain §2.1–2.3 and §2.6: calendar periods (the 20 weeks are not working weeks).
describe('EHC needs assessment and re-assessment', () => {
  expectWorkedExamples([
    [
      'EHC_FINAL_PLAN_20WK',
      { requestReceivedOn: '2025-03-27' },
      '2025-08-14',
      '27 Mar + 140 days: 4 to 31 Mar, 34, 65, 95, 126 to 31 Jul, 140 = Thu 14 Aug 2025',
    ],
    [
      'EHC_FINAL_PLAN_20WK',
      { requestReceivedOn: '2024-02-29' },
      '2024-07-18',
      'Thu 29 Feb 2024 + 140 days: 31 to 31 Mar, 61, 92, 122 to 30 Jun, 140 = Thu 18 Jul 2024',
    ],
    [
      'EHC_FINAL_PLAN_20WK',
      { requestReceivedOn: '2025-08-11' },
      '2025-12-29',
      '11 Aug + 140 days: 20 to 31 Aug, 50, 81, 111 to 30 Nov, 140 = Mon 29 Dec 2025',
    ],
    [
      'EHC_ASSESS_DECISION_6WK',
      { requestReceivedOn: '2025-09-08' },
      '2025-10-20',
      '8 Sep + 42 days: 22 to 30 Sep, 42 = Mon 20 Oct 2025',
    ],
    [
      'EHC_ASSESS_DECISION_6WK',
      { requestReceivedOn: '2025-11-20' },
      '2026-01-01',
      '20 Nov + 42 days: 10 to 30 Nov, 41 to 31 Dec, 42 = Thu 1 Jan 2026 (bank holiday, calendar clock does not move)',
    ],
    [
      'EHC_NO_PLAN_NOTICE_16WK',
      { requestReceivedOn: '2025-01-06' },
      '2025-04-28',
      '6 Jan + 112 days: 25, 53, 84 to 31 Mar, 112 = Mon 28 Apr 2025',
    ],
    [
      'EHC_NO_PLAN_NOTICE_16WK',
      { requestReceivedOn: '2025-09-01' },
      '2025-12-22',
      '1 Sep + 112 days: 29, 60, 90 to 30 Nov, 112 = Mon 22 Dec 2025',
    ],
    [
      'EHC_ADVICE_6WK',
      { adviceRequestedOn: '2025-07-14', adviceFrom: 'HEALTH_BODY' },
      '2025-08-25',
      '14 Jul + 42 days: 17 to 31 Jul, 42 = Mon 25 Aug 2025 (Summer bank holiday, no move)',
    ],
    [
      'EHC_ADVICE_6WK',
      { adviceRequestedOn: '2025-11-20', adviceFrom: 'SCHOOL' },
      '2026-01-01',
      '20 Nov + 42 days = Thu 1 Jan 2026',
    ],
    [
      'REASSESS_DECISION_15D',
      { reassessmentRequestReceivedOn: '2025-02-14' },
      '2025-03-01',
      '14 Feb 2025 + 15 days: 14 to 28 Feb, 15 = Sat 1 Mar 2025',
    ],
    [
      'REASSESS_DECISION_15D',
      { reassessmentRequestReceivedOn: '2024-02-14' },
      '2024-02-29',
      '14 Feb 2024 + 15 days = Thu 29 Feb 2024 (leap year)',
    ],
    [
      'REASSESS_FINAL_PLAN_14WK',
      { reassessmentNotifiedOn: '2025-05-12' },
      '2025-08-18',
      '12 May + 98 days: 19, 49, 80 to 31 Jul, 98 = Mon 18 Aug 2025',
    ],
  ]);
});

describe('Annual reviews, phase transfer and related limits', () => {
  expectWorkedExamples([
    [
      'ANNUAL_REVIEW_FIRST',
      { planIssuedOn: '2025-03-01' },
      '2026-02-28',
      'CFA s.44: 12 months starting with 1 Mar 2025 end the day before 1 Mar 2026 = Sat 28 Feb 2026',
    ],
    [
      'ANNUAL_REVIEW_FIRST',
      { planIssuedOn: '2024-02-29' },
      '2025-02-28',
      '12 months starting with 29 Feb 2024: no 29 Feb 2025, so the last day of February = Fri 28 Feb 2025',
    ],
    [
      'ANNUAL_REVIEW_FIRST',
      { planIssuedOn: '2025-08-14' },
      '2026-08-13',
      '12 months starting with 14 Aug 2025 end Thu 13 Aug 2026',
    ],
    [
      'ANNUAL_REVIEW_NEXT',
      { previousReviewOn: '2023-03-01' },
      '2024-02-29',
      '12 months starting with 1 Mar 2023 end the day before 1 Mar 2024 = Thu 29 Feb 2024',
    ],
    [
      'ANNUAL_REVIEW_NEXT',
      { previousReviewOn: '2025-01-31' },
      '2026-01-30',
      '12 months starting with 31 Jan 2025 end Fri 30 Jan 2026',
    ],
    [
      'REVIEW_INVITATIONS',
      { meetingOn: '2025-11-20' },
      '2025-11-06',
      'meeting Thu 20 Nov − 2 weeks = Thu 6 Nov 2025',
    ],
    [
      'REVIEW_ADVICE_CIRCULATED',
      { meetingOn: '2026-03-03' },
      '2026-02-17',
      'meeting Tue 3 Mar 2026 − 14 days = Tue 17 Feb 2026',
    ],
    [
      'REVIEW_REPORT',
      { meetingOn: '2025-11-20', reviewArrangedBy: 'SCHOOL' },
      '2025-12-04',
      'meeting 20 Nov + 2 weeks = Thu 4 Dec 2025',
    ],
    [
      'REVIEW_LA_DECISION',
      { meetingOn: '2025-11-20' },
      '2025-12-18',
      'meeting 20 Nov + 4 weeks = Thu 18 Dec 2025',
    ],
    [
      'REVIEW_LA_DECISION',
      { meetingOn: '2025-12-04' },
      '2026-01-01',
      'meeting 4 Dec + 28 days = Thu 1 Jan 2026 (calendar)',
    ],
    [
      'REVIEW_FINAL_AMENDED_PLAN',
      { amendmentsSentOn: '2025-12-18' },
      '2026-02-12',
      '18 Dec + 56 days: 13 to 31 Dec, 44 to 31 Jan, 56 = Thu 12 Feb 2026',
    ],
    [
      'REVIEW_FINAL_AMENDED_PLAN',
      { amendmentsSentOn: '2024-01-05' },
      '2024-03-01',
      '5 Jan 2024 + 56 days: 26 to 31 Jan, 55 to 29 Feb, 56 = Fri 1 Mar 2024',
    ],
    [
      'PHASE_TRANSFER_15_FEB',
      { transferYear: 2026 },
      '2026-02-14',
      'reg 18(1)(b): before 15 Feb 2026 → Sat 14 Feb 2026 is the last day',
    ],
    [
      'PHASE_TRANSFER_15_FEB',
      { transferYear: 2025 },
      '2025-02-14',
      'before 15 Feb 2025 → Fri 14 Feb 2025',
    ],
    [
      'PHASE_TRANSFER_POST16_31_MAR',
      { transferYear: 2026 },
      '2026-03-30',
      'reg 18(1)(a): before 31 Mar 2026 → Mon 30 Mar 2026',
    ],
    [
      'PHASE_TRANSFER_POST16_5_MONTHS',
      { transferOn: '2026-01-05' },
      '2025-08-05',
      'at least 5 months before 5 Jan 2026 = Tue 5 Aug 2025',
    ],
    [
      'PHASE_TRANSFER_POST16_5_MONTHS',
      { transferOn: '2025-07-31' },
      '2025-02-28',
      '31 Jul − 5 months: no 31 Feb, clamps to Fri 28 Feb 2025',
    ],
    [
      'PHASE_TRANSFER_POST16_5_MONTHS',
      { transferOn: '2024-07-29' },
      '2024-02-29',
      '29 Jul 2024 − 5 months = Thu 29 Feb 2024',
    ],
    [
      'LGSCO_COMPLAINT',
      { problemKnownOn: '2025-06-10' },
      '2026-06-09',
      '12 months beginning with 10 Jun 2025 end Tue 9 Jun 2026',
    ],
    [
      'SUBJECT_ACCESS_RESPONSE',
      { accessRequestReceivedOn: '2025-01-31', dataController: 'LA' },
      '2025-02-28',
      '31 Jan + 1 month: no 31 Feb, so Fri 28 Feb 2025',
    ],
    [
      'SUBJECT_ACCESS_RESPONSE',
      { accessRequestReceivedOn: '2025-03-21', dataController: 'SCHOOL' },
      '2025-04-22',
      '21 Mar + 1 month = Mon 21 Apr 2025, Easter Monday → Tue 22 Apr 2025 (ICO: next working day)',
    ],
  ]);
});
