import { selectForCases } from './case-id-query';
import type { ReadModelDb } from './read-model-db';

/** Makes a shared document read-only all the way down; parts already frozen (shared with an older one) are skipped. */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** Reads and parses the stored documents of these cases (absent when not stored). */
export type StoredLoader<T> = (db: ReadModelDb, caseIds: readonly string[]) => Promise<T[]>;

/** The loader of a table whose `doc` column holds the whole document. */
export const docColumnLoader =
  <T>(table: string, parse: (doc: unknown) => T): StoredLoader<T> =>
  async (db, caseIds) =>
    (await selectForCases<{ doc: unknown }>(db, `SELECT doc FROM ${table}`, caseIds)).map((row) =>
      parse(row.doc),
    );

/** A per-case document of a read model: its case and the stream version it has folded. */
export interface CaseDocument {
  readonly caseId: string;
  readonly version: number;
}

/**
 * Parsed per-case documents of one table of one SQLite read-model database (`case_id`, `version`, `doc` columns), by
 * case and stream version, so that a case written again and again (each mutation: the projection loads the document
 * to fold into it, then the API reads it back) is not parsed from its JSON each time. A document is used only when
 * the stored row is at exactly its version: the row is still what decides, and a document is a pure function of its
 * stream up to that version, so one folded here (perhaps before its batch committed) and one read back are the same.
 * A document is frozen once kept, so no reader can change what the next one gets; a new version shares the unchanged
 * parts of the one it was folded from.
 *
 * Only for SQLite, where the read model is written by this process's runner: with PostgreSQL another replica may
 * fold an erasure, and the document before it would stay in this process's memory until pushed out.
 * Bounded: the least recently used cases go first.
 */
export class KeptDocuments<T extends CaseDocument> {
  private readonly documents = new Map<string, T>();

  constructor(
    private readonly table: string,
    private readonly loadStored: StoredLoader<T>,
    private readonly maxCases = 1000,
  ) {}

  /** The documents of these cases as stored (absent when not stored), parsing only those not kept at that version. */
  async load(db: ReadModelDb, caseIds: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (!caseIds.some((id) => this.documents.has(id))) {
      for (const document of await this.loadStored(db, caseIds)) {
        found.set(document.caseId, this.keep(document));
      }
      return found;
    }
    const stored = await selectForCases<{ case_id: string; version: number | bigint }>(
      db,
      `SELECT case_id, version FROM ${this.table}`,
      caseIds,
    );
    const missing: string[] = [];
    for (const row of stored) {
      const kept = this.documents.get(row.case_id);
      if (kept && kept.version === Number(row.version)) found.set(row.case_id, this.touch(kept));
      else missing.push(row.case_id);
    }
    if (missing.length > 0) {
      for (const document of await this.loadStored(db, missing)) {
        found.set(document.caseId, this.keep(document));
      }
    }
    return found;
  }

  /** Keeps documents just folded (their batch may not have committed yet: they are used only at their version). */
  remember(documents: Iterable<T>): void {
    for (const document of documents) this.keep(document);
  }

  private keep(document: T): T {
    const known = this.documents.get(document.caseId);
    if (known && known.version > document.version) return deepFreeze(document);
    this.documents.delete(document.caseId);
    this.documents.set(document.caseId, deepFreeze(document));
    if (this.documents.size > this.maxCases) {
      const oldest = this.documents.keys().next();
      if (!oldest.done) this.documents.delete(oldest.value);
    }
    return document;
  }

  private touch(document: T): T {
    this.documents.delete(document.caseId);
    this.documents.set(document.caseId, document);
    return document;
  }
}

const kept = new WeakMap<ReadModelDb, Map<string, KeptDocuments<CaseDocument>>>();

/** The kept documents of a table of a SQLite read-model database; null for PostgreSQL (see KeptDocuments). */
export const keptDocumentsOf = <T extends CaseDocument>(
  db: ReadModelDb,
  table: string,
  loadStored: StoredLoader<T>,
): KeptDocuments<T> | null => {
  if (db.dialect !== 'sqlite') return null;
  let tables = kept.get(db);
  if (!tables) {
    tables = new Map<string, KeptDocuments<CaseDocument>>();
    kept.set(db, tables);
  }
  // One table holds one kind of document: the loader given first for it is the one used.
  let documents = tables.get(table);
  if (!documents) {
    documents = new KeptDocuments<T>(table, loadStored);
    tables.set(table, documents);
  }
  return documents as unknown as KeptDocuments<T>;
};
