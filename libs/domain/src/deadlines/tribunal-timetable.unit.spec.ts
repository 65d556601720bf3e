import { expectWorkedExamples } from './deadline-examples.spec-helper';

// send-domain §1.4 (challenges), §1.5 (tribunal working days: no weekends, bank holidays,
// 25 Dec–1 Jan or August) and §1.8.
describe('Challenging a decision: 28 days / 1 month, 25 Dec–1 Jan and August not counted', () => {
  expectWorkedExamples([
    [
      'FTT_SET_ASIDE',
      { tribunalDecisionSentOn: '2025-12-10' },
      '2026-01-15',
      'sent 10 Dec 2025: 11–24 Dec = 14 days, skip 25 Dec–1 Jan, 2–15 Jan = days 15–28 → Thu 15 Jan 2026',
    ],
    [
      'FTT_SET_ASIDE',
      { tribunalDecisionSentOn: '2025-07-20' },
      '2025-09-17',
      'sent 20 Jul 2025: 21–31 Jul = 11 days, skip August, 1–17 Sep = days 12–28 → Wed 17 Sep 2025',
    ],
    [
      'FTT_SET_ASIDE',
      { tribunalDecisionSentOn: '2025-03-03' },
      '2025-03-31',
      'sent 3 Mar 2025 + 28 days = Mon 31 Mar 2025, nothing excluded',
    ],
    [
      'FTT_PERMISSION_TO_APPEAL',
      { tribunalDecisionSentOn: '2026-03-09' },
      '2026-04-07',
      'sent 9 Mar 2026 + 28 days = Mon 6 Apr 2026, Easter Monday → Tue 7 Apr 2026',
    ],
    [
      'FTT_PERMISSION_TO_APPEAL',
      { tribunalDecisionSentOn: '2025-12-20' },
      '2026-01-26',
      'sent 20 Dec 2025: 21–24 Dec = 4 days, skip to 2 Jan; 2–25 Jan = days 5–28 → Sun 25 Jan 2026 → Mon 26 Jan 2026',
    ],
    [
      'FTT_REVIEW',
      { tribunalDecisionSentOn: '2026-12-01' },
      '2027-01-06',
      'sent 1 Dec 2026: 2–24 Dec = 23 days, skip 25 Dec–1 Jan, 2–6 Jan = days 24–28 → Wed 6 Jan 2027',
    ],
    [
      'FTT_REVIEW',
      { tribunalDecisionSentOn: '2025-08-05' },
      '2025-09-29',
      'sent 5 Aug 2025: the rest of August does not count; 1–28 Sep = 28 days → Sun 28 Sep → Mon 29 Sep 2025',
    ],
    [
      'UT_PERMISSION_APPLICATION',
      { permissionRefusedOn: '2025-03-10' },
      '2025-04-10',
      '10 Mar → 10 Apr is 31 days, none excluded → Thu 10 Apr 2025',
    ],
    [
      'UT_PERMISSION_APPLICATION',
      { permissionRefusedOn: '2025-07-15' },
      '2025-09-15',
      '15 Jul → 15 Aug is 31 days: 16–31 Jul = 16, skip August, 1–15 Sep = 15 → Mon 15 Sep 2025',
    ],
    [
      'UT_PERMISSION_APPLICATION',
      { permissionRefusedOn: '2025-12-10' },
      '2026-01-19',
      '10 Dec → 10 Jan is 31 days: 11–24 Dec = 14, skip 25 Dec–1 Jan, 2–18 Jan = 17 → Sun 18 Jan → Mon 19 Jan 2026',
    ],
    [
      'UT_PERMISSION_APPLICATION',
      { permissionRefusedOn: '2026-01-31' },
      '2026-03-02',
      '31 Jan → 28 Feb 2026 (clamped) is 28 days, none excluded → Sat 28 Feb → Mon 2 Mar 2026',
    ],
  ]);
});

