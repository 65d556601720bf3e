import { generateHistory } from './random-history.spec-helper';
import { deepFreeze } from './kept-documents';
import { jsonText } from './json-text';
import { evolveStatsCase, type StatsCase } from './statistics/statistics.evolve';

describe('jsonText: the text of frozen parts kept, equal to JSON.stringify', () => {
  it('for statistics documents folded one after another, as the projection writes them', () => {
    let compared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const states = new Map<string, StatsCase | null>();
      const versions = new Map<string, number>();
      for (const step of generateHistory(seed).steps) {
        for (const event of step.events) {
          const version = (versions.get(step.caseId) ?? 0) + 1;
          versions.set(step.caseId, version);
          const next = evolveStatsCase(states.get(step.caseId) ?? null, {
            caseId: step.caseId,
            event,
            streamVersion: version,
          });
          if (!next) continue;
          // Written before it is kept (unfrozen, sharing frozen parts), then kept (frozen) and written again.
          expect(jsonText(next, 2)).toBe(JSON.stringify(next));
          deepFreeze(next);
          expect(jsonText(next, 2)).toBe(JSON.stringify(next));
          states.set(step.caseId, next);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('keeps nothing for an object that is not frozen: a change shows in the next text', () => {
    const appeal = { appealId: 'a-1', stage: 'LODGED' };
    const list = [appeal];
    expect(jsonText(list)).toBe('[{"appealId":"a-1","stage":"LODGED"}]');
    appeal.stage = 'REGISTERED';
    expect(jsonText(list)).toBe('[{"appealId":"a-1","stage":"REGISTERED"}]');
  });
});
