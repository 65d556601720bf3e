import { generateHistory } from '../random-history.spec-helper';
import { evolveCaseView } from './case-status.evolve';
import { caseViewOfDoc, storedCaseDoc } from './case-status.storage';
import type { CaseView } from './case-status.view';

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

  it('a stored document reads back as exactly the view that was written', () => {
    for (const view of views) expect(caseViewOfDoc(storedCaseDoc(view))).toEqual(view);
  });

  it('reads an already-parsed document (PostgreSQL jsonb) the same way', () => {
    for (const view of views.slice(0, 200))
      expect(caseViewOfDoc(JSON.parse(storedCaseDoc(view)))).toEqual(view);
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
      expect(caseViewOfDoc(JSON.stringify(view))).toEqual(view);
  });
});
