import { ORDER_EXCEPTIONS, type OrderAction } from './deadline-input';
import { addWeeks, formatLongDate as long } from './local-date';
import { clockRule, requireDate, requireValue, weeks, type RuleSpec } from './rule-spec';

// send-domain §1.7 and §1.9. Calendar weeks from the day the order was SENT (reg 44), from the LA's
// notice that it will not oppose (reg 45), or from a mediation agreement (reg 42).

interface ActionSpec {
  readonly weeks: number | null; // null = immediately
  readonly title: string;
  readonly does: string; // completes "The council must …"
}

const ACTIONS: Record<OrderAction, ActionSpec> = {
  ASSESS_NOTIFY: {
    weeks: 2,
    title: 'Confirm the assessment will happen',
    does: 'tell you that it will carry out the EHC needs assessment (or re-assessment)',
  },
  ASSESS_NO_PLAN_NOTICE: {
    weeks: 10,
    title: 'Notice that no plan will be issued',
    does: 'tell you, with reasons, if after the assessment it decides not to issue an EHC plan,',
  },
  ASSESS_FINAL_PLAN: {
    weeks: 14,
    title: 'Final plan after the ordered assessment',
    does: 'issue the final EHC plan if after the assessment it decides a plan is needed,',
  },
  MAKE_PLAN_DRAFT: { weeks: 5, title: 'Draft EHC plan', does: 'send you a draft EHC plan' },
  MAKE_PLAN_FINAL: { weeks: 11, title: 'Final EHC plan', does: 'issue the final EHC plan' },
  AMEND_BF: {
    weeks: 5,
    title: 'Amended plan (Sections B/F)',
    does: 'issue the amended EHC plan with the changes to Sections B and/or F, and put the provision in place,',
  },
  NAME_SCHOOL: {
    weeks: 2,
    title: 'Amended plan naming the school (Section I)',
    does: 'issue the amended EHC plan naming the school or college in Section I',
  },
  CONTINUE_TO_MAINTAIN: {
    weeks: null,
    title: 'Continue to maintain the plan',
    does: 'keep maintaining the EHC plan',
  },
};

const REG45_PARAGRAPH: Partial<Record<OrderAction, string>> = {
  ASSESS_NOTIFY: '(3)',
  ASSESS_NO_PLAN_NOTICE: '(3A)(a)',
  ASSESS_FINAL_PLAN: '(3A)(b)',
  AMEND_BF: '(4)',
};

function reg44(action: OrderAction): RuleSpec {
  const { weeks: n, title, does } = ACTIONS[action];
  const base = {
    title: `Tribunal order: ${title}`,
    citation: 'SEND Regs 2014 reg 44',
    section: 'send-domain §1.7',
    dutyHolder: 'LA',
    start: 'orderMadeOn',
  } as const;
  if (n === null) {
    return clockRule({
      ...base,
      clock: 'IMMEDIATE',
      period: null,
      explain: ({ start }) =>
        `The Tribunal's order sent on ${start} means the council must ${does} from that day; it must not stop it.`,
    });
  }
  return clockRule({
    ...base,
    clock: 'CALENDAR_WEEKS',
    period: weeks(n),
    exceptions: ORDER_EXCEPTIONS,
    explain: ({ start, due }) =>
      `The council must ${does} within ${n} weeks of the Tribunal's order sent on ${start} (by ${due}).`,
  });
}

function reg45(action: OrderAction, weeksOverride?: number): RuleSpec {
  const { weeks: n, title, does } = ACTIONS[action];
  const base = {
    title: `Unopposed appeal: ${title}`,
    citation: `SEND Regs 2014 reg 45${REG45_PARAGRAPH[action] ?? ''} (as amended 2015)`,
    section: 'send-domain §1.7',
    dutyHolder: 'LA',
    start: 'laNotifiedTribunalOn',
  } as const;
  const count = weeksOverride ?? n;
  if (count === null) {
    return clockRule({
      ...base,
      clock: 'IMMEDIATE',
      period: null,
      explain: ({ start }) =>
        `The council told the Tribunal on ${start} that it would not oppose your appeal, so it must ${does}; it must not stop it.`,
    });
  }
  return clockRule({
    ...base,
    clock: 'CALENDAR_WEEKS',
    period: weeks(count),
    exceptions: ORDER_EXCEPTIONS,
    explain: ({ start, due }) =>
      `The council must ${does} within ${count} weeks of telling the Tribunal on ${start} that it would not oppose your appeal (by ${due}).`,
  });
}

/** reg 45: 2 weeks for Section I alone, 5 weeks when the appeal was also about Sections B/F. */
const reg45NameSchool: RuleSpec = {
  ...reg45('NAME_SCHOOL'),
  needs: ['laNotifiedTribunalOn', 'combinedWithContentsAppeal'],
  compute(input, ruleId) {
    const weeksDue = input.combinedWithContentsAppeal === true ? 5 : 2;
    return reg45('NAME_SCHOOL', weeksDue).compute(input, ruleId);
  },
};

