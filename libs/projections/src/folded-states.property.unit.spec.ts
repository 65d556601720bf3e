import {
  PERSONAL_DATA_FIELDS,
  caseDecider,
  caseStreamId,
  type CaseEvent,
  type CaseState,
} from '@app/domain';
import { FoldedStates, handleCommand, InMemoryEventStore } from '@app/event-store';
import { generateHistory } from './random-history.spec-helper';

/** Freezes a kept state all the way down, so a fold that changed it in place would throw. */
const deepFreeze = (value: unknown): void => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
};

/** Every personal value the history's events carry (PERSONAL_DATA_FIELDS), as it would be decrypted. */
const personalValues = (events: readonly CaseEvent[]): string[] => {
  const fields = PERSONAL_DATA_FIELDS as Record<string, Record<string, string> | undefined>;
  const values: string[] = [];
  for (const event of events) {
    for (const field of Object.keys(fields[event.type] ?? {})) {
      const value = (event.data as Record<string, unknown>)[field];
      if (typeof value === 'string') values.push(value);
      if (Array.isArray(value)) values.push(...(value as string[]));
    }
  }
  return values;
};

describe('the case decider with folded states kept between commands (random histories)', () => {
  it.each(Array.from({ length: 30 }, (_, i) => 5000 + i))(
    'seed %i: the same results as reading whole streams, and no personal data kept',
    async (seed) => {
      const history = generateHistory(seed);
      const kept = new InMemoryEventStore();
      const whole = new InMemoryEventStore();
      const states = new FoldedStates<CaseState>();
      const written: CaseEvent[] = [];

      for (const step of history.steps) {
        const stream = caseStreamId(step.caseId);
        const options = { actor: step.actor, now: step.now };
        const withStates = await handleCommand(
          kept,
          stream,
          caseDecider,
          step.command,
          options,
          states,
        );
        const without = await handleCommand(whole, stream, caseDecider, step.command, options);

        expect(withStates.state).toEqual(without.state);
        expect(withStates.events.map((e) => [e.type, e.data, e.streamVersion])).toEqual(
          without.events.map((e) => [e.type, e.data, e.streamVersion]),
        );
        deepFreeze(states.get(stream)?.state);
        written.push(...(without.events as unknown as CaseEvent[]));
      }

      const keptText = history.steps
        .map((step) => JSON.stringify(states.get(caseStreamId(step.caseId))?.state))
        .join('\n');
      const personal = new Set(personalValues(written));
      expect(personal.size).toBeGreaterThan(0); // every history opens a case with the child's label
      for (const value of personal) {
        expect(keptText).not.toContain(JSON.stringify(value).slice(1, -1));
      }
    },
  );
});
