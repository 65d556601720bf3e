import { defaultDutyHolder, optionalByDefault, type TrackedDeadline } from '@app/domain';
import { generateHistory } from '../random-history.spec-helper';
import { evolveCaseView } from './case-status.evolve';
import { deepFreeze } from '../kept-documents';
import { jsonText } from '../json-text';
import {
  caseViewOfDoc,
  caseViewsOfRows,
  storedCaseDoc,
  storedCaseObject,
} from './case-status.storage';
import type { CaseView } from './case-status.view';

/** The rows of rm_appeals the projection writes beside a case's document, by appeal id (their text). */
const appealRowsOf = (view: CaseView): Map<string, unknown> =>
  new Map(view.appeals.map((appeal) => [appeal.appealId, jsonText(appeal)]));

/** A stored document read back with its appeals' rows, as the queries do. */
const readBack = (doc: unknown, view: CaseView): CaseView => caseViewOfDoc(doc, appealRowsOf(view));

/** Every case document the read model would hold after each step of seeded random histories. */
const viewsOf = (seed: number): CaseView[] => {
  const views = new Map<string, CaseView | null>();
  const versions = new Map<string, number>();
  const seen: CaseView[] = [];
  for (const step of generateHistory(seed).steps) {
    for (const event of step.events) {
      const version = (versions.get(step.caseId) ?? -1) + 1;
      versions.set(step.caseId, version);
      const next = evolveCaseView(views.get(step.caseId) ?? null, {
        event,
        streamVersion: version,
        recordedAt: step.now.toISOString(),
      });
      views.set(step.caseId, next);
      if (next) seen.push(next);
    }
  }
  return seen;
};

