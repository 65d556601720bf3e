import type { DeadlineInput } from '../deadlines/deadline-input';
import { computeDeadline, type DeadlineRuleId } from '../deadlines/deadline-rules';
import { formatLongDate } from '../deadlines/local-date';

/** The words of a tracked deadline: all of them follow from its rule, its input and any date the Tribunal directed. */
export interface DeadlineText {
  readonly title: string;
  readonly citation: string;
  readonly section: string;
  readonly explanation: string;
}

const directedExplanation = (title: string, dueOn: string): string =>
  `The Tribunal's directions set ${formatLongDate(dueOn)} as the date for this step (${title.toLowerCase()}).`;

/**
 * Title, citation, section and plain-English explanation of a deadline, exactly as the tracker wrote them when it
 * started the deadline (`materialise`), so a store may keep only the inputs and recompute the words when read.
 * Throws what the engine throws for input it cannot compute (a tracked deadline's input always computes).
 */
export const deadlineText = (
  ruleId: DeadlineRuleId,
  input: DeadlineInput,
  directedDueOn: string | null,
): DeadlineText => {
  const computed = computeDeadline(ruleId, input);
  return {
    title: computed.title,
    citation: computed.citation,
    section: computed.section,
    explanation:
      directedDueOn === null
        ? computed.explanation
        : directedExplanation(computed.title, directedDueOn),
  };
};
