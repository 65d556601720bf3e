import { clockRule, days, months, workingDays, type RuleSpec } from './rule-spec';

// send-domain §1.3. The certificate clocks use SEND Regs working days (reg 2(1)), not tribunal ones.
const UNVERIFIED_REG =
  'The regulation number within SEND Regs 2014 regs 35–39 is from secondary sources; check before citing.';

export const MEDIATION_RULES = {
  MEDIATION_ADVISER_CONTACT: clockRule({
    title: 'Contact the mediation adviser',
    citation: 'SEND Regs 2014 reg 33',
    section: 'send-domain §1.3',
    clock: 'CALENDAR_MONTHS',
    period: months(2),
    dutyHolder: 'FAMILY',
    start: 'decisionLetterOn',
    explain: ({ start, due }) =>
      `If you want to appeal, you must contact the mediation adviser within 2 months after the council sent its decision on ${start} (by ${due}) and say whether you want mediation. This is not needed if your appeal is only about the school or college named in Section I.`,
  }),
  MEDIATION_CERTIFICATE_DECLINED: clockRule({
    title: 'Mediation certificate after declining mediation',
    citation: 'SEND Regs 2014 reg 34',
    section: 'send-domain §1.3',
    clock: 'SEND_REGS_WORKING_DAYS',
    period: workingDays(3),
    dutyHolder: 'MEDIATION_ADVISER',
    start: 'mediationDeclinedOn',
    explain: ({ start, due }) =>
      `The mediation adviser must send you a mediation certificate within 3 working days of you saying on ${start} that you do not want mediation (by ${due}).`,
  }),
  MEDIATION_ARRANGED: clockRule({
    title: 'Council arranges mediation',
    citation: 'SEND Regs 2014 mediation regs (30 days)',
    section: 'send-domain §1.3',
    clock: 'CALENDAR_DAYS',
    period: days(30),
    dutyHolder: 'LA',
    start: 'mediationRequestedOn',
    caveat: UNVERIFIED_REG,
    explain: ({ start, due }) =>
      `The council must arrange mediation within 30 days of you telling it on ${start} that you want mediation (by ${due}). It cannot refuse or make you attend another meeting first.`,
  }),
  MEDIATION_CERTIFICATE_AFTER_MEDIATION: clockRule({
    title: 'Mediation certificate after mediation',
    citation: 'SEND Regs 2014 mediation regs (3 working days)',
    section: 'send-domain §1.3',
    clock: 'SEND_REGS_WORKING_DAYS',
    period: workingDays(3),
    dutyHolder: 'MEDIATION_ADVISER',
    start: 'mediationEndedOn',
    caveat: UNVERIFIED_REG,
    explain: ({ start, due }) =>
      `The mediation adviser must send you a mediation certificate within 3 working days of the mediation ending on ${start} (by ${due}).`,
  }),
  MEDIATION_CERTIFICATE_NOT_ARRANGED: clockRule({
    title: 'Certificate when mediation cannot be arranged in 30 days',
    citation: 'SEND Regs 2014 mediation regs (3 working days)',
    section: 'send-domain §1.3',
    clock: 'SEND_REGS_WORKING_DAYS',
    period: workingDays(3),
    dutyHolder: 'MEDIATION_ADVISER',
    start: 'mediationNotArrangedOn',
    caveat: UNVERIFIED_REG,
    explain: ({ start, due }) =>
      `The council said on ${start} that it cannot arrange mediation within 30 days, so the mediation adviser must send you a mediation certificate within 3 working days (by ${due}).`,
  }),
  MEDIATION_HEALTH_NOTIFY_ICB: clockRule({
    title: 'Council tells the ICB about health mediation issues',
    citation: 'SEND Regs 2014 mediation regs (3 working days)',
    section: 'send-domain §1.3',
    clock: 'SEND_REGS_WORKING_DAYS',
    period: workingDays(3),
    dutyHolder: 'LA',
    start: 'mediationRequestedOn',
    caveat: UNVERIFIED_REG,
    explain: ({ start, due }) =>
      `Because your mediation includes health care provision, the council must tell the NHS (the Integrated Care Board) about it within 3 working days of you telling the council on ${start} (by ${due}).`,
  }),
  MEDIATION_HEALTH_ONLY_ARRANGED: clockRule({
    title: 'ICB arranges health-only mediation',
    citation: 'SEND Regs 2014 mediation regs (30 days)',
    section: 'send-domain §1.3',
    clock: 'CALENDAR_DAYS',
    period: days(30),
    dutyHolder: 'HEALTH_BODY',
    start: 'icbNotifiedOn',
    caveat: UNVERIFIED_REG,
    explain: ({ start, due }) =>
      `For mediation about health care only, the NHS (the Integrated Care Board) must arrange it within 30 days of the council telling it on ${start} (by ${due}).`,
  }),
} satisfies Record<string, RuleSpec>;
