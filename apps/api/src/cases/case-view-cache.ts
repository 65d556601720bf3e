import type { CaseView } from '@app/projections';

const CASE_STREAM = /^case-(.+)$/;

/** Makes a shared document read-only all the way down, so no request can change what the next one reads. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/**
 * Case documents of the case-status read model, parsed, kept between requests: a family or an advocate reading a
 * case reads the same document again and again, and parsing it (a few kilobytes of JSON: the decisions, appeals,
 * deadline tracker and timeline) is a large part of a small query's work.
 *
 * Only where this process's projection runner is the only one that writes the read model (SQLite, memory): the
 * runner tells `invalidate` which cases a batch changed in the same turn of the event loop as the commit, before
 * any other request is served and before the subscriptions hear of the batch, so no request that starts after a
 * commit (the next query after a mutation, a revocation's next request) gets the document from before it. A
 * document being read while a batch commits is kept only if no batch committed in between (`generation`). Access is
 * still decided on every request, with today's date, from the document.
 *
 * Bounded: the least recently read documents go first.
 */
export class CaseViewCache {
  private readonly views = new Map<string, CaseView>();
  /** Appeal → its case (an appeal never moves to another case). */
  private readonly caseOfAppeal = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly maxCases = 500,
    private readonly maxAppeals = 5000,
  ) {}

  get size(): number {
    return this.views.size;
  }

  /** Where the read model stands: pass it to `put` for a document read after this call. */
  mark(): number {
    return this.generation;
  }

  get(caseId: string): CaseView | undefined {
    const view = this.views.get(caseId);
    if (view) {
      this.views.delete(caseId);
      this.views.set(caseId, view);
    }
    return view;
  }

  getByAppeal(appealId: string): CaseView | undefined {
    const caseId = this.caseOfAppeal.get(appealId);
    return caseId === undefined ? undefined : this.get(caseId);
  }

  /** Keeps a document read since `mark` (unless a batch committed meanwhile: it may be older than that batch). */
  put(view: CaseView, mark: number): CaseView {
    if (mark !== this.generation) return view;
    this.views.delete(view.caseId);
    this.views.set(view.caseId, deepFreeze(view));
    for (const appeal of view.appeals) {
      this.caseOfAppeal.delete(appeal.appealId);
      this.caseOfAppeal.set(appeal.appealId, view.caseId);
    }
    this.trim(this.views, this.maxCases);
    this.trim(this.caseOfAppeal, this.maxAppeals);
    return view;
  }

  /** A batch of the case-status projection committed: its cases' documents changed. */
  invalidate(streamIds: Iterable<string>): void {
    this.generation++;
    for (const streamId of streamIds) {
      const caseId = CASE_STREAM.exec(streamId)?.[1];
      if (caseId !== undefined) this.views.delete(caseId);
    }
  }

  private trim(map: Map<string, unknown>, max: number): void {
    while (map.size > max) {
      const oldest = map.keys().next();
      if (oldest.done) return;
      map.delete(oldest.value);
    }
  }
}
