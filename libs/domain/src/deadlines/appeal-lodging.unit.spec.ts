import { expectWorkedExamples } from './deadline-examples.spec-helper';

// send-domain §1.4. SEN appeal: later of letter + 2 months and certificate + 1 month, then HESC
// r.12(3)(a) (25 Dec–1 Jan, August) and r.12(2) (non-working day). DD claim: 6 months starting with
// the act, then r.12(2) only.
describe('SEN appeal lodging deadline (worked examples)', () => {
  expectWorkedExamples([
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-06-03' },
      '2025-09-01',
      'letter 3 Jun 2025 + 2 months = Sun 3 Aug 2025, in August → first working day after 31 Aug = Mon 1 Sep 2025',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-06-30' },
      '2025-09-01',
      'letter 30 Jun + 2 months = Sat 30 Aug 2025, in August → Mon 1 Sep 2025',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2026-06-15' },
      '2026-09-01',
      'letter 15 Jun 2026 + 2 months = Sat 15 Aug 2026 → Tue 1 Sep 2026 (Mon 31 Aug is in August anyway)',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-07-01' },
      '2025-09-01',
      'letter 1 Jul + 2 months = Mon 1 Sep 2025, a working day already',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-05-31' },
      '2025-07-31',
      'letter 31 May + 2 months = Thu 31 Jul 2025, not August, a working day',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2027-05-31' },
      '2027-08-02',
      'letter 31 May 2027 + 2 months = Sat 31 Jul 2027 → r.12(2) next working day Mon 2 Aug 2027 (the time ended in July, so no August rule)',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-10-25' },
      '2026-01-02',
      'letter 25 Oct + 2 months = Thu 25 Dec 2025 → first working day after 1 Jan = Fri 2 Jan 2026',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-10-31' },
      '2026-01-02',
      'letter 31 Oct + 2 months = Wed 31 Dec 2025 → Fri 2 Jan 2026',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-11-01' },
      '2026-01-02',
      'letter 1 Nov + 2 months = Thu 1 Jan 2026, inside 25 Dec–1 Jan → Fri 2 Jan 2026',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2021-10-27' },
      '2022-01-04',
      'letter 27 Oct 2021 + 2 months = Mon 27 Dec 2021 → after 1 Jan: Sun 2 Jan, Mon 3 Jan 2022 substitute holiday → Tue 4 Jan 2022',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2027-10-27' },
      '2028-01-04',
      'letter 27 Oct 2027 + 2 months = Mon 27 Dec 2027 → Sun 2 Jan, Mon 3 Jan 2028 substitute holiday → Tue 4 Jan 2028',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2022-10-24' },
      '2022-12-28',
      'letter 24 Oct 2022 + 2 months = Sat 24 Dec 2022 (before the window) → r.12(2): Sun 25, Mon 26 Boxing Day, Tue 27 Christmas substitute → Wed 28 Dec 2022',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-10-01', mediationCertificateOn: '2025-11-29' },
      '2026-01-02',
      'IPSEA example: letter 1 Oct → 1 Dec; certificate 29 Nov + 1 month = Mon 29 Dec 2025 is later, in the window → Fri 2 Jan 2026',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-09-10', mediationCertificateOn: '2025-11-20' },
      '2025-12-22',
      'certificate later: letter 10 Sep → Mon 10 Nov; certificate 20 Nov + 1 month = Sat 20 Dec 2025 wins → Mon 22 Dec 2025',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-03-14', mediationCertificateOn: '2025-04-01' },
      '2025-05-14',
      'certificate earlier: letter 14 Mar + 2 months = Wed 14 May 2025; certificate 1 Apr + 1 month = 1 May is earlier, so the letter rule wins',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2023-11-01', mediationCertificateOn: '2023-12-01' },
      '2024-01-02',
      'both limits end Mon 1 Jan 2024 → first working day after 1 Jan = Tue 2 Jan 2024',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2023-12-05', mediationCertificateOn: '2024-01-31' },
      '2024-02-29',
      'certificate 31 Jan 2024 + 1 month clamps to Thu 29 Feb 2024 (leap year), later than letter → 5 Feb',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2024-12-10', mediationCertificateOn: '2025-01-31' },
      '2025-02-28',
      'certificate 31 Jan 2025 + 1 month clamps to Fri 28 Feb 2025, later than letter → 10 Feb',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-12-31' },
      '2026-03-02',
      'letter 31 Dec 2025 + 2 months clamps to Sat 28 Feb 2026 → Mon 2 Mar 2026',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2024-12-29' },
      '2025-02-28',
      'letter 29 Dec 2024 + 2 months: no 29 Feb 2025 → Fri 28 Feb 2025',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2024-02-29' },
      '2024-04-29',
      'letter Thu 29 Feb 2024 + 2 months = Mon 29 Apr 2024',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2025-02-21' },
      '2025-04-22',
      'letter 21 Feb + 2 months = Mon 21 Apr 2025, Easter Monday → Tue 22 Apr 2025',
    ],
    [
      'SEN_APPEAL_LODGE',
      { decisionLetterOn: '2026-02-03' },
      '2026-04-07',
      'letter 3 Feb + 2 months = Fri 3 Apr 2026, Good Friday → Sat, Sun, Easter Monday 6 Apr → Tue 7 Apr 2026',
    ],
  ]);
});

describe('Disability discrimination claim deadline (worked examples)', () => {
  expectWorkedExamples([
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2025-03-15' },
      '2025-09-15',
      '6 months starting with 15 Mar 2025 end Sun 14 Sep 2025 → next working day Mon 15 Sep 2025',
    ],
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2025-02-03' },
      '2025-08-04',
      '6 months starting with 3 Feb end Sat 2 Aug 2025 → Mon 4 Aug 2025: no August extension for DD claims',
    ],
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2025-06-26' },
      '2025-12-29',
      '6 months starting with 26 Jun end Thu 25 Dec 2025 → Boxing Day, weekend → Mon 29 Dec 2025: no Christmas extension',
    ],
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2024-08-31' },
      '2025-02-28',
      '6 months starting with 31 Aug 2024: no 31 Feb, so the period ends on the last day, Fri 28 Feb 2025',
    ],
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2023-08-29' },
      '2024-02-28',
      '6 months starting with 29 Aug 2023 end the day before Thu 29 Feb 2024 = Wed 28 Feb 2024',
    ],
    [
      'DD_CLAIM_LODGE',
      { actComplainedOfOn: '2023-08-30' },
      '2024-02-29',
      '6 months starting with 30 Aug 2023: no 30 Feb, so the last day of February = Thu 29 Feb 2024',
    ],
  ]);
});