describe('case document storage', () => {
  const views = Array.from({ length: 30 }, (_, i) => viewsOf(i + 1)).flat();
  const deadlines = views.flatMap((v) => v.deadlineTracker.deadlines);

  it('the histories exercise deadlines, including dates the Tribunal directed', () => {
    expect(deadlines.length).toBeGreaterThan(100);
    expect(deadlines.some((d) => d.directedDueOn !== null)).toBe(true);
  });

  it('the histories exercise every value a stored deadline may leave out or must keep', () => {
    const some = (test: (d: TrackedDeadline) => boolean) => deadlines.some(test);
    const laOf = (d: TrackedDeadline) =>
      views.find((v) => v.deadlineTracker.deadlines.includes(d))!.deadlineTracker
        .localAuthorityCode;
    expect(some((d) => d.dutyHolder !== null && d.dutyHolder.name !== null)).toBe(true);
    expect(
      some(
        (d) =>
          JSON.stringify(d.dutyHolder) !==
          JSON.stringify(defaultDutyHolder(d.dutyHolderKind, laOf(d))),
      ),
    ).toBe(true);
    expect(some((d) => d.matchFrom !== d.startedBy.on)).toBe(true);
    expect(some((d) => d.metByOrderCompliance)).toBe(true);
    expect(some((d) => d.notApplicable !== null)).toBe(true);
    expect(some((d) => d.metOn !== null)).toBe(true);
    expect(some((d) => d.exceptionApplies)).toBe(true);
    expect(some((d) => Object.keys(d.subject).length > 1)).toBe(true);
    const timeline = views.flatMap((v) => v.timeline);
    expect(timeline.some((e) => e.appealId !== null)).toBe(true);
    expect(
      views.some((v) =>
        v.timeline.some((e, i) => i > 0 && e.recordedAt !== v.timeline[i - 1]!.recordedAt),
      ),
    ).toBe(true);
  });

  it('a stored document reads back as exactly the view that was written', () => {
    for (const view of views) expect(readBack(storedCaseDoc(view), view)).toStrictEqual(view);
  });

  it('reads an already-parsed document (PostgreSQL jsonb) the same way', () => {
    for (const view of views.slice(0, 200))
      expect(readBack(JSON.parse(storedCaseDoc(view)), view)).toStrictEqual(view);
  });

  it('stores a case’s appeals once, in their own rows: the document lists their ids, in order', () => {
    const withAppeals = views.filter((v) => v.appeals.length > 1);
    expect(withAppeals.length).toBeGreaterThan(10);
    for (const view of withAppeals.slice(0, 100)) {
      const stored = JSON.parse(storedCaseDoc(view)) as { appeals: unknown[] };
      expect(stored.appeals).toEqual(view.appeals.map((a) => a.appealId));
      expect(storedCaseDoc(view)).not.toContain('"stage"');
    }
  });

  it('reads a case and its appeals from the rows of one statement, whatever their order', () => {
    // The last version of each case with appeals (a statement reads one version of each case).
    const latest = new Map(views.map((v) => [v.caseId, v]));
    const some = [...latest.values()].filter((v) => v.appeals.length > 0).slice(0, 20);
    expect(some.length).toBeGreaterThan(5);
    const rows = some.flatMap((view) => [
      ...view.appeals.map((a) => ({ appeal_id: a.appealId, doc: jsonText(a) })),
      { appeal_id: null, doc: storedCaseDoc(view) },
    ]);
    rows.reverse();
    expect(caseViewsOfRows(rows)).toStrictEqual([...some].reverse());
  });

  it('refuses a document that lists an appeal it has no row for, naming both', () => {
    const view = views.find((v) => v.appeals.length > 1)!;
    const rows = appealRowsOf(view);
    const missing = view.appeals[1]!.appealId;
    rows.delete(missing);
    expect(() => caseViewOfDoc(storedCaseDoc(view), rows)).toThrow(
      new RegExp(`appeal ${missing} in case ${view.caseId}`),
    );
  });

  it('reads a document written with its appeals inline (version 7) unchanged, without their rows', () => {
    for (const view of views.slice(0, 200)) {
      const version7 = { ...(JSON.parse(storedCaseDoc(view)) as object), appeals: view.appeals };
      expect(caseViewOfDoc(JSON.stringify(version7))).toStrictEqual(view);
    }
  });

  it('stores each deadline without what follows from its rule and input, and without default values', () => {
    const rich = views.reduce((a, b) =>
      b.deadlineTracker.deadlines.length > a.deadlineTracker.deadlines.length ? b : a,
    );
    const stored = JSON.parse(storedCaseDoc(rich)) as {
      deadlineTracker: { deadlines: Record<string, unknown>[] };
    };
    for (const d of stored.deadlineTracker.deadlines) {
      for (const derived of ['dueOn', 'dutyHolderKind', 'exceptionApplies', 'breachType', 'title'])
        expect(d).not.toHaveProperty(derived);
      const nulls = Object.keys(d).filter((field) => d[field] === null);
      expect(nulls.filter((field) => field !== 'matchFrom' && field !== 'dutyHolder')).toEqual([]);
    }
    // Little more than half the size it had with every field (version 5), appeals apart (version 8 moved them out).
    const appeals = JSON.stringify(rich.appeals).length;
    expect(storedCaseDoc(rich).length).toBeLessThan((JSON.stringify(rich).length - appeals) * 0.6);
  });

  it('keeps every timeline position in the stored text (readers of the raw document check them)', () => {
    for (const view of views.slice(0, 200)) {
      const stored = JSON.parse(storedCaseDoc(view)) as { timeline: { position?: number }[] };
      expect(stored.timeline.map((e) => e.position)).toEqual(view.timeline.map((e) => e.position));
    }
  });

  it('keeps a value that differs from the usual one, even where no history made it', () => {
    const view = views.find((v) => v.deadlineTracker.deadlines.length > 2)!;
    const [first, second, ...rest] = view.deadlineTracker.deadlines;
    const unusual: CaseView = {
      ...view,
      deadlineTracker: {
        ...view.deadlineTracker,
        deadlines: [
          { ...first!, optional: !optionalByDefault(first!.dutyHolderKind), subject: {} },
          { ...second!, dutyHolder: null, key: 'made-up-key', matchFrom: null },
          ...rest,
        ],
      },
      timeline: view.timeline.map((e, i) => (i === 1 ? { ...e, position: e.position + 5 } : e)),
    };
    expect(readBack(storedCaseDoc(unusual), unusual)).toStrictEqual(unusual);
  });

  it('reads a document written without the words only (version 6) unchanged', () => {
    const version6 = (view: CaseView): string =>
      JSON.stringify({
        ...view,
        deadlineTracker: {
          ...view.deadlineTracker,
          deadlines: view.deadlineTracker.deadlines.map(
            ({ title: _t, citation: _c, section: _s, explanation: _e, ...rest }) => rest,
          ),
        },
      });
    for (const view of views.slice(0, 200))
      expect(caseViewOfDoc(version6(view))).toStrictEqual(view);
  });

  it('leaves the deadlines’ words out of what is stored', () => {
    const rich = views.reduce((a, b) =>
      b.deadlineTracker.deadlines.length > a.deadlineTracker.deadlines.length ? b : a,
    );
    const stored = storedCaseDoc(rich);
    for (const d of rich.deadlineTracker.deadlines) expect(stored).not.toContain(d.explanation);
    expect(stored).not.toContain('"citation"');
    const words = rich.deadlineTracker.deadlines.reduce(
      (n, d) => n + d.title.length + d.citation.length + d.section.length + d.explanation.length,
      0,
    );
    expect(stored.length).toBeLessThanOrEqual(JSON.stringify(rich).length - words);
  });

  it('reads a document written with the words (before version 6) unchanged', () => {
    for (const view of views.slice(0, 200))
      expect(caseViewOfDoc(JSON.stringify(view))).toStrictEqual(view);
  });
});

