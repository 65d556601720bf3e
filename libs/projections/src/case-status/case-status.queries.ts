import type { ReadModelDb } from '../read-model-db';
import type { CaseView } from './case-status.view';
import { selectForCases } from '../case-id-query';
import { keptDocumentsOf, type KeptDocuments } from '../kept-documents';
import { caseViewOfDoc } from './case-status.storage';

/** Parsed case documents kept for a SQLite read model (see KeptDocuments); null for PostgreSQL. */
export const caseDocumentsOf = (db: ReadModelDb): KeptDocuments<CaseView> | null =>
  keptDocumentsOf(db, 'rm_cases', caseViewOfDoc);

/** Documents of the given cases (missing ones are simply absent), in chunks to stay under parameter limits. */
export const loadCaseViews = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<Map<string, CaseView>> => {
  const documents = caseDocumentsOf(db);
  if (documents) return documents.load(db, caseIds);
  const views = new Map<string, CaseView>();
  const rows = await selectForCases<{ doc: unknown }>(db, 'SELECT doc FROM rm_cases', caseIds);
  for (const row of rows) {
    const view = caseViewOfDoc(row.doc);
    views.set(view.caseId, view);
  }
  return views;
};

export const findCase = async (db: ReadModelDb, caseId: string): Promise<CaseView | null> =>
  (await loadCaseViews(db, [caseId])).get(caseId) ?? null;

/** The case holding an appeal (its document has the appeal and the timeline), or null. */
export const findCaseOfAppeal = async (
  db: ReadModelDb,
  appealId: string,
): Promise<CaseView | null> => {
  if (caseDocumentsOf(db)) {
    const [row] = await db.query<{ case_id: string }>(
      'SELECT case_id FROM rm_appeals WHERE appeal_id = $1',
      [appealId],
    );
    return row ? findCase(db, row.case_id) : null;
  }
  const rows = await db.query<{ doc: unknown }>(
    `SELECT c.doc FROM rm_appeals a JOIN rm_cases c ON c.case_id = a.case_id WHERE a.appeal_id = $1`,
    [appealId],
  );
  return rows[0] ? caseViewOfDoc(rows[0].doc) : null;
};

export interface CasePage {
  readonly cases: readonly CaseView[];
  /** The cursor of each case, to resume after it. */
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

const encodeCursor = (view: CaseView): string =>
  Buffer.from(`${view.openedOn}|${view.caseId}`).toString('base64url');

/** Decodes a cursor from `cases(after:)`; null when it is not one of ours. */
export const decodeCaseCursor = (cursor: string): { openedOn: string; caseId: string } | null => {
  const [openedOn, caseId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!openedOn || !caseId || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(openedOn)) return null;
  return { openedOn, caseId };
};

const pageOf = (views: readonly CaseView[], first: number): CasePage => {
  const page = views.slice(0, first);
  const last = page[page.length - 1];
  return {
    cases: page,
    cursors: page.map(encodeCursor),
    hasNextPage: views.length > first,
    endCursor: last ? encodeCursor(last) : null,
  };
};

/**
 * The cases an advocacy organisation may see on `today`: those with a grant to it that has not run out (a grant
 * lasts to the end of its `expiresOn`). Newest first, keyset-paginated like the family's list.
 */
export const listCasesGrantedTo = async (
  db: ReadModelDb,
  organisation: string,
  today: string,
  first: number,
  after: { openedOn: string; caseId: string } | null,
): Promise<CasePage> => {
  const params: unknown[] = [organisation, today, first + 1];
  let where = 'g.organisation = $1 AND (g.expires_on IS NULL OR g.expires_on >= $2)';
  if (after) {
    params.push(after.openedOn, after.caseId);
    where += ' AND (g.opened_on < $4 OR (g.opened_on = $4 AND g.case_id < $5))';
  }
  const rows = await db.query<{ doc: unknown }>(
    `SELECT c.doc FROM rm_case_grants g JOIN rm_cases c ON c.case_id = g.case_id
     WHERE ${where} ORDER BY g.opened_on DESC, g.case_id DESC LIMIT $3`,
    params,
  );
  return pageOf(
    rows.map((row) => caseViewOfDoc(row.doc)),
    first,
  );
};

/**
 * The ids of every case shared with an advocacy organisation on `today` (grants in force), e.g. for the exact
 * statistics over an advocate's own caseload. Not for erased cases' content: callers still apply the access rule.
 */
export const caseIdsGrantedTo = async (
  db: ReadModelDb,
  organisation: string,
  today: string,
): Promise<string[]> =>
  (
    await db.query<{ case_id: string }>(
      `SELECT case_id FROM rm_case_grants
       WHERE organisation = $1 AND (expires_on IS NULL OR expires_on >= $2) ORDER BY case_id`,
      [organisation, today],
    )
  ).map((row) => row.case_id);

/** A family's cases, newest first, keyset-paginated (stable while cases are added). */
export const listCasesOfOwner = async (
  db: ReadModelDb,
  ownerId: string,
  first: number,
  after: { openedOn: string; caseId: string } | null,
): Promise<CasePage> => {
  const params: unknown[] = [ownerId, first + 1];
  let where = 'owner_id = $1';
  if (after) {
    params.push(after.openedOn, after.caseId);
    where += ' AND (opened_on < $3 OR (opened_on = $3 AND case_id < $4))';
  }
  const rows = await db.query<{ doc: unknown }>(
    `SELECT doc FROM rm_cases WHERE ${where} ORDER BY opened_on DESC, case_id DESC LIMIT $2`,
    params,
  );
  return pageOf(
    rows.map((row) => caseViewOfDoc(row.doc)),
    first,
  );
};
