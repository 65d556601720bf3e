import type { DeadlineInput, DutyHolderKind } from '../deadlines/deadline-input';
import { computeDeadline, type DeadlineRuleId } from '../deadlines/deadline-rules';
import { formatLongDate } from '../deadlines/local-date';

/** The words of a tracked deadline: all of them follow from its rule, its input and any date the Tribunal directed. */
export interface DeadlineText {
  readonly title: string;
  readonly citation: string;
  readonly section: string;
  readonly explanation: string;
}

/**
 * Everything of a tracked deadline that follows from its rule, its input and any date the Tribunal directed: its
 * words, its due date, who owes it in kind, and whether a recorded exception lifts its time limit.
 */
export interface DeadlineDerivation extends DeadlineText {
  readonly dueOn: string;
  readonly dutyHolderKind: DutyHolderKind;
  readonly exceptionApplies: boolean;
}

const directedExplanation = (title: string, dueOn: string): string =>
  `The Tribunal's directions set ${formatLongDate(dueOn)} as the date for this step (${title.toLowerCase()}).`;

/**
 * What the tracker writes into a deadline it starts (`materialise` uses this very function), so a store may keep
 * only the inputs and recompute the rest when read. `directedDueOn` must already be a valid date or null. Throws what
 * the engine throws for input it cannot compute (a tracked deadline's input always computes).
 */
export const deriveDeadline = (
  ruleId: DeadlineRuleId,
  input: DeadlineInput,
  directedDueOn: string | null,
): DeadlineDerivation => {
  const computed = computeDeadline(ruleId, input);
  return {
    title: computed.title,
    citation: computed.citation,
    section: computed.section,
    dueOn: directedDueOn ?? computed.dueOn,
    dutyHolderKind: computed.dutyHolder,
    explanation:
      directedDueOn === null
        ? computed.explanation
        : directedExplanation(computed.title, directedDueOn),
    exceptionApplies: computed.exceptionApplies,
  };
};

/** Title, citation, section and plain-English explanation of a deadline, as `deriveDeadline` gives them. */
export const deadlineText = (
  ruleId: DeadlineRuleId,
  input: DeadlineInput,
  directedDueOn: string | null,
): DeadlineText => {
  const { title, citation, section, explanation } = deriveDeadline(ruleId, input, directedDueOn);
  return { title, citation, section, explanation };
};