describe('the stored text, built from the kept texts of frozen parts', () => {
  it('is exactly JSON.stringify of the stored object, before and after the views are frozen', () => {
    for (let seed = 1; seed <= 30; seed++) {
      // Folded one after another, as the read model does: each version shares the parts it did not change.
      const views = viewsOf(seed);
      const fresh = views.map((view) => storedCaseDoc(view));
      for (const [i, view] of views.entries()) {
        expect(fresh[i]).toBe(JSON.stringify(storedCaseObject(view)));
        deepFreeze(view);
      }
      for (const [i, view] of views.entries()) {
        expect(storedCaseDoc(view)).toBe(fresh[i]);
        expect(storedCaseDoc(view)).toBe(fresh[i]);
      }
    }
  });

  it('is exactly JSON.stringify of the stored object when each version is kept (frozen) before the next is folded', () => {
    // The live path: fold, write, keep (frozen); the next version's timeline, deadlines and appeals reuse the text
    // of the elements they share with the one before.
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      for (const view of viewsOf(seed)) {
        expect(storedCaseDoc(view)).toBe(JSON.stringify(storedCaseObject(view)));
        deepFreeze(view);
        expect(storedCaseDoc(view)).toBe(JSON.stringify(storedCaseObject(view)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('keeps a frozen part’s text, and never an unfrozen one’s', () => {
    const appeal = { appealId: 'a-1', stage: 'LODGED' };
    expect(jsonText(appeal)).toBe('{"appealId":"a-1","stage":"LODGED"}');
    appeal.stage = 'REGISTERED';
    expect(jsonText(appeal)).toBe('{"appealId":"a-1","stage":"REGISTERED"}');
    Object.freeze(appeal);
    expect(jsonText(appeal)).toBe('{"appealId":"a-1","stage":"REGISTERED"}');
    expect(jsonText(appeal)).toBe(jsonText(appeal));
  });

  it('assembles an unfrozen list or object from its parts exactly as JSON.stringify writes it', () => {
    const shared = Object.freeze({ a: 1, b: [1, 'two', null] });
    const values: unknown[] = [
      [shared, { c: undefined, d: 'x' }, undefined, null, 3, 'q"uote', [shared]],
      {
        list: [shared, shared],
        skipped: undefined,
        nested: { deeper: { deepest: [1, { e: 2 }] } },
      },
      [],
      {},
      'text',
      null,
    ];
    for (const value of values) expect(jsonText(value)).toBe(JSON.stringify(value));
  });
});
