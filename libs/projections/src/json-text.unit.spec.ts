import { generateHistory } from './random-history.spec-helper';
import { deepFreeze } from './kept-documents';
import { SequenceTexts, jsonText } from './json-text';
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

  it('is JSON.stringify for frozen lists met for the first time, built from their parts', () => {
    const shared = Object.freeze({ appealId: 'a-1' });
    const doc = deepFreeze({ appeals: [shared, { appealId: 'a-2' }], counts: [1, 2] });
    expect(jsonText(doc, 2)).toBe(JSON.stringify(doc));
    expect(jsonText(doc, 2)).toBe(JSON.stringify(doc));
  });
});

describe('SequenceTexts: the text of a list reused for the elements it shares with the last one', () => {
  const plain = (items: readonly unknown[], context = '') =>
    `[${items.map((item) => `${JSON.stringify(item)}${context}`).join(',')}]`;

  it('equals the text made afresh through random growth, replacements, removals and context changes', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 12) % n;
    };
    const sequences = new SequenceTexts();
    const head = Object.freeze({ n: 0 });
    let items: unknown[] = [head];
    let context = 'a';
    let reusedSomewhere = false;
    for (let step = 0; step < 2000; step++) {
      const made: number[] = [];
      const text = sequences.text(
        items,
        (i) => {
          made.push(i);
          return `${JSON.stringify(items[i])}${context}`;
        },
        context,
      );
      expect(text).toBe(plain(items, context));
      if (made.length < items.length) reusedSomewhere = true;
      // Kept as the live path keeps a document: frozen after it is written (sometimes not).
      if (next(4) > 0) items.forEach((item) => typeof item === 'object' && Object.freeze(item));
      const copy = [...items];
      switch (next(8)) {
        case 0:
        case 1:
        case 2:
          copy.push({ n: step });
          break;
        case 3:
          if (copy.length > 1) copy[1 + next(copy.length - 1)] = { n: -step };
          break;
        case 4:
          if (copy.length > 1) copy.pop();
          break;
        case 5: // rarer than growth: half of the draws here
          if (next(2) === 0) break;
          context = context === 'a' ? 'b' : 'a';
          break;
        case 6:
          copy.push(step); // a primitive
          break;
        default: {
          // An element not frozen yet changes in place: its new text must show.
          const last = copy.at(-1);
          if (typeof last === 'object' && last !== null && !Object.isFrozen(last)) {
            (last as { n: number }).n += 1000;
          }
        }
      }
      items = copy;
    }
    expect(reusedSomewhere).toBe(true);
  });

  it('makes only the elements after the last shared one', () => {
    const sequences = new SequenceTexts();
    const first = [1, 2, 3].map((n) => Object.freeze({ n }));
    const made: number[] = [];
    const textOf = (items: readonly object[]) =>
      sequences.text(items, (i) => {
        made.push(i);
        return JSON.stringify(items[i]);
      });
    textOf(first);
    made.length = 0;
    const grown = [...first, { n: 4 }];
    expect(textOf(grown)).toBe(JSON.stringify(grown));
    expect(made).toEqual([3]);
    made.length = 0;
    const changed = [first[0]!, { n: 20 }, first[2]!, grown[3]!];
    expect(textOf(changed)).toBe(JSON.stringify(changed));
    // The unfrozen fourth element was never reused; from the changed second one on, all are made again.
    expect(made).toEqual([1, 2, 3]);
  });

  it('starts afresh for a list whose first element is another, and for lists of primitives', () => {
    const sequences = new SequenceTexts();
    const a = Object.freeze({ n: 1 });
    const b = Object.freeze({ n: 2 });
    expect(sequences.text([a, b], (i) => JSON.stringify([a, b][i]))).toBe('[{"n":1},{"n":2}]');
    expect(sequences.text([b, a], (i) => JSON.stringify([b, a][i]))).toBe('[{"n":2},{"n":1}]');
    expect(sequences.text([1, 'x'], (i) => JSON.stringify([1, 'x'][i]))).toBe('[1,"x"]');
    expect(sequences.text([], () => 'never')).toBe('[]');
  });
});
