import type { DeadlineRuleId } from '../deadlines/deadline-rules';
import { formatLongDate as long } from '../deadlines/local-date';
import type { BreachType } from './case.types';
import { byDueOnThenKey, deadlinesAsOf, type CaseDeadline } from './deadline-tracker.evaluation';
import type { DeadlineTracker } from './deadline-tracker.state';

export type NextActionKind = 'FAMILY_DEADLINE' | 'CHASE_OVERDUE' | 'WAIT';

/** What the family can do next, in plain English. */
export interface NextAction {
  readonly key: string;
  readonly kind: NextActionKind;
  readonly dueOn: string;
  readonly text: string;
  readonly deadlineKey: string;
}

/** What the duty-holder must do ("must …") and, when late, is late doing ("is 12 days late …"). */
interface Duty {
  readonly must: string;
  readonly doing: string;
}

const ORDER_DUTY: Duty = {
  must: 'do what the Tribunal ordered',
  doing: 'doing what the Tribunal ordered',
};
const MEDIATION_AGREEMENT_DUTY: Duty = {
  must: 'do what was agreed at mediation',
  doing: 'doing what was agreed at mediation',
};
const CERTIFICATE_DUTY: Duty = {
  must: 'send you the mediation certificate',
  doing: 'sending the mediation certificate',
};
const REVIEW_DUTY: Duty = {
  must: 'hold the annual review of the EHC plan',
  doing: 'holding the annual review of the EHC plan',
};
const TRANSFER_DUTY: Duty = {
  must: 'review the EHC plan and amend it for the move to the new school or college',
  doing: 'amending the EHC plan for the move to the new school or college',
};
const RECOMMENDATIONS_DUTY: Duty = {
  must: "reply in writing to the Tribunal's recommendations",
  doing: "replying to the Tribunal's recommendations",
};

const DUTIES: Partial<Record<DeadlineRuleId, Duty>> = {
  EHC_ASSESS_DECISION_6WK: {
    must: 'tell you whether it will carry out an EHC needs assessment',
    doing: 'deciding whether to carry out an EHC needs assessment',
  },
  EHC_ADVICE_6WK: {
    must: 'give its advice for the EHC needs assessment',
    doing: 'giving its advice for the EHC needs assessment',
  },
  EHC_NO_PLAN_NOTICE_16WK: {
    must: 'tell you if it decides not to issue an EHC plan',
    doing: 'telling you whether it will issue an EHC plan',
  },
  EHC_FINAL_PLAN_20WK: { must: 'issue the final EHC plan', doing: 'issuing the final EHC plan' },
  REASSESS_DECISION_15D: {
    must: 'tell you whether it will re-assess',
    doing: 'deciding whether to re-assess',
  },
  REASSESS_FINAL_PLAN_14WK: {
    must: 'issue the EHC plan after the re-assessment',
    doing: 'issuing the EHC plan after the re-assessment',
  },
  ANNUAL_REVIEW_FIRST: REVIEW_DUTY,
  ANNUAL_REVIEW_NEXT: REVIEW_DUTY,
  REVIEW_LA_DECISION: {
    must: 'tell you its decision after the review meeting',
    doing: 'telling you its decision after the review meeting',
  },
  REVIEW_FINAL_AMENDED_PLAN: {
    must: 'issue the final amended EHC plan',
    doing: 'issuing the final amended EHC plan',
  },
  PHASE_TRANSFER_15_FEB: TRANSFER_DUTY,
  PHASE_TRANSFER_POST16_31_MAR: TRANSFER_DUTY,
  PHASE_TRANSFER_POST16_5_MONTHS: TRANSFER_DUTY,
  MEDIATION_ARRANGED: { must: 'arrange mediation', doing: 'arranging mediation' },
  MEDIATION_CERTIFICATE_DECLINED: CERTIFICATE_DUTY,
  MEDIATION_CERTIFICATE_AFTER_MEDIATION: CERTIFICATE_DUTY,
  TRIBUNAL_REGISTRATION: { must: 'register your appeal', doing: 'registering your appeal' },
  LA_RESPONSE: { must: 'send its response to the appeal', doing: 'responding to the appeal' },
  HEARING_BUNDLE: { must: 'send the hearing bundle', doing: 'sending the hearing bundle' },
  TRIBUNAL_DECISION: { must: 'send its decision', doing: 'sending its decision' },
  HSC_SOCIAL_CARE_RESPONSE: RECOMMENDATIONS_DUTY,
  HSC_HEALTH_RESPONSE: RECOMMENDATIONS_DUTY,
};

