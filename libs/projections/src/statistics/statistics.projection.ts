import type { CaseEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../projection';
import type { ReadModelDb, Statement } from '../read-model-db';
import {
  STATISTICS_EVENTS,
  caseCounts,
  evolveStatsCase,
  type AppealCount,
  type StatsCase,
} from './statistics.evolve';
import { statisticsSchema, statisticsTables } from './statistics.schema';
import { caseIdsOf, selectForCases } from '../case-id-query';
import { jsonText } from '../json-text';
import { docColumnLoader, keptDocumentsOf } from '../kept-documents';
import { preferNewer, type FoldEvent, type SplitApply } from '../split-apply';

const CASE_STREAM = /^case-(.+)$/;

const parse = <T>(doc: unknown): T =>
  typeof doc === 'string' ? (JSON.parse(doc) as T) : (doc as T);

/** Per-case statistics documents, whole in rm_stat_cases.doc (kept parsed on SQLite). */
const STATS_DOCUMENTS = docColumnLoader('rm_stat_cases', parse<StatsCase>);

/** The stored documents of the given cases as read (text from SQLite, parsed from PostgreSQL), in chunks. */
const loadStatsDocs = async (db: ReadModelDb, caseIds: readonly string[]): Promise<unknown[]> =>
  (await selectForCases<{ doc: unknown }>(db, 'SELECT doc FROM rm_stat_cases', caseIds)).map(
    (row) => row.doc,
  );

const statsCasesOf = (docs: readonly unknown[]): Map<string, StatsCase> => {
  const cases = new Map<string, StatsCase>();
  for (const doc of docs) {
    const state = parse<StatsCase>(doc);
    cases.set(state.caseId, state);
  }
  return cases;
};

/** The folded documents of the given cases (missing ones are absent), in chunks to stay under parameter limits. */
export const loadStatsCases = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<Map<string, StatsCase>> => statsCasesOf(await loadStatsDocs(db, caseIds));

/** Folds a batch into the cases it touches (pure). */
export const foldStatsCases = (
  before: ReadonlyMap<string, StatsCase>,
  events: readonly FoldEvent[],
): Map<string, StatsCase> => {
  const changed = new Map<string, StatsCase>();
  for (const recorded of events) {
    const caseId = CASE_STREAM.exec(recorded.streamId)?.[1];
    if (!caseId) continue;
    const current = changed.get(caseId) ?? before.get(caseId) ?? null;
    const next = evolveStatsCase(current, {
      caseId,
      event: { type: recorded.type, data: recorded.data } as CaseEvent,
      streamVersion: Number(recorded.streamVersion),
    });
    if (next && next !== current) changed.set(caseId, next);
  }
  return changed;
};

/** What the counters must change by when cases go from `before` to `after` (zero changes left out). */
export const counterChanges = (
  before: ReadonlyMap<string, StatsCase>,
  after: ReadonlyMap<string, StatsCase>,
): AppealCount[] => {
  const delta = new Map<string, AppealCount>();
  const add = (counts: Map<string, AppealCount>, sign: 1 | -1) => {
    for (const [key, count] of counts) {
      const seen = delta.get(key);
      delta.set(key, { ...count, count: (seen?.count ?? 0) + sign * count.count });
    }
  };
  for (const [caseId, state] of after) {
    const previous = before.get(caseId) ?? null;
    if (previous === null || previous.localAuthorityCode !== state.localAuthorityCode) {
      add(caseCounts(previous), -1);
      add(caseCounts(state), 1);
      continue;
    }
    // The fold keeps an appeal it did not touch as the same object, whose counts would cancel out: only the
    // appeals that changed (or came or went) are counted, so a case with many appeals costs what its batch changed.
    const kept = new Set(state.appeals);
    const unchanged = new Set(previous.appeals.filter((appeal) => kept.has(appeal)));
    const changedOf = (of: StatsCase): StatsCase => ({
      ...of,
      appeals: of.appeals.filter((appeal) => !unchanged.has(appeal)),
    });
    add(caseCounts(changedOf(previous)), -1);
    add(caseCounts(changedOf(state)), 1);
  }
  return [...delta.values()].filter((c) => c.count !== 0);
};

const upsertCase = (state: StatsCase): Statement => ({
  sql: `INSERT INTO rm_stat_cases (case_id, owner_id, local_authority_code, version, doc)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (case_id) DO UPDATE SET owner_id = excluded.owner_id,
          local_authority_code = excluded.local_authority_code, version = excluded.version, doc = excluded.doc`,
  params: [
    state.caseId,
    state.ownerId,
    state.localAuthorityCode,
    state.version,
    // Its appeals and orders two levels down: unchanged ones are frozen (kept documents) and their text is kept.
    jsonText(state, 2),
  ],
});

/**
 * Rows only for the appeals and orders this batch changed: the fold keeps each one it did not touch as the very object
 * it was before (as read back from the document), so one that is not the same object is new or changed.
 */
const changedOnly = <T>(before: readonly T[] | undefined, after: readonly T[]): T[] => {
  if (!before || before.length === 0) return [...after];
  const unchanged = new Set<T>(before);
  return after.filter((item) => !unchanged.has(item));
};

const upsertAppeals = (before: StatsCase | undefined, state: StatsCase): Statement[] =>
  changedOnly(before?.appeals, state.appeals).map((a) => ({
    sql: `INSERT INTO rm_stat_appeals (appeal_id, case_id, local_authority_code, appeal_types, lodged_on,
            registered_on, outcome, extent, decided_on)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
          ON CONFLICT (appeal_id) DO UPDATE SET registered_on = excluded.registered_on,
            outcome = excluded.outcome, extent = excluded.extent, decided_on = excluded.decided_on`,
    params: [
      a.appealId,
      state.caseId,
      state.localAuthorityCode,
      a.appealTypes.join(','),
      a.lodgedOn,
      a.registeredOn,
      a.outcome,
      a.extent,
      a.decidedOn,
    ],
  }));

const upsertOrders = (before: StatsCase | undefined, state: StatsCase): Statement[] =>
  changedOnly(before?.orders, state.orders).map((o) => ({
    sql: `INSERT INTO rm_stat_orders (order_id, case_id, appeal_id, local_authority_code, order_type, basis,
            made_on, due_on, complied_on, days_late)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          ON CONFLICT (order_id) DO UPDATE SET due_on = excluded.due_on, complied_on = excluded.complied_on,
            days_late = excluded.days_late`,
    params: [
      o.orderId,
      state.caseId,
      o.appealId,
      state.localAuthorityCode,
      o.orderType,
      o.basis,
      o.madeOn,
      o.dueOn,
      o.compliedOn,
      o.daysLate,
    ],
  }));

const addToCounter = (c: AppealCount): Statement => ({
  sql: `INSERT INTO rm_appeal_stat_counts (measure, local_authority_code, half_year, appeal_type, n)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (measure, local_authority_code, half_year, appeal_type)
        DO UPDATE SET n = rm_appeal_stat_counts.n + excluded.n`,
  params: [c.measure, c.localAuthorityCode, c.halfYear, c.appealType, c.count],
});

const dropIfZero = (c: AppealCount): Statement => ({
  sql: `DELETE FROM rm_appeal_stat_counts
        WHERE measure = $1 AND local_authority_code = $2 AND half_year = $3 AND appeal_type = $4 AND n = 0`,
  params: [c.measure, c.localAuthorityCode, c.halfYear, c.appealType],
});

/**
 * The writes of a batch, grouped by statement (every case row, then every appeal row, every order row, every counter
 * change and last the counters that dropped to 0): each row and counter has its own key, so the order between them
 * does not matter, and PostgreSQL gets one multi-row insert per table (see batchTexts).
 */
export const statisticsWrites = (
  before: ReadonlyMap<string, StatsCase>,
  after: ReadonlyMap<string, StatsCase>,
): Statement[] => {
  const cases: Statement[] = [];
  const appeals: Statement[] = [];
  const orders: Statement[] = [];
  for (const state of after.values()) {
    const previous = before.get(state.caseId);
    cases.push(upsertCase(state));
    appeals.push(...upsertAppeals(previous, state));
    orders.push(...upsertOrders(previous, state));
  }
  const changes = counterChanges(before, after);
  // A counter that drops to 0 is removed, so the table is the same as after a rebuild.
  const dropped = changes.filter((c) => c.count < 0).map(dropIfZero);
  return [...cases, ...appeals, ...orders, ...changes.map(addToCounter), ...dropped];
};

/**
 * `apply` in two halves (see SplitApply), so that a rebuild can fold it on its worker thread: the stored documents
 * of the batch's cases as read, then the fold and the writes. `newer`: documents a previous batch folded, used where
 * their version is ahead of the stored one (the counters then move by the difference from the newest document).
 */
export const statisticsSplit: SplitApply<unknown[], StatsCase> = {
  load: (events, db) => loadStatsDocs(db, caseIdsOf(events)),
  fold: (events, docs, newer) => {
    const before = statsCasesOf(docs);
    preferNewer(before, newer, caseIdsOf(events));
    const changed = foldStatsCases(before, events);
    return { writes: statisticsWrites(before, changed), changed };
  },
};

/**
 * Appeal outcome statistics and order compliance. Each batch reads the documents of the cases it touches, folds the
 * events past each document's version (so a replayed batch changes nothing), and writes the documents, their appeal
 * and order rows, and the counters moved by exactly the difference between the old and the new documents.
 */
export const statisticsProjection: Projection = {
  name: 'appeal-statistics',
  version: 1,
  handles: STATISTICS_EVENTS,
  tables: statisticsTables,
  schema: statisticsSchema,
  queryOnlyIndexes: ['rm_stat_cases_owner', 'rm_stat_appeals_case', 'rm_stat_orders_case'],
  apply: async (events: readonly RecordedEvent[], db: ReadModelDb): Promise<Statement[]> => {
    // On SQLite from the documents kept parsed (see KeptDocuments), which then keep the ones this batch folded.
    const documents = keptDocumentsOf(db, 'rm_stat_cases', STATS_DOCUMENTS);
    if (!documents)
      return statisticsSplit.fold(events, await statisticsSplit.load(events, db), null).writes;
    const before = await documents.load(db, caseIdsOf(events));
    const changed = foldStatsCases(before, events);
    documents.remember(changed.values());
    return statisticsWrites(before, changed);
  },
};
