import type { ReadModelDb } from '../read-model-db';
import type { CaseView } from './case-status.view';
import { selectForCases } from '../case-id-query';
import { keptDocumentsOf, type KeptDocuments } from '../kept-documents';
import { caseViewsOfRows, type CaseRow } from './case-status.storage';

/**
 * The rows of the cases `chosenSql` selects (it yields `case_id` and `doc` of rm_cases, and may take parameters)
 * and the rows of their appeals, in one statement: a case's document and its appeals' then come from one snapshot
 * of the read model (on PostgreSQL each statement has its own). See caseViewsOfRows.
 */
export const withAppealRows = (chosenSql: string): string =>
  `WITH chosen AS (${chosenSql})
   SELECT case_id, NULL AS appeal_id, doc FROM chosen
   UNION ALL
   SELECT case_id, appeal_id, doc FROM rm_appeals WHERE case_id IN (SELECT case_id FROM chosen)`;

/** The rows (see withAppealRows) of the given cases, in chunks to stay under the drivers' parameter limits. */
export const selectCaseRows = (db: ReadModelDb, caseIds: readonly string[]): Promise<CaseRow[]> =>
  selectForCases<CaseRow>(
    db,
    (caseIdIn) => withAppealRows(`SELECT case_id, doc FROM rm_cases WHERE ${caseIdIn}`),
    caseIds,
  );

const storedCaseViews = async (db: ReadModelDb, caseIds: readonly string[]): Promise<CaseView[]> =>
  caseViewsOfRows(await selectCaseRows(db, caseIds));

/** Parsed case documents kept for a SQLite read model (see KeptDocuments); null for PostgreSQL. */
export const caseDocumentsOf = (db: ReadModelDb): KeptDocuments<CaseView> | null =>
  keptDocumentsOf(db, 'rm_cases', storedCaseViews);

/** Documents of the given cases (missing ones are simply absent), in chunks to stay under parameter limits. */
export const loadCaseViews = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<Map<string, CaseView>> => {
  const documents = caseDocumentsOf(db);
  if (documents) return documents.load(db, caseIds);
  return new Map((await storedCaseViews(db, caseIds)).map((view) => [view.caseId, view]));
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
  const rows = await db.query<CaseRow>(
    withAppealRows(
      `SELECT c.case_id, c.doc FROM rm_appeals a JOIN rm_cases c ON c.case_id = a.case_id WHERE a.appeal_id = $1`,
    ),
    [appealId],
  );
  return caseViewsOfRows(rows)[0] ?? null;
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

const descending = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

/** Newest first (opened on, then case id, both descending): the order of a page of cases. */
const newestFirst = (a: CaseView, b: CaseView): number =>
  descending(a.openedOn, b.openedOn) || descending(a.caseId, b.caseId);

/** A page from the rows of up to `first + 1` cases (see withAppealRows), newest first. */
const pageOf = (rows: readonly CaseRow[], first: number): CasePage => {
  // The statement's order of rows is not the cases' (a UNION has none of its own): sorted here, as the query chose.
  const views = caseViewsOfRows(rows).sort(newestFirst);
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
  const rows = await db.query<CaseRow>(
    withAppealRows(
      `SELECT c.case_id, c.doc FROM rm_case_grants g JOIN rm_cases c ON c.case_id = g.case_id
       WHERE ${where} ORDER BY g.opened_on DESC, g.case_id DESC LIMIT $3`,
    ),
    params,
  );
  return pageOf(rows, first);
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
  const rows = await db.query<CaseRow>(
    withAppealRows(
      `SELECT case_id, doc FROM rm_cases WHERE ${where} ORDER BY opened_on DESC, case_id DESC LIMIT $2`,
    ),
    params,
  );
  return pageOf(rows, first);
};