const dutyOf = (d: CaseDeadline): Duty => {
  const known = DUTIES[d.ruleId];
  if (known) return known;
  if (d.ruleId.startsWith('REG42_')) return MEDIATION_AGREEMENT_DUTY;
  if (d.ruleId.startsWith('REG44_') || d.ruleId.startsWith('REG45_')) return ORDER_DUTY;
  const title = d.title.toLowerCase();
  return { must: `meet the deadline for "${title}"`, doing: `with "${title}"` };
};

/** send-domain §3 "usual escalation" and §7 (IPSEA model letters), without links. */
const ESCALATION: Record<BreachType, string> = {
  TIMESCALE_ASSESS_DECISION:
    "You can complain to the council and then to the Local Government and Social Care Ombudsman; IPSEA's model letter 9 covers this.",
  TIMESCALE_ADVICE:
    'Waiting lists are not a lawful excuse. You can complain to the body concerned, and ask the council to chase it: the council still has to meet the 20-week limit for the plan.',
  TIMESCALE_NO_PLAN_16WK:
    'You can complain to the council and then to the Local Government and Social Care Ombudsman.',
  TIMESCALE_FINAL_PLAN_20WK:
    "You can complain to the council and then the Local Government and Social Care Ombudsman; IPSEA's model letter 10 covers this.",
  TIMESCALE_REASSESS:
    'You can complain to the council and then to the Local Government and Social Care Ombudsman.',
  ANNUAL_REVIEW_LATE:
    "You can complain to the council and then to the Local Government and Social Care Ombudsman; IPSEA's model letter 15 covers a late final amended plan.",
  PHASE_TRANSFER_LATE:
    'Write to the council now: when a phase transfer deadline is missed, a letter before judicial review is the usual next step.',
  PROVISION_NOT_DELIVERED:
    "Write to the council (IPSEA's model letter 6), then complain to the Local Government and Social Care Ombudsman.",
  NO_SUITABLE_EDUCATION:
    'You can complain to the council and then to the Local Government and Social Care Ombudsman.',
  TRIBUNAL_ORDER_NOT_IMPLEMENTED:
    "The Tribunal cannot enforce its orders. Write to the council (IPSEA's model letter 16), then complain to the Secretary of State for Education (Education Act 1996 ss.496–497); judicial review is the last resort.",
  HSC_RECOMMENDATION_IGNORED:
    'Ask for the written reply. You can complain to the Local Government and Social Care Ombudsman (social care) or the Parliamentary and Health Service Ombudsman (health).',
  UNLAWFUL_POLICY_ASSESSMENT_GATEKEEPING: 'You can appeal the refusal to the Tribunal.',
  UNLAWFUL_PROCESS_CEASE: 'You can complain to the council and appeal to the Tribunal.',
  FAILURE_TO_CONSULT: 'You can complain to the council.',
  MEDIATION_FAILURE:
    'If the council cannot arrange mediation within 30 days, ask the mediation adviser for a certificate so that you can appeal.',
  UNLAWFUL_EXCLUSION: 'You can complain to the school, the Department for Education or Ofsted.',
  DISABILITY_DISCRIMINATION: 'You can make a disability discrimination claim to the Tribunal.',
  COMPLAINT_HANDLING: 'You can go to the Local Government and Social Care Ombudsman.',
};

