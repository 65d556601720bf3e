import { selectForCases } from '../case-id-query';
import type { ReadModelDb } from '../read-model-db';
import { caseViewOfDoc } from './case-status.storage';
import type { CaseView } from './case-status.view';

/** Makes a shared document read-only all the way down; parts already frozen (shared with an older one) are skipped. */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/**
 * Parsed case documents of one SQLite read-model database, by case and stream version, so that a case written again
 * and again (each mutation: the projection loads the document to fold into it, then the API reads it back) is not
 * parsed from its JSON each time. A document is used only when the stored row is at exactly its version: the row
 * is still what decides, and a case document is a pure function of its stream up to that version, so one folded here
 * (perhaps before its batch committed) and one read back are the same. A document is frozen once kept, so no reader
 * can change what the next one gets; a new version shares the unchanged parts of the one it was folded from.
 *
 * Only for SQLite, where the read model is written by this process's runner: with PostgreSQL another replica may
 * fold an erasure, and the document before it would stay in this process's memory until pushed out.
 * Bounded: the least recently used cases go first.
 */
export class CaseDocuments {
  private readonly views = new Map<string, CaseView>();

  constructor(private readonly maxCases = 1000) {}

  /** The documents of these cases as stored (absent when not stored), parsing only those not kept at that version. */
  async load(db: ReadModelDb, caseIds: readonly string[]): Promise<Map<string, CaseView>> {
    const views = new Map<string, CaseView>();
    if (!caseIds.some((id) => this.views.has(id))) {
      for (const view of await parseStored(db, caseIds)) views.set(view.caseId, this.keep(view));
      return views;
    }
    const stored = await selectForCases<{ case_id: string; version: number | bigint }>(
      db,
      'SELECT case_id, version FROM rm_cases',
      caseIds,
    );
    const missing: string[] = [];
    for (const row of stored) {
      const kept = this.views.get(row.case_id);
      if (kept && kept.version === Number(row.version)) views.set(row.case_id, this.touch(kept));
      else missing.push(row.case_id);
    }
    if (missing.length > 0) {
      for (const view of await parseStored(db, missing)) views.set(view.caseId, this.keep(view));
    }
    return views;
  }

  /** Keeps documents just folded (their batch may not have committed yet: they are used only at their version). */
  remember(views: Iterable<CaseView>): void {
    for (const view of views) this.keep(view);
  }

  private keep(view: CaseView): CaseView {
    const known = this.views.get(view.caseId);
    if (known && known.version > view.version) return deepFreeze(view);
    this.views.delete(view.caseId);
    this.views.set(view.caseId, deepFreeze(view));
    if (this.views.size > this.maxCases) {
      const oldest = this.views.keys().next();
      if (!oldest.done) this.views.delete(oldest.value);
    }
    return view;
  }

  private touch(view: CaseView): CaseView {
    this.views.delete(view.caseId);
    this.views.set(view.caseId, view);
    return view;
  }
}

const parseStored = async (db: ReadModelDb, caseIds: readonly string[]): Promise<CaseView[]> =>
  (await selectForCases<{ doc: unknown }>(db, 'SELECT doc FROM rm_cases', caseIds)).map((row) =>
    caseViewOfDoc(row.doc),
  );

const kept = new WeakMap<ReadModelDb, CaseDocuments>();

/** The kept documents of a SQLite read-model database; null for PostgreSQL (see CaseDocuments). */
export const caseDocumentsOf = (db: ReadModelDb): CaseDocuments | null => {
  if (db.dialect !== 'sqlite') return null;
  let documents = kept.get(db);
  if (!documents) kept.set(db, (documents = new CaseDocuments()));
  return documents;
};
