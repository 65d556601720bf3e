import { phaseTransferLastDay } from './clocks';
import { addMonths, formatLongDate as long } from './local-date';
import { clockRule, months, requireDate, requireValue, weeks, type RuleSpec } from './rule-spec';
import { workingDayOnOrAfter } from './working-days';

// send-domain §2.3 (reviews, phase transfer) and the fixed periods of §2.6. Exclusion timescales
// (15 school days, 6th day, 45 days a year) are left out: school days need the school's term calendar.

function phaseTransfer(secondaryToPost16: boolean): RuleSpec {
  const fixed = secondaryToPost16 ? '31 March' : '15 February';
  return {
    title: secondaryToPost16 ? 'Phase transfer to post-16' : 'Phase transfer',
    citation: `SEND Regs 2014 reg 18(1)(${secondaryToPost16 ? 'a' : 'b'})`,
    section: 'send-domain §2.3',
    clock: 'FIXED_DATE',
    period: null,
    dutyHolder: 'LA',
    needs: ['transferYear'],
    exceptions: [],
    compute(input, ruleId) {
      const year = requireValue(input, 'transferYear', ruleId);
      const dueOn = phaseTransferLastDay(
        year,
        secondaryToPost16 ? 'SECONDARY_TO_POST16' : 'ANY_OTHER_PHASE',
      );
      const move = secondaryToPost16
        ? 'moves from secondary school to a post-16 institution'
        : 'moves to a new phase of education';
      const explanation = `Because the move happens in ${year} (your child ${move}), the council must review the EHC plan and, where needed, amend it to name the new setting before ${fixed} ${year}, so by ${long(dueOn)} at the latest.`;
      return { dueOn, explanation };
    },
  };
}

const subjectAccess: RuleSpec = {
  title: 'Answer a subject access request',
  citation: 'UK GDPR Art 12(3), Art 15',
  section: 'send-domain §2.6',
  clock: 'CALENDAR_MONTHS_NEXT_WORKING_DAY',
  period: months(1),
  dutyHolder: 'LA',
  needs: ['accessRequestReceivedOn', 'dataController'],
  exceptions: [],
  compute(input, ruleId) {
    const receivedOn = requireDate(input, 'accessRequestReceivedOn', ruleId);
    const controller = requireValue(input, 'dataController', ruleId);
    const dueOn = workingDayOnOrAfter(addMonths(receivedOn, 1)); // ICO: next working day
    const who = { LA: 'council', SCHOOL: 'school', HEALTH_BODY: 'health body' }[controller];
    const explanation = `The ${who} must answer your request for your personal data within one month of receiving it on ${long(receivedOn)} (by ${long(dueOn)}). It can extend this by up to two more months for complex requests, but must tell you within the first month.`;
    return { dueOn, explanation, dutyHolder: controller };
  },
};

const reviewReport: RuleSpec = {
  ...clockRule({
    title: 'Review meeting report',
    citation: 'SEND Regs 2014 reg 20, reg 21(7)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(2),
    dutyHolder: 'LA',
    start: 'meetingOn',
    explain: ({ start, due }) =>
      `A report of the review meeting held on ${start}, with recommendations on any changes to the plan, must be sent out within 2 weeks (by ${due}).`,
  }),
  needs: ['meetingOn', 'reviewArrangedBy'],
};

