import { type DeadlineInput } from './deadline-input';
import { computeDeadline, type DeadlineRuleId } from './deadline-rules';
import { type LocalDate } from './local-date';

/** A worked example: rule, inputs, the due date computed by hand, and the hand computation. */
export type WorkedExample = readonly [DeadlineRuleId, DeadlineInput, LocalDate, string];

export function expectWorkedExamples(examples: readonly WorkedExample[]): void {
  const rows = examples.map(([ruleId, input, dueOn, handComputation]) => ({
    ruleId,
    input,
    dueOn,
    handComputation,
  }));
  it.each(rows)('$ruleId → $dueOn: $handComputation', ({ ruleId, input, dueOn }) => {
    expect(computeDeadline(ruleId, input).dueOn).toBe(dueOn);
  });
}
