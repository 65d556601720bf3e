import {
  endOfMonthsStartingWith,
  senAppealRollForward,
  tribunalCountedDays,
  tribunalCountedMonths,
} from './clocks';
import {
  addMonths,
  compareDates,
  datePartsOf,
  formatLongDate as long,
  type LocalDate,
} from './local-date';
import { days, months, optionalDate, requireDate, type RuleSpec } from './rule-spec';
import { workingDayOnOrAfter } from './working-days';

// send-domain §1.4 and §1.8: starting and challenging tribunal proceedings (HESC Rules 2008 r.12, r.20).

function senAppealRollNote(lastDay: LocalDate, dueOn: LocalDate): string {
  if (lastDay === dueOn) return '';
  const { month, day } = datePartsOf(lastDay);
  if (month === 8) {
    return ` ${long(lastDay)} is in August, so the appeal is in time on the first working day after 31 August.`;
  }
  if ((month === 12 && day >= 25) || (month === 1 && day === 1)) {
    return ` ${long(lastDay)} is between 25 December and 1 January, so the appeal is in time on the first working day after 1 January.`;
  }
  return ` ${long(lastDay)} is not a working day, so the appeal is in time on the next working day.`;
}

const senAppealLodge: RuleSpec = {
  title: 'Lodge an SEN appeal',
  citation: 'HESC Rules 2008 r.20(1)(c), r.12(2)–(3)(a)',
  section: 'send-domain §1.4',
  clock: 'SEN_APPEAL_LODGING',
  period: months(2),
  dutyHolder: 'FAMILY',
  needs: ['decisionLetterOn', 'mediationCertificateOn'],
  exceptions: [],
  compute(input, ruleId) {
    const letterOn = requireDate(input, 'decisionLetterOn', ruleId);
    const certificateOn = optionalDate(input, 'mediationCertificateOn');
    const letterLimit = addMonths(letterOn, 2);
    const certificateLimit = certificateOn === undefined ? undefined : addMonths(certificateOn, 1);
    // r.20(1)(c)(ii): the certificate month counts only if it ends later than the two months.
    const lastDay =
      certificateLimit !== undefined && compareDates(certificateLimit, letterLimit) > 0
        ? certificateLimit
        : letterLimit;
    const dueOn = senAppealRollForward(lastDay);
    const certificatePart =
      certificateOn === undefined || certificateLimit === undefined
        ? ''
        : `, or 1 month from the mediation certificate of ${long(certificateOn)} (${long(certificateLimit)}), whichever is later`;
    const explanation =
      `Your appeal must reach the Tribunal by 5pm on ${long(dueOn)}. ` +
      `The time limit is 2 months after the decision letter was sent on ${long(letterOn)} (${long(letterLimit)})${certificatePart}.` +
      senAppealRollNote(lastDay, dueOn);
    return { dueOn, explanation };
  },
};

const ddClaimLodge: RuleSpec = {
  title: 'Lodge a disability discrimination claim',
  citation: 'Equality Act 2010 Sch 17 para 4(1); HESC Rules 2008 r.20(1)(a), r.12(2)',
  section: 'send-domain §1.4, §1.10',
  clock: 'DD_CLAIM_LODGING',
  period: months(6),
  dutyHolder: 'FAMILY',
  needs: ['actComplainedOfOn'],
  exceptions: [],
  // send-domain §1.4's table (after IPSEA) says the Christmas/August extensions do not apply to DD
  // claims, and that is what we do. The UT r.12(3) text, and IPSEA's summary of HESC r.12(3), name
  // "disability discrimination in schools" cases too: confirm the FTT wording before relying on it.
  caveat:
    'HESC r.12(3) may extend Christmas/August last days for DD-in-schools claims too; not applied here.',
  compute(input, ruleId) {
    const actOn = requireDate(input, 'actComplainedOfOn', ruleId);
    const lastDay = endOfMonthsStartingWith(actOn, 6);
    const dueOn = workingDayOnOrAfter(lastDay);
    const moved =
      lastDay === dueOn
        ? ''
        : ` ${long(lastDay)} is not a working day, so the claim is in time on the next working day.`;
    const explanation =
      `Your disability discrimination claim must reach the Tribunal by 5pm on ${long(dueOn)}. ` +
      `The time limit is the 6 months starting with the date of the act complained of (${long(actOn)}), which end on ${long(lastDay)}.` +
      `${moved} If the discrimination went on over a period, the 6 months run from the last act.`;
    return { dueOn, explanation };
  },
};

