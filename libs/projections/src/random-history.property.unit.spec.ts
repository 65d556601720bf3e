import { caseDecider, type CaseState } from '@app/domain';
import { caseStatusProjection } from './case-status/case-status.projection';
import { generateHistory, Rng } from './random-history.spec-helper';

/** The generator behind the read-model properties: reproducible, valid, and reaching every event type. */
describe('random histories', () => {
  const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

  it('the PRNG is reproducible and stays in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const draws = Array.from({ length: 1000 }, () => a.int(3, 9));
    expect(Array.from({ length: 1000 }, () => b.int(3, 9))).toEqual(draws);
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6, 7, 8, 9]));
    expect(new Rng(43).next()).not.toBe(new Rng(42).next());
  });

  it('the same seed gives the same history', () => {
    for (const seed of [1, 7, 30]) {
      expect(JSON.stringify(generateHistory(seed))).toBe(JSON.stringify(generateHistory(seed)));
    }
  });

  it('every step is accepted by the real decider, in order, with the events recorded', () => {
    for (const seed of SEEDS) {
      const history = generateHistory(seed);
      const states = new Map<string, CaseState>();
      for (const step of history.steps) {
        const state = states.get(step.caseId) ?? caseDecider.initialState();
        expect(caseDecider.decide(step.command, state)).toEqual(step.events);
        states.set(
          step.caseId,
          step.events.reduce((folded, event) => caseDecider.evolve(folded, event), state),
        );
      }
      expect(history.steps.length).toBeGreaterThan(0);
      expect(history.steps.length).toBeLessThanOrEqual(60);
    }
  });

  it('the seeds the int suites run produce every event type the case read model handles', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS)
      for (const step of generateHistory(seed).steps)
        for (const event of step.events) seen.add(event.type);
    expect(caseStatusProjection.handles.filter((type) => !seen.has(type))).toEqual([]);
  });
});
