import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand, SqliteEventStore, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection } from './case-status/case-status.projection';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import { SqliteReadModelDb } from './sqlite.read-model-db';
import { statisticsProjection } from './statistics/statistics.projection';

/** Which table each statement writes to, counted. */
const tablesWritten = (statements: readonly { sql: string }[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { sql } of statements) {
    const table = /^\s*(?:INSERT INTO|DELETE FROM|UPDATE)\s+(\w+)/.exec(sql)?.[1] ?? sql;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
};

describe('a batch writes the rows of the appeals it changed, not every appeal of the case', () => {
  const raw = new Database(':memory:');
  const store = new SqliteEventStore(raw);
  const db = new SqliteReadModelDb(raw);
  let log: RecordedEvent[];

  beforeAll(async () => {
    const history = generateHistory(5, { commands: 120, cases: 1 });
    for (const [i, step] of history.steps.entries()) {
      await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
        actor: step.actor,
        now: step.now,
        idempotencyKey: `changed-rows-${i}`,
      });
    }
    log = await untilLogVisible(store, history.eventCount);
  });
  afterAll(() => raw.close());

  /** Folds the log up to (excluding) the `nth` event of one of `types` for a case with two appeals; returns it. */
  const upTo = async (projection: Projection, types: readonly string[]): Promise<RecordedEvent> => {
    const lodged = log.filter((e) => e.type === 'AppealLodged');
    expect(lodged.length).toBeGreaterThanOrEqual(2);
    const secondLodged = log.indexOf(lodged[1]!);
    const at = log.findIndex((e, i) => i > secondLodged && types.includes(e.type));
    expect(at).toBeGreaterThan(secondLodged);
    const runner = new ProjectionRunner(store, db, [projection], { batchSize: at });
    await runner.init();
    expect(await runner.step(projection)).toBe(at);
    return log[at]!;
  };

  it('case status: one appeal row for an event about one appeal, none for an event about none', async () => {
    const event = await upTo(caseStatusProjection, ['AppealRegistered', 'HearingScheduled']);
    expect(tablesWritten(await caseStatusProjection.apply([event], db))).toEqual({
      rm_cases: 1,
      rm_appeals: 1,
    });
    // An event about no appeal (a decision, a breach, a grant), delivered as the case's next one.
    const aboutNoAppeal = [
      'LaDecisionRecorded',
      'BreachReported',
      'BreachDetected',
      'AccessGranted',
    ];
    const other = log.find((e) => aboutNoAppeal.includes(e.type));
    expect(other).toBeDefined();
    const next = { ...other!, streamVersion: event.streamVersion + 1n };
    const written = tablesWritten(await caseStatusProjection.apply([next], db));
    expect(written.rm_cases).toBe(1);
    expect(written.rm_appeals).toBeUndefined();
  });

  it('statistics: one appeal row for an event about one appeal', async () => {
    const event = await upTo(statisticsProjection, ['AppealRegistered', 'AppealOutcomeRecorded']);
    const written = tablesWritten(await statisticsProjection.apply([event], db));
    expect(written.rm_stat_cases).toBe(1);
    expect(written.rm_stat_appeals).toBe(1);
    expect(written.rm_stat_orders).toBeUndefined();
  });
});
