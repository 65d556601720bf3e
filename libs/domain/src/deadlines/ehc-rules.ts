import { addWeeks, formatLongDate as long } from './local-date';
import { REG8_EXCEPTIONS, T7_EXCEPTIONS } from './deadline-input';
import { clockRule, days, requireDate, requireValue, weeks, type RuleSpec } from './rule-spec';

// send-domain §2.1–2.2. Calendar weeks and days: the regulations say "within 20 weeks", not working
// weeks. T4/T5 (15 days to comment / for a school to answer) are minimum periods, not due dates.

const ADVICE_GIVER = {
  HEALTH_BODY: 'The health service',
  LA: "The council's own service (such as educational psychology or social care)",
  SCHOOL: 'The school or college',
} as const;

const adviceWithin6Weeks: RuleSpec = {
  title: 'Advice for the EHC needs assessment',
  citation: 'SEND Regs 2014 reg 8(1)',
  section: 'send-domain §2.1 T2',
  clock: 'CALENDAR_WEEKS',
  period: weeks(6),
  dutyHolder: 'HEALTH_BODY',
  needs: ['adviceRequestedOn', 'adviceFrom'],
  exceptions: REG8_EXCEPTIONS,
  compute(input, ruleId) {
    const requestedOn = requireDate(input, 'adviceRequestedOn', ruleId);
    const giver = requireValue(input, 'adviceFrom', ruleId);
    const dueOn = addWeeks(requestedOn, 6);
    const explanation = `${ADVICE_GIVER[giver]} must give the advice the council asked for within 6 weeks of receiving the request on ${long(requestedOn)} (by ${long(dueOn)}).`;
    return { dueOn, explanation, dutyHolder: giver };
  },
};

export const EHC_RULES = {
  EHC_ASSESS_DECISION_6WK: clockRule({
    title: 'Decision whether to assess',
    citation: 'SEND Regs 2014 reg 5(1)',
    section: 'send-domain §2.1 T1',
    clock: 'CALENDAR_WEEKS',
    period: weeks(6),
    dutyHolder: 'LA',
    start: 'requestReceivedOn',
    exceptions: T7_EXCEPTIONS,
    explain: ({ start, due }) =>
      `The council must tell you whether it will carry out an EHC needs assessment within 6 weeks of receiving the request on ${start} (by ${due}).`,
  }),
  EHC_ADVICE_6WK: adviceWithin6Weeks,
  EHC_NO_PLAN_NOTICE_16WK: clockRule({
    title: 'Notice that no plan will be issued',
    citation: 'SEND Regs 2014 reg 10(1)',
    section: 'send-domain §2.1 T3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(16),
    dutyHolder: 'LA',
    start: 'requestReceivedOn',
    exceptions: T7_EXCEPTIONS,
    explain: ({ start, due }) =>
      `If the council decides after the assessment not to issue an EHC plan, it must tell you within 16 weeks of receiving the request on ${start} (by ${due}).`,
  }),
  EHC_FINAL_PLAN_20WK: clockRule({
    title: 'Final EHC plan',
    citation: 'SEND Regs 2014 reg 13(2)',
    section: 'send-domain §2.1 T6',
    clock: 'CALENDAR_WEEKS',
    period: weeks(20),
    dutyHolder: 'LA',
    start: 'requestReceivedOn',
    exceptions: T7_EXCEPTIONS,
    explain: ({ start, due }) =>
      `The council must issue the final EHC plan within 20 weeks of receiving the request on ${start} (by ${due}).`,
  }),
  REASSESS_DECISION_15D: clockRule({
    title: 'Decision whether to re-assess',
    citation: 'SEND Regs 2014 reg 25(1)',
    section: 'send-domain §2.2',
    clock: 'CALENDAR_DAYS',
    period: days(15),
    dutyHolder: 'LA',
    start: 'reassessmentRequestReceivedOn',
    explain: ({ start, due }) =>
      `The council must tell you whether it will re-assess within 15 days of receiving the request on ${start} (by ${due}).`,
  }),
  REASSESS_FINAL_PLAN_14WK: clockRule({
    title: 'Plan after re-assessment',
    citation: 'SEND Regs 2014 reg 27(2)',
    section: 'send-domain §2.2',
    clock: 'CALENDAR_WEEKS',
    period: weeks(14),
    dutyHolder: 'LA',
    start: 'reassessmentNotifiedOn',
    exceptions: T7_EXCEPTIONS,
    explain: ({ start, due }) =>
      `If the council amends or replaces the EHC plan after the re-assessment it notified on ${start}, it must issue the final plan within 14 weeks (by ${due}).`,
  }),
} satisfies Record<string, RuleSpec>;