const EXCLUDED_DAYS_CAVEAT =
  'HESC r.12(3)(b) (days 25 Dec–1 Jan and August not counted) is from IPSEA’s summary; the UT Rules r.12(3) text is verified. Not applied where the Tribunal directs a date (r.12(4)).';

function challengeRule(title: string, citation: string, what: string): RuleSpec {
  return {
    title,
    citation: `${citation}; r.12(2)–(3)(b)`,
    section: 'send-domain §1.4, §1.8',
    clock: 'TRIBUNAL_COUNTED_DAYS',
    period: days(28),
    dutyHolder: 'FAMILY',
    needs: ['tribunalDecisionSentOn'],
    exceptions: [],
    caveat: EXCLUDED_DAYS_CAVEAT,
    compute(input, ruleId) {
      const sentOn = requireDate(input, 'tribunalDecisionSentOn', ruleId);
      const dueOn = tribunalCountedDays(sentOn, 28);
      const explanation = `${what} must reach the Tribunal by 5pm on ${long(dueOn)}: 28 days from the decision being sent on ${long(sentOn)}, not counting 25 December to 1 January or any day in August, and moved off a weekend or bank holiday. Either party can apply.`;
      return { dueOn, explanation };
    },
  };
}

const utPermissionApplication: RuleSpec = {
  title: 'Apply to the Upper Tribunal for permission to appeal',
  citation: 'Upper Tribunal Rules 2008 r.21(3)(b), r.12(2)–(3)',
  section: 'send-domain §1.4, §1.8',
  clock: 'TRIBUNAL_COUNTED_MONTHS',
  period: months(1),
  dutyHolder: 'FAMILY',
  needs: ['permissionRefusedOn'],
  exceptions: [],
  // A month with uncounted days inside it: the month's calendar days, each counted as r.12(3) says.
  caveat: 'How r.12(3) shortens a month is not spelled out; we count the month’s days one by one.',
  compute(input, ruleId) {
    const refusedOn = requireDate(input, 'permissionRefusedOn', ruleId);
    const dueOn = tribunalCountedMonths(refusedOn, 1);
    const explanation = `If the Tribunal refused permission to appeal (refusal sent on ${long(refusedOn)}), your application to the Upper Tribunal (form UT4) must arrive by 5pm on ${long(dueOn)}: 1 month, not counting 25 December to 1 January or any day in August, and moved off a weekend or bank holiday.`;
    return { dueOn, explanation };
  },
};

export const TRIBUNAL_RULES = {
  SEN_APPEAL_LODGE: senAppealLodge,
  DD_CLAIM_LODGE: ddClaimLodge,
  FTT_SET_ASIDE: challengeRule(
    'Apply to set aside the decision',
    'HESC Rules 2008 r.45',
    'An application to set aside the decision',
  ),
  FTT_REVIEW: challengeRule(
    'Apply for a review of the decision',
    'HESC Rules 2008 r.48',
    'An application for a review of the decision',
  ),
  FTT_PERMISSION_TO_APPEAL: challengeRule(
    'Ask the Tribunal for permission to appeal',
    'HESC Rules 2008 r.46',
    'An application for permission to appeal to the Upper Tribunal',
  ),
  UT_PERMISSION_APPLICATION: utPermissionApplication,
} satisfies Record<string, RuleSpec>;
