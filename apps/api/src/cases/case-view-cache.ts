import { deepFreeze, type CaseView } from '@app/projections';

const CASE_STREAM = /^case-(.+)$/;

/**
 * Case documents of the case-status read model, parsed, kept between requests: a family or an advocate reading a
 * case reads the same document again and again, and parsing it (a few kilobytes of JSON: the decisions, appeals,
 * deadline tracker and timeline) is a large part of a small query's work.
 *
 * Only where this process's projection runner is the only one that writes the read model (SQLite, memory): the
 * runner tells `invalidate` which cases a batch changed in the same turn of the event loop as the commit, before
 * any other request is served and before the subscriptions hear of the batch, so no request that starts after a
 * commit (the next query after a mutation, a revocation's next request) gets the document from before it. A
 * document being read while a batch commits is kept only if that batch did not change its case: each batch is a
 * `generation`, and the generation that last changed each recently changed case is remembered (when that memory is
 * trimmed, documents read before the trimmed changes are not kept). Access is still decided on every request, with
 * today's date, from the document.
 *
 * Bounded: the least recently read documents go first.
 */
export class CaseViewCache {
  private readonly views = new Map<string, CaseView>();
  /** Appeal → its case (an appeal never moves to another case). */
  private readonly caseOfAppeal = new Map<string, string>();
  private generation = 0;
  /** Case → the generation whose batch last changed it, oldest change first; for the recently changed cases only. */
  private readonly changedIn = new Map<string, number>();
  /** Every change since this generation is in `changedIn`: a read that started earlier may have missed one. */
  private trackedSince = 0;

  constructor(
    private readonly maxCases = 500,
    private readonly maxAppeals = 5000,
    private readonly maxTracked = 10_000,
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

  /**
   * Keeps a document read since `mark`, unless a batch that changed its case committed meanwhile (the document may
   * be older than that batch).
   */
  put(view: CaseView, mark: number): CaseView {
    if (mark < this.trackedSince || (this.changedIn.get(view.caseId) ?? -1) > mark) return view;
    this.views.delete(view.caseId);
    this.views.set(view.caseId, deepFreeze(view));
    // An appeal already known to be of this case keeps its place (a case with many appeals is put after each write).
    for (const appeal of view.appeals) {
      if (this.caseOfAppeal.get(appeal.appealId) === view.caseId) continue;
      this.caseOfAppeal.set(appeal.appealId, view.caseId);
    }
    this.trim(this.views, this.maxCases);
    this.trim(this.caseOfAppeal, this.maxAppeals);
    return view;
  }

  /** A batch of the case-status projection committed: its cases' documents changed. */
  invalidate(streamIds: Iterable<string>): void {
    const generation = ++this.generation;
    for (const streamId of streamIds) {
      const caseId = CASE_STREAM.exec(streamId)?.[1];
      if (caseId === undefined) continue;
      this.views.delete(caseId);
      this.changedIn.delete(caseId);
      this.changedIn.set(caseId, generation);
    }
    while (this.changedIn.size > this.maxTracked) {
      const [caseId, changed] = this.changedIn.entries().next().value as [string, number];
      this.changedIn.delete(caseId);
      // A read that started before this change could have missed it; one that started at or after it did not.
      this.trackedSince = Math.max(this.trackedSince, changed);
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
