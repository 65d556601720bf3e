import type { CaseEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../projection';
import type { ReadModelDb, Statement } from '../read-model-db';
import {
  BREACH_PATTERN_EVENTS,
  breachOccurrenceOf,
  type BreachOccurrence,
} from './breach-patterns.evolve';
import { breachPatternsSchema, breachPatternsTables } from './breach-patterns.schema';
import { selectForCases } from '../case-id-query';
import type { FoldEvent, SplitApply } from '../split-apply';

const CASE_STREAM = /^case-(.+)$/;

const loadCaseAuthorities = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  const rows = await selectForCases<{ case_id: string; local_authority_code: string }>(
    db,
    'SELECT case_id, local_authority_code FROM rm_breach_cases',
    caseIds,
  );
  for (const row of rows) found.set(row.case_id, row.local_authority_code);
  return found;
};

/** The rows a batch writes (pure, given each case's LA as known before the batch). */
export const breachPatternRows = (
  authorities: ReadonlyMap<string, string>,
  events: readonly FoldEvent[],
): { cases: Map<string, string>; occurrences: BreachOccurrence[] } => {
  const cases = new Map<string, string>();
  const occurrences: BreachOccurrence[] = [];
  for (const recorded of events) {
    const caseId = CASE_STREAM.exec(recorded.streamId)?.[1];
    if (!caseId) continue;
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    if (event.type === 'CaseOpened') {
      if (!authorities.has(caseId)) cases.set(caseId, event.data.localAuthorityCode);
      continue;
    }
    const la = cases.get(caseId) ?? authorities.get(caseId);
    if (la === undefined) continue;
    const occurrence = breachOccurrenceOf(caseId, la, event);
    if (occurrence) occurrences.push(occurrence);
  }
  return { cases, occurrences };
};

/**
 * Repeat-breach patterns. Every row is keyed by the event's own id and written whole, so replaying a batch writes
 * the same rows again: nothing to remember per case.
 */
export const breachPatternsProjection: Projection = {
  name: 'breach-patterns',
  version: 1,
  handles: BREACH_PATTERN_EVENTS,
  tables: breachPatternsTables,
  schema: breachPatternsSchema,
  queryOnlyIndexes: ['rm_breach_occurrences_pattern', 'rm_breach_occurrences_case'],
  apply: async (events: readonly RecordedEvent[], db: ReadModelDb): Promise<Statement[]> =>
    breachPatternsSplit.fold(events, await breachPatternsSplit.load(events, db), null).writes,
};

/** The cases whose LA a batch needs: those of its events other than a case's opening. */
const caseIdsOf = (events: readonly FoldEvent[]): string[] => [
  ...new Set(
    events
      .filter((e) => e.type !== 'CaseOpened')
      .map((e) => CASE_STREAM.exec(e.streamId)?.[1])
      .filter((id) => id !== undefined),
  ),
];

/**
 * `apply` in two halves (see SplitApply), so that a rebuild can fold it on its worker thread: the LA of each case the
 * batch needs as stored, then the rows. `newer`: the cases a previous batch opened (their LA), for those not yet
 * stored; a case's LA never changes once opened.
 */
export const breachPatternsSplit: SplitApply<Map<string, string>, string> = {
  load: (events, db) => loadCaseAuthorities(db, caseIdsOf(events)),
  fold: (events, loaded, newer) => {
    let authorities: ReadonlyMap<string, string> = loaded;
    if (newer) {
      const known = new Map(loaded);
      for (const caseId of caseIdsOf(events)) {
        const la = newer.get(caseId);
        if (la !== undefined && !known.has(caseId)) known.set(caseId, la);
      }
      authorities = known;
    }
    const { cases, occurrences } = breachPatternRows(authorities, events);
    return { writes: breachPatternWrites(cases, occurrences), changed: cases };
  },
};

const breachPatternWrites = (
  cases: ReadonlyMap<string, string>,
  occurrences: readonly BreachOccurrence[],
): Statement[] => [
  ...[...cases].map(([caseId, la]) => ({
    sql: `INSERT INTO rm_breach_cases (case_id, local_authority_code) VALUES ($1, $2)
              ON CONFLICT (case_id) DO NOTHING`,
    params: [caseId, la],
  })),
  ...occurrences.map((o) => ({
    sql: `INSERT INTO rm_breach_occurrences (breach_id, case_id, source, breach_type, holder_key, holder_kind,
                holder_name, holder_urn, holder_la_code, occurred_on)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
              ON CONFLICT (breach_id) DO NOTHING`,
    params: [
      o.breachId,
      o.caseId,
      o.source,
      o.breachType,
      o.holderKey,
      o.holderKind,
      o.holderName,
      o.holderUrn,
      o.holderLocalAuthorityCode,
      o.occurredOn,
    ],
  })),
];
