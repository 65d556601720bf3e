import type { CaseEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../projection';
import type { ReadModelDb, Statement } from '../read-model-db';
import { caseDocumentsOf, selectCaseRows } from './case-status.queries';
import { evolveCaseView } from './case-status.evolve';
import { caseStatusSchema, caseStatusTables } from './case-status.schema';
import type { AppealView, CaseView } from './case-status.view';
import { jsonText } from '../json-text';
import { caseViewsOfRows, storedCaseDoc, type CaseRow } from './case-status.storage';
import { caseIdsOf } from '../case-id-query';
import { preferNewer, type FoldEvent, type SplitApply } from '../split-apply';

const CASE_STREAM = /^case-(.+)$/;

const upsertCase = (view: CaseView): Statement => ({
  sql: `INSERT INTO rm_cases (case_id, owner_id, local_authority_code, opened_on, version, doc)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (case_id) DO UPDATE SET owner_id = excluded.owner_id,
          local_authority_code = excluded.local_authority_code, opened_on = excluded.opened_on,
          version = excluded.version, doc = excluded.doc`,
  params: [
    view.caseId,
    view.ownerId,
    view.localAuthorityCode,
    view.openedOn,
    view.version,
    storedCaseDoc(view),
  ],
});

/**
 * The rows of the appeals this batch changed: the fold keeps each appeal it did not touch as the very object it was
 * before (as read back from the document), so an appeal that is not the same object is new or changed.
 */
const upsertAppeals = (before: CaseView | undefined, view: CaseView): Statement[] => {
  const unchanged = new Set<AppealView>(before?.appeals);
  return view.appeals
    .filter((appeal) => !unchanged.has(appeal))
    .map((appeal) => ({
      sql: `INSERT INTO rm_appeals (appeal_id, case_id, owner_id, local_authority_code, stage, lodged_on, outcome, decided_on, doc)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
          ON CONFLICT (appeal_id) DO UPDATE SET stage = excluded.stage, outcome = excluded.outcome,
            decided_on = excluded.decided_on, doc = excluded.doc`,
      params: [
        appeal.appealId,
        view.caseId,
        view.ownerId,
        view.localAuthorityCode,
        appeal.stage,
        appeal.lodgedOn,
        appeal.outcome,
        appeal.decidedOn,
        jsonText(appeal),
      ],
    }));
};

/** The case's grants as rows, so "cases shared with organisation X today" is an index range, not a scan. */
const deleteGrants = (view: CaseView): Statement => ({
  sql: 'DELETE FROM rm_case_grants WHERE case_id = $1',
  params: [view.caseId],
});

const insertGrants = (view: CaseView): Statement[] =>
  view.grants.map((grant) => ({
    sql: `INSERT INTO rm_case_grants (case_id, organisation, opened_on, granted_on, expires_on)
          VALUES ($1, $2, $3, $4, $5)`,
    params: [view.caseId, grant.organisation, view.openedOn, grant.grantedOn, grant.expiresOn],
  }));

/** Grants are rewritten only for cases whose grants this batch changed (evolve keeps the same array otherwise). */
const grantsChanged = (before: CaseView | undefined, after: CaseView): boolean => {
  const previous = before?.grants ?? [];
  return previous !== after.grants && !(previous.length === 0 && after.grants.length === 0);
};

/**
 * The writes of a batch's changed documents, grouped by statement (every case row, then every appeal row, then the
 * grants: all the deletes before all the inserts): each row has its own key, so the order between cases does not
 * matter, and PostgreSQL gets one multi-row insert per table (see batchTexts) instead of one statement per row.
 */
const caseWrites = (
  before: ReadonlyMap<string, CaseView>,
  changed: ReadonlyMap<string, CaseView>,
): Statement[] => {
  const cases: Statement[] = [];
  const appeals: Statement[] = [];
  const grantDeletes: Statement[] = [];
  const grantInserts: Statement[] = [];
  for (const view of changed.values()) {
    const previous = before.get(view.caseId);
    cases.push(upsertCase(view));
    appeals.push(...upsertAppeals(previous, view));
    if (grantsChanged(previous, view)) {
      grantDeletes.push(deleteGrants(view));
      grantInserts.push(...insertGrants(view));
    }
  }
  return [...cases, ...appeals, ...grantDeletes, ...grantInserts];
};

/** Every case event type; the record type makes the compiler insist on a complete list. */
const EVERY_CASE_EVENT: Record<CaseEvent['type'], true> = {
  CaseOpened: true,
  AssessmentRequested: true,
  ReassessmentRequested: true,
  AdviceRequested: true,
  AdviceReceived: true,
  LaDecisionRecorded: true,
  ReviewMeetingHeld: true,
  PhaseTransferDue: true,
  ExceptionRecorded: true,
  MediationAdviserContacted: true,
  MediationHeld: true,
  MediationCertificateIssued: true,
  AppealLodged: true,
  AppealRegistered: true,
  LaResponseReceived: true,
  EvidenceSubmitted: true,
  HearingBundleSent: true,
  HearingScheduled: true,
  HearingAdjourned: true,
  HearingHeld: true,
  AppealOutcomeRecorded: true,
  TribunalOrderMade: true,
  OrderComplied: true,
  DecisionChallengeLodged: true,
  DecisionChallengeDecided: true,
  HscRecommendationsMade: true,
  HscRecommendationsAnswered: true,
  BreachReported: true,
  BreachDetected: true,
  BreachRemedied: true,
  AccessGranted: true,
  AccessRevoked: true,
  PersonalDataErased: true,
};
export const CASE_STATUS_EVENTS = Object.keys(EVERY_CASE_EVENT) as CaseEvent['type'][];

/** Folds a batch into the case documents it touches: one read of those documents, one write each. */
export const foldCaseViews = (
  before: ReadonlyMap<string, CaseView>,
  events: readonly FoldEvent[],
): Map<string, CaseView> => {
  const changed = new Map<string, CaseView>();
  for (const event of events) {
    const caseId = CASE_STREAM.exec(event.streamId)?.[1];
    if (!caseId) continue;
    const current = changed.get(caseId) ?? before.get(caseId) ?? null;
    const next = evolveCaseView(current, {
      event: { type: event.type, data: event.data } as CaseEvent,
      streamVersion: Number(event.streamVersion),
      recordedAt: event.metadata.recordedAt,
    });
    if (next && next !== current) changed.set(caseId, next);
  }
  return changed;
};

/** The case document straight from its stream's events (used when the read model lags behind a write). */
export const caseViewFromEvents = (
  caseId: string,
  events: readonly RecordedEvent[],
): CaseView | null => foldCaseViews(new Map(), events).get(caseId) ?? null;

/**
 * `apply` in two halves (see SplitApply): the stored rows of the batch's cases and of their appeals, as read (see
 * selectCaseRows), then the fold and the writes. `newer`: documents a previous batch folded, used where their
 * version is ahead of the stored one.
 */
export const caseStatusSplit: SplitApply<CaseRow[], CaseView> = {
  load: (events, db) => selectCaseRows(db, caseIdsOf(events)),
  fold: (events, rows, newer) => {
    const before = new Map<string, CaseView>();
    for (const view of caseViewsOfRows(rows)) before.set(view.caseId, view);
    preferNewer(before, newer, caseIdsOf(events));
    return foldWrites(before, events);
  },
};

/** The batch folded into the documents as they were before it, and the rows to write for what changed. */
const foldWrites = (
  before: ReadonlyMap<string, CaseView>,
  events: readonly FoldEvent[],
): { writes: Statement[]; changed: Map<string, CaseView> } => {
  const changed = foldCaseViews(before, events);
  return { writes: caseWrites(before, changed), changed };
};

/** A live batch: on SQLite from the documents kept parsed (KeptDocuments), which then keep the ones it folded. */
const applyLive = async (
  events: readonly RecordedEvent[],
  db: ReadModelDb,
): Promise<Statement[]> => {
  const documents = caseDocumentsOf(db);
  if (!documents)
    return caseStatusSplit.fold(events, await caseStatusSplit.load(events, db), null).writes;
  const { writes, changed } = foldWrites(await documents.load(db, caseIdsOf(events)), events);
  documents.remember(changed.values());
  return writes;
};

export const caseStatusProjection: Projection = {
  name: 'case-status',
  // 4: consent grants in the document and in rm_case_grants.
  // 5: erasure (erasedOn; personal fields purged on PersonalDataErased; no tribunal reference in the timeline).
  // 6: deadlines stored without their words (recomputed when read).
  // 7: deadlines stored without anything that follows from their rule and input, nor usual values (see storage).
  // 8: appeals stored only in rm_appeals; the case document lists their ids (see storage).
  version: 8,
  handles: CASE_STATUS_EVENTS,
  tables: caseStatusTables,
  schema: caseStatusSchema,
  // Not rm_appeals_case: a rebuild reads each batch's cases' appeals by it.
  queryOnlyIndexes: ['rm_cases_owner', 'rm_case_grants_organisation'],
  apply: applyLive,
};