/** What to do about a late step that is not a breach (the Tribunal's timetable, the mediation adviser). */
const FOLLOW_UP: Partial<Record<DeadlineRuleId, string>> = {
  TRIBUNAL_REGISTRATION:
    'The Tribunal can take longer at busy times; contact it if you have heard nothing.',
  LA_RESPONSE:
    'Tell the Tribunal that the council has not responded; it can give the council directions.',
  HEARING_BUNDLE: 'Tell the Tribunal that you have not received the hearing bundle.',
  TRIBUNAL_DECISION: 'Contact the Tribunal to ask when it will send the decision.',
  MEDIATION_CERTIFICATE_DECLINED:
    'Contact the mediation adviser. Without a certificate you can ask the Tribunal for permission to appeal.',
  MEDIATION_CERTIFICATE_AFTER_MEDIATION:
    'Contact the mediation adviser. Without a certificate you can ask the Tribunal for permission to appeal.',
};

const FAMILY_TEXT: Partial<Record<DeadlineRuleId, (due: string) => string>> = {
  MEDIATION_ADVISER_CONTACT: (due) =>
    `Contact the mediation adviser by ${due} if you want to appeal, and say whether you want mediation.`,
  SEN_APPEAL_LODGE: (due) =>
    `If you want to appeal, your appeal must reach the Tribunal by 5pm on ${due}.`,
  FTT_PERMISSION_TO_APPEAL: (due) =>
    `If you think the Tribunal got the law wrong, you can ask it for permission to appeal to the Upper Tribunal by ${due}.`,
};

const WHO: Record<CaseDeadline['dutyHolderKind'], string> = {
  LA: 'The council',
  HEALTH_BODY: 'The health service',
  SCHOOL: 'The school or college',
  TRIBUNAL: 'The Tribunal',
  MEDIATION_ADVISER: 'The mediation adviser',
  FAMILY: 'You',
};

const whoOf = (d: CaseDeadline): string =>
  d.dutyHolderKind !== 'LA' && d.dutyHolder?.name ? d.dutyHolder.name : WHO[d.dutyHolderKind];

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;

const familyAction = (d: CaseDeadline): NextAction => {
  const text = FAMILY_TEXT[d.ruleId]?.(long(d.dueOn)) ?? `${d.title}: by ${long(d.dueOn)}.`;
  return {
    key: `FAMILY_DEADLINE:${d.key}`,
    kind: 'FAMILY_DEADLINE',
    dueOn: d.dueOn,
    text,
    deadlineKey: d.key,
  };
};

const chaseAction = (d: CaseDeadline): NextAction => {
  const late = `${whoOf(d)} is ${days(d.daysLate ?? 0)} late ${dutyOf(d).doing} (due ${long(d.dueOn)}).`;
  const then = d.breachType === null ? FOLLOW_UP[d.ruleId] : ESCALATION[d.breachType];
  return {
    key: `CHASE_OVERDUE:${d.key}`,
    kind: 'CHASE_OVERDUE',
    dueOn: d.dueOn,
    text: then === undefined ? late : `${late} ${then}`,
    deadlineKey: d.key,
  };
};

const waitAction = (d: CaseDeadline): NextAction => ({
  key: `WAIT:${d.key}`,
  kind: 'WAIT',
  dueOn: d.dueOn,
  // The Tribunal's own times are targets, not duties (send-domain §1.5).
  text: `${whoOf(d)} ${d.dutyHolderKind === 'TRIBUNAL' ? 'aims to' : 'must'} ${dutyOf(d).must} by ${long(d.dueOn)}.`,
  deadlineKey: d.key,
});

const URGENCY: readonly NextActionKind[] = ['FAMILY_DEADLINE', 'CHASE_OVERDUE', 'WAIT'];

/**
 * What the family can do next as of `today`, most urgent first: their own open deadlines, then others' overdue
 * duties with the usual way to escalate, then what others must still do (earliest due first within each).
 */
export const nextActionsAsOf = (tracker: DeadlineTracker, today: string): NextAction[] =>
  deadlinesAsOf(tracker, today)
    .flatMap((d): NextAction[] => {
      if (d.dutyHolderKind === 'FAMILY') return d.status === 'DUE' ? [familyAction(d)] : [];
      if (d.status === 'OVERDUE') return [chaseAction(d)];
      if (d.status === 'DUE') return [waitAction(d)];
      return [];
    })
    .sort((a, b) => URGENCY.indexOf(a.kind) - URGENCY.indexOf(b.kind) || byDueOnThenKey(a, b));
