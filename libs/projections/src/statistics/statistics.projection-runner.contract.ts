import type { EventStore } from '@app/event-store';
import { breachPatternsProjection } from '../breach-patterns/breach-patterns.projection';
import { breachPatternRows as occurrencesOfBatch } from '../breach-patterns/breach-patterns.projection';
import { breachPatternRows, loadBreachOccurrences } from '../breach-patterns/breach-patterns.query';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import type { ReadModelDb } from '../read-model-db';
import {
  appealStatisticsRows,
  buildAppealStatistics,
  loadAppealCounts,
  loadAppealCountsOfCases,
} from './appeal-statistics.query';
import { buildOrderCompliance, loadOrders, orderComplianceRows } from './order-compliance.query';
import { normaliseStatisticsRequest } from './statistics-request';
import { caseCounts } from './statistics.evolve';
import { foldStatsCases, statisticsProjection } from './statistics.projection';
import { knownYear, testRegionOf, type History } from './statistics.spec-helper';
import { caseIdsOwnedBy, statisticsCheckpoint } from './statistics.store';

export interface StatisticsFixture {
  readonly store: EventStore;
  readonly db: ReadModelDb;
}

const PROJECTIONS = [statisticsProjection, breachPatternsProjection];
const TABLES: Record<string, string> = {
  rm_stat_cases: 'case_id',
  rm_stat_appeals: 'appeal_id',
  rm_stat_orders: 'order_id',
  rm_appeal_stat_counts: 'measure, local_authority_code, half_year, appeal_type',
  rm_breach_cases: 'case_id',
  rm_breach_occurrences: 'breach_id',
};

const append = async (store: EventStore, history: History, from = 0, to?: number) => {
  for (const event of history.events.slice(from, to)) {
    await store.append(event.streamId, [event], { expectedVersion: 'any' });
  }
};

/** Every row of the read model's tables, in key order, as text (to compare two builds). */
const snapshot = async (db: ReadModelDb): Promise<Record<string, string[]>> => {
  const result: Record<string, string[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const rows = await db.query(`SELECT * FROM ${table} ORDER BY ${key}`);
    result[table] = rows.map((row) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
        ),
      ),
    );
  }
  return result;
};

/** A year of appeals, orders (one late, one outstanding) and breaches. */
const scenario = (): History => {
  const history = knownYear({
    '886': { registered: 6, outcomes: { F: 3, P: 1, D: 1, W: 1 } },
    '887': { registered: 2, outcomes: { C: 1 } },
    '202': { registered: 5, outcomes: { F: 5 } },
  });
  history
    .order('886-case-0', '886-appeal-0', 'ord-1', 'AMEND_B_F', '2024-03-04')
    .comply('886-case-0', 'ord-1', '2024-04-15', '2024-04-08', 7)
    .order('886-case-1', '886-appeal-1', 'ord-2', 'NAME_SCHOOL', '2024-03-04')
    .detectBreach('886-case-1', 'br-1', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '886', '2024-03-18')
    .reportBreach(
      '886-case-1',
      'br-2',
      'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
      { kind: 'LA' },
      '2024-05-01',
    )
    .reportBreach(
      '887-case-0',
      'br-3',
      'UNLAWFUL_EXCLUSION',
      { kind: 'SCHOOL', name: 'Oak Academy', urn: '100001' },
      '2024-02-01',
    );
  return history;
};

/**
 * The statistics and breach-pattern read models through the real projection runner, against a real store and
 * read-model database. Run by the SQLite and PostgreSQL int specs.
 */
