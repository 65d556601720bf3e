import { CASE_MANAGEMENT_RULES } from './case-management-rules';
import { type ClockKind } from './clocks';
import {
  EXCEPTION_DESCRIPTIONS,
  type DeadlineInput,
  type DutyHolderKind,
  type RecordedException,
} from './deadline-input';
import { ExceptionNotApplicable, UnknownDeadlineRule } from './deadline.errors';
import { EHC_RULES } from './ehc-rules';
import { formatLongDate, type LocalDate } from './local-date';
import { MEDIATION_RULES } from './mediation-rules';
import { ORDER_RULES } from './order-rules';
import { REVIEW_RULES } from './review-rules';
import { type RuleSpec } from './rule-spec';
import { TRIBUNAL_RULES } from './tribunal-rules';

const SPECS = {
  ...MEDIATION_RULES,
  ...TRIBUNAL_RULES,
  ...CASE_MANAGEMENT_RULES,
  ...ORDER_RULES,
  ...EHC_RULES,
  ...REVIEW_RULES,
} satisfies Record<string, RuleSpec>;

export type DeadlineRuleId = keyof typeof SPECS;

/** A rule as the catalogue shows it: everything but the calculation. */
export type DeadlineRule = Omit<RuleSpec, 'compute'> & { readonly id: DeadlineRuleId };

export interface Deadline {
  readonly ruleId: DeadlineRuleId;
  readonly title: string;
  readonly citation: string;
  readonly section: string;
  readonly clock: ClockKind;
  readonly dueOn: LocalDate;
  readonly dutyHolder: DutyHolderKind;
  readonly explanation: string;
  /** A recorded exception lifts the time limit; `dueOn` is then for reference only. */
  readonly exceptionApplies: boolean;
  readonly exceptionRecorded?: RecordedException;
}

const RULE_IDS = Object.keys(SPECS) as DeadlineRuleId[];

export const DEADLINE_RULES: readonly DeadlineRule[] = RULE_IDS.map((id) => {
  const spec: RuleSpec = SPECS[id];
  const { compute: _compute, ...rule } = spec;
  return { id, ...rule };
});

export function isDeadlineRuleId(value: string): value is DeadlineRuleId {
  return Object.prototype.hasOwnProperty.call(SPECS, value);
}

export function getDeadlineRule(ruleId: DeadlineRuleId): DeadlineRule {
  const rule = DEADLINE_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new UnknownDeadlineRule(ruleId);
  return rule;
}

/** The statutory due date for one rule, with who owes it and why, in words a parent can follow. */
export function computeDeadline(ruleId: DeadlineRuleId, input: DeadlineInput): Deadline {
  if (!isDeadlineRuleId(ruleId)) throw new UnknownDeadlineRule(ruleId);
  const spec: RuleSpec = SPECS[ruleId];
  const exception = input.exceptionRecorded;
  if (exception !== undefined && !spec.exceptions.includes(exception)) {
    throw new ExceptionNotApplicable(ruleId, exception);
  }
  const computed = spec.compute(input, ruleId);
  const deadline = {
    ruleId,
    title: spec.title,
    citation: spec.citation,
    section: spec.section,
    clock: spec.clock,
    dueOn: computed.dueOn,
    dutyHolder: computed.dutyHolder ?? spec.dutyHolder,
    explanation: computed.explanation,
    exceptionApplies: false,
  };
  if (exception === undefined) return deadline;
  return {
    ...deadline,
    exceptionApplies: true,
    exceptionRecorded: exception,
    explanation: `${computed.explanation} An exception has been recorded: ${EXCEPTION_DESCRIPTIONS[exception]}. When that makes the time limit impractical, the law says it does not apply, so ${formatLongDate(computed.dueOn)} is shown for reference only.`,
  };
}
