import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand, SqliteEventStore, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection, caseStatusSplit } from './case-status/case-status.projection';
import { LocalFold, WorkerFold, type FoldBackend } from './fold-thread';
import { untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import type { Statement } from './read-model-db';

/** The log of a random history of a few cases, as the runner reads it. */
const historyLog = async (): Promise<RecordedEvent[]> => {
  const raw = new Database(':memory:');
  const store = new SqliteEventStore(raw);
  const history = generateHistory(3, { commands: 60, cases: 3 });
  for (const [i, step] of history.steps.entries()) {
    await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
      actor: step.actor,
      now: step.now,
      idempotencyKey: `fold-${i}`,
    });
  }
  const log = await untilLogVisible(store, history.eventCount);
  raw.close();
  return log;
};

/** Folds the log in batches of `size`, each from no stored documents: only what the fold kept carries over. */
const foldInBatches = async (
  folds: FoldBackend,
  log: readonly RecordedEvent[],
  size: number,
): Promise<Statement[][]> => {
  const writes: Statement[][] = [];
  for (let start = 0; start < log.length; start += size) {
    const batch = log.slice(start, start + size);
    writes.push(await folds.fold(caseStatusProjection.name, batch, [], start === 0));
  }
  return writes;
};

describe('folding apart from apply', () => {
  let log: RecordedEvent[];
  beforeAll(async () => {
    log = await historyLog();
  });

  it('on a worker thread, writes what it writes on this one, carrying documents from batch to batch', async () => {
    const worker = new WorkerFold();
    try {
      const local = await foldInBatches(new LocalFold(), log, 7);
      expect(await foldInBatches(worker, log, 7)).toEqual(local);
      // Carried over: the last batch's case documents were folded from every earlier batch, not from nothing.
      const whole = caseStatusSplit.fold(log, [], null).writes;
      const lastDocs = (writes: Statement[]) =>
        writes.filter((w) => w.sql.includes('INSERT INTO rm_cases')).map((w) => w.params?.[5]);
      expect(lastDocs(local.at(-1)!).length).toBeGreaterThan(0);
      for (const doc of lastDocs(local.at(-1)!)) expect(lastDocs(whole)).toContain(doc);
    } finally {
      await worker.close();
    }
  });

  it('a fold that fails on the worker fails the caller, and every later one', async () => {
    const worker = new WorkerFold();
    try {
      await expect(worker.fold('no-such-projection', log.slice(0, 3), [], true)).rejects.toThrow(
        'Projection no-such-projection cannot be folded apart from its apply.',
      );
      await expect(worker.fold(caseStatusProjection.name, log, [], true)).rejects.toThrow();
    } finally {
      await worker.close();
    }
  });
});