export const statisticsProjectionContract = (
  name: string,
  open: () => Promise<StatisticsFixture>,
  close: (f: StatisticsFixture) => Promise<void>,
) =>
  describe(`statistics and breach-pattern read models (${name})`, () => {
    let fixture: StatisticsFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(() => close(fixture));

    it('projects appeals, orders and breaches from the log, exactly as the events say', async () => {
      const history = scenario();
      await append(fixture.store, history);
      const runner = new ProjectionRunner(fixture.store, fixture.db, PROJECTIONS, { batchSize: 7 });
      await runner.init();
      expect(await runner.catchUp()).toBeGreaterThan(0);

      const counts = await loadAppealCounts(fixture.db);
      const expected = [...foldStatsCases(new Map(), history.events).values()].flatMap((c) => [
        ...caseCounts(c).values(),
      ]);
      const key = (c: {
        measure: string;
        localAuthorityCode: string;
        halfYear: string;
        appealType: string;
        count: number;
      }) => `${c.measure}|${c.localAuthorityCode}|${c.halfYear}|${c.appealType}|${c.count}`;
      const merged = new Map<string, number>();
      for (const c of expected) {
        const k = `${c.measure}|${c.localAuthorityCode}|${c.halfYear}|${c.appealType}`;
        merged.set(k, (merged.get(k) ?? 0) + c.count);
      }
      expect(counts.map(key).sort()).toEqual([...merged].map(([k, n]) => `${k}|${n}`).sort());

      const rows = appealStatisticsRows(
        buildAppealStatistics(counts, testRegionOf, null),
        normaliseStatisticsRequest(['LOCAL_AUTHORITY'], {}, { appealTypes: true }),
      );
      expect(
        rows.map((r) => [r.localAuthorityCode, r.registered, r.decided, r.successRate]),
      ).toEqual([
        ['202', 5, 5, 1],
        ['886', 6, 5, 0.8],
        ['887', 2, 0, null],
      ]);

      const orders = orderComplianceRows(
        buildOrderCompliance(await loadOrders(fixture.db), '2024-06-01', testRegionOf, null),
        normaliseStatisticsRequest([], {}, { appealTypes: false }),
      );
      expect(orders[0]).toMatchObject({
        ordersMade: 2,
        compliedLate: 1,
        maxDaysLate: 7,
        outstanding: 1,
        overdue: 1,
      });

      const occurrences = await loadBreachOccurrences(fixture.db);
      expect(occurrences.sort((a, b) => a.breachId.localeCompare(b.breachId))).toEqual(
        occurrencesOfBatch(new Map(), history.events).occurrences,
      );
      const patterns = breachPatternRows(occurrences, {}, null, new Set());
      expect(patterns.map((p) => [p.dutyHolder.key, p.breachType, p.occurrences])).toEqual([
        ['LA:886', 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', 2],
        ['SCHOOL:urn:100001', 'UNLAWFUL_EXCLUSION', 1],
      ]);

      // The exact view of some cases reads the same documents.
      const own = await caseIdsOwnedBy(fixture.db, 'owner-886-case-0');
      expect(own).toEqual(['886-case-0']);
      const mine = await loadAppealCountsOfCases(fixture.db, own);
      expect(
        mine
          .filter((c) => c.appealType === '*')
          .map((c) => c.measure)
          .sort(),
      ).toEqual(['decidedInFavourInFull', 'registered']);
      expect(await statisticsCheckpoint(fixture.db, ['appeal-statistics'])).toMatch(
        /^appeal-statistics@1:/,
      );
    });

    it('a full rebuild equals the incrementally maintained state; a replayed batch changes nothing', async () => {
      const history = scenario();
      const half = Math.floor(history.events.length / 2);
      const runner = new ProjectionRunner(fixture.store, fixture.db, PROJECTIONS, { batchSize: 3 });
      await runner.init();
      await append(fixture.store, history, 0, half);
      await runner.catchUp();
      await append(fixture.store, history, half);
      await runner.catchUp();
      const incremental = await snapshot(fixture.db);
      expect(incremental['rm_appeal_stat_counts']?.length).toBeGreaterThan(0);

      // A crash after the writes but before the checkpoint: the same batches applied again, committed without it.
      const { events } = await fixture.store.readAll(null, 10_000);
      for (const projection of PROJECTIONS) {
        const relevant = events.filter((e) => projection.handles.includes(e.type));
        for (let start = 0; start < relevant.length; start += 5) {
          const writes = await projection.apply(relevant.slice(start, start + 5), fixture.db);
          await fixture.db.writeTransaction(writes);
        }
      }
      expect(await snapshot(fixture.db)).toEqual(incremental);

      // Rebuild from the first event (version bump) in big batches: the same tables.
      const bumped: Projection[] = PROJECTIONS.map((p) => ({ ...p, version: p.version + 1 }));
      const rebuild = new ProjectionRunner(fixture.store, fixture.db, bumped, { batchSize: 1000 });
      await rebuild.init();
      expect((await snapshot(fixture.db))['rm_appeal_stat_counts']).toEqual([]);
      await rebuild.catchUp();
      expect(await snapshot(fixture.db)).toEqual(incremental);
    });
  });
