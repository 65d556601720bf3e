import { fold, type Decider } from './decider';

/**
 * Given events → When command → Then events (or a thrown error). No mocks: the real decider runs.
 * Imported by *.spec.ts files only.
 */
export const specFor =
  <Command, State, Event>(decider: Decider<Command, State, Event>) =>
  (given: readonly Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
        /** Asserts the decider refused with `code` (and a message matching `message`); returns the error. */
        thrown: (code: string, message?: RegExp) => {
          let error: unknown;
          try {
            run();
          } catch (caught) {
            error = caught;
          }
          expect(error).toMatchObject({ code });
          if (message) expect((error as Error).message).toMatch(message);
          return error as Error & { code: string; field?: string };
        },
        thenThrows(code: string, message?: RegExp): void {
          this.thrown(code, message);
        },
      };
    },
  });
