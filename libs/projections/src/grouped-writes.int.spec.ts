import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand, SqliteEventStore, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection } from './case-status/case-status.projection';
import { batchTexts } from './postgres.statement-text';
import { untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import type { Statement } from './read-model-db';
import { SqliteReadModelDb } from './sqlite.read-model-db';
import { statisticsProjection } from './statistics/statistics.projection';

/** The SQL texts in the order they first appear, and whether any of them appears in more than one run. */
const runsOf = (statements: readonly Statement[]): string[] => {
  const runs: string[] = [];
  for (const { sql } of statements) if (runs.at(-1) !== sql) runs.push(sql);
  return runs;
};

describe('a batch of several cases writes its rows grouped by statement', () => {
  const raw = new Database(':memory:');
  const store = new SqliteEventStore(raw);
  const db = new SqliteReadModelDb(raw);
  let log: RecordedEvent[];

  beforeAll(async () => {
    const history = generateHistory(11, { commands: 150, cases: 6 });
    for (const [i, step] of history.steps.entries()) {
      await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
        actor: step.actor,
        now: step.now,
        idempotencyKey: `grouped-${i}`,
      });
    }
    log = await untilLogVisible(store, history.eventCount);
    for (const projection of [caseStatusProjection, statisticsProjection]) {
      await db.exec(projection.schema.sqlite);
    }
  });
  afterAll(() => raw.close());

  it('case status: every case row, then every appeal row, then the grants (deletes before inserts)', async () => {
    const writes = await caseStatusProjection.apply(log, db);
    const runs = runsOf(writes);
    expect(new Set(runs).size).toBe(runs.length);
    const tables = runs.map((sql) =>
      /^\s*(INSERT INTO|DELETE FROM)\s+(\w+)/.exec(sql)!.slice(1).join(' '),
    );
    expect(tables[0]).toBe('INSERT INTO rm_cases');
    expect(tables).toContain('INSERT INTO rm_appeals');
    expect(writes.filter((w) => w.sql.includes('INSERT INTO rm_cases'))).toHaveLength(6);
    const deletes = tables.indexOf('DELETE FROM rm_case_grants');
    const inserts = tables.indexOf('INSERT INTO rm_case_grants');
    if (inserts >= 0) expect(deletes).toBeLessThan(inserts);
    // On PostgreSQL each group is one multi-row insert: one statement per table, not per row.
    const [text] = batchTexts(writes, undefined, true);
    expect(text!.match(/INSERT INTO rm_cases/g)).toHaveLength(1);
  });

  it('statistics: cases, appeals, orders, counters, then the counters dropped to zero', async () => {
    const writes = await statisticsProjection.apply(log, db);
    const runs = runsOf(writes);
    expect(new Set(runs).size).toBe(runs.length);
    const tables = runs.map((sql) => /^\s*(?:INSERT INTO|DELETE FROM)\s+(\w+)/.exec(sql)![1]);
    expect(tables.slice(0, 2)).toEqual(['rm_stat_cases', 'rm_stat_appeals']);
    expect(tables).toContain('rm_appeal_stat_counts');
    expect(writes.filter((w) => w.sql.includes('INSERT INTO rm_stat_cases'))).toHaveLength(6);
  });
});