const reg42Appealable: RuleSpec = {
  title: 'Mediation agreement on appealable matters',
  citation: 'SEND Regs 2014 reg 42 (reg 44 time limits)',
  section: 'send-domain §1.3, §1.7',
  clock: 'CALENDAR_WEEKS',
  period: null, // the reg 44 period for the agreed action
  dutyHolder: 'LA',
  needs: ['agreementMadeOn', 'agreedAction'],
  exceptions: [],
  compute(input, ruleId) {
    const agreedOn = requireDate(input, 'agreementMadeOn', ruleId);
    const { weeks: n, does } = ACTIONS[requireValue(input, 'agreedAction', ruleId)];
    const dueOn = n === null ? agreedOn : addWeeks(agreedOn, n);
    const within = n === null ? 'straight away' : `within ${n} weeks (by ${long(dueOn)})`;
    const explanation = `The mediation agreement of ${long(agreedOn)} binds the council as if the Tribunal had ordered it: it must ${does} ${within}.`;
    return { dueOn, explanation };
  },
};

export const ORDER_RULES = {
  REG44_ASSESS_NOTIFY: reg44('ASSESS_NOTIFY'),
  REG44_ASSESS_NO_PLAN_NOTICE: reg44('ASSESS_NO_PLAN_NOTICE'),
  REG44_ASSESS_FINAL_PLAN: reg44('ASSESS_FINAL_PLAN'),
  REG44_MAKE_PLAN_DRAFT: reg44('MAKE_PLAN_DRAFT'),
  REG44_MAKE_PLAN_FINAL: reg44('MAKE_PLAN_FINAL'),
  REG44_AMEND_BF: reg44('AMEND_BF'),
  REG44_NAME_SCHOOL: reg44('NAME_SCHOOL'),
  REG44_CONTINUE_TO_MAINTAIN: reg44('CONTINUE_TO_MAINTAIN'),
  REG45_ASSESS_NOTIFY: reg45('ASSESS_NOTIFY'),
  REG45_ASSESS_NO_PLAN_NOTICE: reg45('ASSESS_NO_PLAN_NOTICE'),
  REG45_ASSESS_FINAL_PLAN: reg45('ASSESS_FINAL_PLAN'),
  REG45_MAKE_PLAN_DRAFT: reg45('MAKE_PLAN_DRAFT'),
  REG45_MAKE_PLAN_FINAL: reg45('MAKE_PLAN_FINAL'),
  REG45_AMEND_BF: reg45('AMEND_BF'),
  REG45_NAME_SCHOOL: reg45NameSchool,
  REG45_CONTINUE_TO_MAINTAIN: reg45('CONTINUE_TO_MAINTAIN'),
  REG42_AGREEMENT_APPEALABLE: reg42Appealable,
  REG42_AGREEMENT_OTHER_ACTIONS: clockRule({
    title: 'Mediation agreement: other agreed actions',
    citation: 'SEND Regs 2014 reg 42',
    section: 'send-domain §1.3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(2),
    dutyHolder: 'LA',
    start: 'agreementMadeOn',
    explain: ({ start, due }) =>
      `The council must carry out the other actions agreed at mediation on ${start} within 2 weeks (by ${due}), unless you agreed a different timescale in writing.`,
  }),
  REG42_ICB_NOTIFY_LA: clockRule({
    title: 'ICB tells the council about its mediation agreement',
    citation: 'SEND Regs 2014 reg 42',
    section: 'send-domain §1.3',
    clock: 'CALENDAR_WEEKS',
    period: weeks(1),
    dutyHolder: 'HEALTH_BODY',
    start: 'agreementMadeOn',
    explain: ({ start, due }) =>
      `The NHS (the Integrated Care Board) reached a mediation agreement on ${start} without the council, so it must tell the council within 1 week (by ${due}).`,
  }),
  HSC_SOCIAL_CARE_RESPONSE: clockRule({
    title: 'Council responds to social care recommendations',
    citation: 'SEND (First-tier Tribunal Recommendations Power) Regs 2017',
    section: 'send-domain §1.9',
    clock: 'CALENDAR_WEEKS',
    period: weeks(5),
    dutyHolder: 'LA',
    start: 'recommendationsMadeOn',
    explain: ({ start, due }) =>
      `The council must reply in writing to the Tribunal's social care recommendations of ${start} within 5 weeks (by ${due}), giving its reasons if it will not follow them.`,
  }),
  HSC_HEALTH_RESPONSE: clockRule({
    title: 'ICB responds to health recommendations',
    citation: 'SEND (First-tier Tribunal Recommendations Power) Regs 2017',
    section: 'send-domain §1.9',
    clock: 'CALENDAR_WEEKS',
    period: weeks(5),
    dutyHolder: 'HEALTH_BODY',
    start: 'recommendationsMadeOn',
    explain: ({ start, due }) =>
      `The NHS (the Integrated Care Board) must reply in writing to the Tribunal's health recommendations of ${start} within 5 weeks (by ${due}), giving its reasons if it will not follow them.`,
  }),
} satisfies Record<string, RuleSpec>;