describe('Tribunal timetable in tribunal working days', () => {
  expectWorkedExamples([
    [
      'TRIBUNAL_REGISTRATION',
      { appealLodgedOn: '2025-03-03' },
      '2025-03-17',
      'lodged Mon 3 Mar: 4–7 Mar (4), 10–14 Mar (9), Mon 17 Mar 2025 (10)',
    ],
    [
      'TRIBUNAL_REGISTRATION',
      { appealLodgedOn: '2025-04-14' },
      '2025-04-30',
      'lodged Mon 14 Apr: 15–17 Apr (3), Good Friday and Easter Monday skipped, 22–25 Apr (7), 28–30 Apr (10) → Wed 30 Apr 2025',
    ],
    [
      'TRIBUNAL_REGISTRATION',
      { appealLodgedOn: '2025-07-28' },
      '2025-09-09',
      'lodged Mon 28 Jul: 29–31 Jul (3), August skipped, 1–5 Sep (8), 8–9 Sep (10) → Tue 9 Sep 2025',
    ],
    [
      'TRIBUNAL_REGISTRATION',
      { appealLodgedOn: '2025-12-19' },
      '2026-01-12',
      'lodged Fri 19 Dec: 22–24 Dec (3), 25 Dec–1 Jan skipped, Fri 2 Jan (4), 5–9 Jan (9), Mon 12 Jan 2026 (10)',
    ],
    [
      'LA_RESPONSE',
      { laReceivedAppealOn: '2025-06-02' },
      '2025-07-14',
      'received Mon 2 Jun: June 3–30 = 20 working days, 1–11 Jul = 29, Mon 14 Jul 2025 = 30',
    ],
    [
      'LA_RESPONSE',
      { laReceivedAppealOn: '2025-07-01' },
      '2025-09-10',
      'received Tue 1 Jul: 2–31 Jul = 22, August skipped, 1–5 Sep = 27, 8–10 Sep = 30 → Wed 10 Sep 2025',
    ],
    [
      'LA_RESPONSE',
      { laReceivedAppealOn: '2025-11-17' },
      '2026-01-06',
      'received Mon 17 Nov: 18–28 Nov = 9, 1–24 Dec = 27, window skipped, Fri 2 Jan = 28, 5–6 Jan = 30 → Tue 6 Jan 2026',
    ],
    [
      'HEARING_BUNDLE',
      { hearingOn: '2025-11-20' },
      '2025-11-06',
      'hearing Thu 20 Nov: back 19, 18, 17, 14, 13, 12, 11, 10, 7, 6 Nov → Thu 6 Nov 2025',
    ],
    [
      'HEARING_BUNDLE',
      { hearingOn: '2025-09-10' },
      '2025-07-29',
      'hearing Wed 10 Sep: back 9, 8, 5, 4, 3, 2, 1 Sep (7), August skipped, 31, 30, 29 Jul → Tue 29 Jul 2025',
    ],
    [
      'HEARING_BUNDLE',
      { hearingOn: '2026-01-08' },
      '2025-12-17',
      'hearing Thu 8 Jan 2026: back 7, 6, 5, 2 Jan (4), 25 Dec–1 Jan skipped, 24, 23, 22, 19, 18, 17 Dec → Wed 17 Dec 2025',
    ],
    [
      'HEARING_BUNDLE',
      { hearingOn: '2026-04-14' },
      '2026-03-27',
      'hearing Tue 14 Apr 2026: back 13, 10, 9, 8, 7 Apr (5), Easter Monday and Good Friday skipped, 2, 1 Apr, 31, 30, 27 Mar → Fri 27 Mar 2026',
    ],
    [
      'TRIBUNAL_DECISION',
      { hearingOn: '2025-07-24' },
      '2025-09-05',
      'hearing Thu 24 Jul: 25, 28, 29, 30, 31 Jul (5), August skipped, 1–5 Sep (10) → Fri 5 Sep 2025',
    ],
    [
      'TRIBUNAL_DECISION',
      { hearingOn: '2027-12-15' },
      '2028-01-06',
      'hearing Wed 15 Dec 2027: 16–24 Dec = 7, window skipped, Sun 2 Jan, Mon 3 Jan substitute holiday, 4–6 Jan = 10 → Thu 6 Jan 2028',
    ],
  ]);
});

describe('Mediation (SEND Regs working days: no weekends, Christmas Day, Good Friday, bank holidays)', () => {
  expectWorkedExamples([
    [
      'MEDIATION_ADVISER_CONTACT',
      { decisionLetterOn: '2025-03-03' },
      '2025-05-03',
      'letter 3 Mar + 2 months = Sat 3 May 2025: a SEND Regs limit, no weekend roll-forward',
    ],
    [
      'MEDIATION_ADVISER_CONTACT',
      { decisionLetterOn: '2025-06-03' },
      '2025-08-03',
      'letter 3 Jun + 2 months = Sun 3 Aug 2025: unlike the appeal, no August extension',
    ],
    [
      'MEDIATION_CERTIFICATE_DECLINED',
      { mediationDeclinedOn: '2025-04-17' },
      '2025-04-24',
      'declined Thu 17 Apr: Good Friday, weekend, Easter Monday skipped; 22, 23, 24 Apr → Thu 24 Apr 2025',
    ],
    [
      'MEDIATION_CERTIFICATE_DECLINED',
      { mediationDeclinedOn: '2025-08-22' },
      '2025-08-28',
      'declined Fri 22 Aug: Mon 25 Aug bank holiday; 26, 27, 28 Aug count (August is not excluded here) → Thu 28 Aug 2025',
    ],
    [
      'MEDIATION_CERTIFICATE_DECLINED',
      { mediationDeclinedOn: '2025-12-23' },
      '2025-12-30',
      'declined Tue 23 Dec: 24 Dec (1), 25–28 Dec skipped, Mon 29 (2), Tue 30 Dec 2025 (3)',
    ],
    [
      'MEDIATION_CERTIFICATE_AFTER_MEDIATION',
      { mediationEndedOn: '2026-12-23' },
      '2026-12-30',
      'ended Wed 23 Dec 2026: Thu 24 (1), Christmas, weekend, Mon 28 Dec Boxing Day substitute skipped, 29 (2), Wed 30 Dec 2026 (3)',
    ],
    [
      'MEDIATION_CERTIFICATE_NOT_ARRANGED',
      { mediationNotArrangedOn: '2027-12-23' },
      '2027-12-30',
      'notified Thu 23 Dec 2027: Fri 24 (1), weekend, Mon 27 and Tue 28 Dec substitutes skipped, 29 (2), Thu 30 Dec 2027 (3)',
    ],
    [
      'MEDIATION_HEALTH_NOTIFY_ICB',
      { mediationRequestedOn: '2025-05-02' },
      '2025-05-08',
      'requested Fri 2 May: weekend and Mon 5 May Early May bank holiday skipped; 6, 7, 8 May → Thu 8 May 2025',
    ],
    [
      'MEDIATION_ARRANGED',
      { mediationRequestedOn: '2025-01-15' },
      '2025-02-14',
      '15 Jan 2025 + 30 calendar days = Fri 14 Feb 2025',
    ],
    [
      'MEDIATION_HEALTH_ONLY_ARRANGED',
      { icbNotifiedOn: '2024-02-10' },
      '2024-03-11',
      '10 Feb 2024 + 30 days: 19 days to Thu 29 Feb (leap year), 11 more → Mon 11 Mar 2024',
    ],
  ]);
});
