import { caseDecider, caseStreamId, ERASED_TEXT, type CaseCommand } from '@app/domain';
import { handleCommand, SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { ProjectionRunner } from './projection-runner';
import { untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import type { ReadModelDb } from './read-model-db';
import { SqliteReadModelDb } from './sqlite.read-model-db';
import { caseStatusProjection } from './case-status/case-status.projection';
import { caseDocumentsOf, findCase, withAppealRows } from './case-status/case-status.queries';
import { caseViewsOfRows, type CaseRow } from './case-status/case-status.storage';

describe('case documents kept parsed between batches and reads (SQLite)', () => {
  const raw = new Database(':memory:');
  const store = new SqliteEventStore(raw);
  const db = new SqliteReadModelDb(raw);
  const history = generateHistory(11, { commands: 60, cases: 2 });
  const caseId = history.steps[0]!.caseId;
  const runner = new ProjectionRunner(store, db, [caseStatusProjection], { batchSize: 7 });
  const stored = () =>
    raw.prepare('SELECT version, doc FROM rm_cases WHERE case_id = ?').get(caseId) as {
      version: number;
      doc: string;
    };
  /** The stored case read afresh from its rows (the document and its appeals'), past every kept document. */
  const parsedRow = () =>
    caseViewsOfRows(
      raw
        .prepare(withAppealRows('SELECT case_id, doc FROM rm_cases WHERE case_id = ?'))
        .all(caseId) as CaseRow[],
    )[0];

  beforeAll(async () => {
    for (const [i, step] of history.steps.entries()) {
      await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
        actor: step.actor,
        now: step.now,
        idempotencyKey: `kept-${i}`,
      });
    }
    await untilLogVisible(store, history.eventCount);
    await runner.init();
    while ((await runner.step(caseStatusProjection)) > 0);
  });
  afterAll(() => raw.close());

  it('reads the document folded last, frozen, equal to parsing the stored row', async () => {
    const view = await findCase(db, caseId);
    expect(await findCase(db, caseId)).toBe(view);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view!.appeals)).toBe(true);
    expect(Object.isFrozen(view!.deadlineTracker.deadlines)).toBe(true);
    expect(view).toEqual(parsedRow());
    expect(view!.version).toBe(stored().version);
  });

  it('parses the row again when it is at another version than the document kept', async () => {
    const kept = await findCase(db, caseId);
    raw
      .prepare(
        `UPDATE rm_cases SET version = version + 1000, doc = json_set(doc, '$.version', version + 1000) WHERE case_id = ?`,
      )
      .run(caseId);
    const reread = await findCase(db, caseId);
    expect(reread).not.toBe(kept);
    expect(reread!.version).toBe(kept!.version + 1000);
    expect(reread).toEqual(parsedRow());
    raw
      .prepare(
        `UPDATE rm_cases SET version = version - 1000, doc = json_set(doc, '$.version', version - 1000) WHERE case_id = ?`,
      )
      .run(caseId);
  });

  it('an erasure folded replaces the kept document with the purged one', async () => {
    const before = await findCase(db, caseId);
    expect(before!.childLabel).not.toBe(ERASED_TEXT);
    const owner = before!.ownerId;
    const erase = {
      type: 'ErasePersonalData',
      data: { requestedBy: 'FAMILY' },
      metadata: { actor: owner, today: '2030-01-01' },
    } as unknown as CaseCommand;
    await handleCommand(store, caseStreamId(caseId), caseDecider, erase, {
      actor: owner,
      now: new Date('2030-01-01T09:00:00.000Z'),
    });
    await untilLogVisible(store, history.eventCount + 1);
    while ((await runner.step(caseStatusProjection)) > 0);

    const after = await findCase(db, caseId);
    expect(after!.childLabel).toBe(ERASED_TEXT);
    expect(after!.version).toBe(before!.version + 1);
    expect(after).toEqual(parsedRow());
  });

  it('keeps nothing for PostgreSQL, whose read model other replicas may write', () => {
    expect(caseDocumentsOf({ dialect: 'postgres' } as ReadModelDb)).toBeNull();
    expect(caseDocumentsOf(db)).toBe(caseDocumentsOf(db));
  });
});