export const REVIEW_RULES = {
  ANNUAL_REVIEW_FIRST: clockRule({
    title: 'First annual review',
    citation: 'CFA 2014 s.44(1)(a)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_MONTHS_STARTING_WITH',
    period: months(12),
    dutyHolder: 'LA',
    start: 'planIssuedOn',
    explain: ({ start, due }) =>
      `The council must review the EHC plan within the 12 months starting with the day it was made (${start}), so by ${due}.`,
  }),
  ANNUAL_REVIEW_NEXT: clockRule({
    title: 'Next annual review',
    citation: 'CFA 2014 s.44(1)(b)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_MONTHS_STARTING_WITH',
    period: months(12),
    dutyHolder: 'LA',
    start: 'previousReviewOn',
    explain: ({ start, due }) =>
      `The council must review the EHC plan again within the 12 months starting with the last review (${start}), so by ${due}.`,
  }),
  REVIEW_INVITATIONS: clockRule({
    title: 'Review meeting invitations',
    citation: 'SEND Regs 2014 reg 20(3), reg 21(3)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_WEEKS_BEFORE',
    period: weeks(2),
    dutyHolder: 'LA',
    start: 'meetingOn',
    explain: ({ start, due }) =>
      `Everyone must get at least 2 weeks' notice of the review meeting on ${start}, so the invitations must go out by ${due}.`,
  }),
  REVIEW_ADVICE_CIRCULATED: clockRule({
    title: 'Review advice circulated',
    citation: 'SEND Regs 2014 reg 20(4), reg 21(4)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_WEEKS_BEFORE',
    period: weeks(2),
    dutyHolder: 'LA',
    start: 'meetingOn',
    explain: ({ start, due }) =>
      `The advice and information for the review meeting on ${start} must be sent to everyone invited at least 2 weeks before it (by ${due}).`,
  }),
  REVIEW_REPORT: {
    ...reviewReport,
    compute(input, ruleId) {
      const computed = reviewReport.compute(input, ruleId);
      return { ...computed, dutyHolder: input.reviewArrangedBy ?? 'LA' };
    },
  },
  REVIEW_LA_DECISION: clockRule({
    title: 'Council decision after the review',
    citation: 'SEND Regs 2014 regs 20–21',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(4),
    dutyHolder: 'LA',
    start: 'meetingOn',
    explain: ({ start, due }) =>
      `The council must tell you whether it will keep, amend or stop the EHC plan within 4 weeks of the review meeting on ${start} (by ${due}); if it will amend it, the proposed changes must come with that decision.`,
  }),
  REVIEW_FINAL_AMENDED_PLAN: clockRule({
    title: 'Final amended plan after review',
    citation: 'SEND Regs 2014 reg 22(3)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(8),
    dutyHolder: 'LA',
    start: 'amendmentsSentOn',
    explain: ({ start, due }) =>
      `The council must issue the final amended EHC plan within 8 weeks of sending you the proposed changes on ${start} (by ${due}).`,
  }),
  PHASE_TRANSFER_15_FEB: phaseTransfer(false),
  PHASE_TRANSFER_POST16_31_MAR: phaseTransfer(true),
  PHASE_TRANSFER_POST16_5_MONTHS: clockRule({
    title: 'Post-16 to post-16 transfer',
    citation: 'SEND Regs 2014 reg 18(2)',
    section: 'send-domain §2.3',
    clock: 'CALENDAR_MONTHS_BEFORE',
    period: months(5),
    dutyHolder: 'LA',
    start: 'transferOn',
    explain: ({ start, due }) =>
      `Because the young person is due to move to another post-16 institution on ${start}, the council must review the EHC plan and, where needed, amend it to name the new institution at least 5 months before (by ${due}).`,
  }),
  LGSCO_COMPLAINT: clockRule({
    title: 'Complain to the Ombudsman',
    citation: 'Local Government Act 1974 s.26B',
    section: 'send-domain §2.6',
    clock: 'CALENDAR_MONTHS_STARTING_WITH',
    period: months(12),
    dutyHolder: 'FAMILY',
    start: 'problemKnownOn',
    explain: ({ start, due }) =>
      `A complaint to the Local Government and Social Care Ombudsman should normally be made within 12 months of first knowing about the problem (${start}), so by ${due}. You usually need to complain to the council first, and the Ombudsman cannot look at matters you could appeal to the Tribunal.`,
  }),
  SUBJECT_ACCESS_RESPONSE: subjectAccess,
} satisfies Record<string, RuleSpec>;
