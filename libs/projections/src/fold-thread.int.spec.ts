import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand, SqliteEventStore, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection, caseStatusSplit } from './case-status/case-status.projection';
import {
  breachPatternsProjection,
  breachPatternsSplit,
} from './breach-patterns/breach-patterns.projection';
import { LocalFold, WorkerFold, type FoldBackend } from './fold-thread';
import { untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import type { Statement } from './read-model-db';
import { statisticsProjection, statisticsSplit } from './statistics/statistics.projection';

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

  it('folds every projection of a batch in one request, each from its own events and carried documents', async () => {
    /*
     * As in a rebuild: batch k+1 is loaded while batch k is still being committed, so a load sees the writes of the
     * batches up to k-1, and the rest comes from what the previous fold carried over.
     */
    const inBatches = async (folds: FoldBackend, size: number): Promise<Statement[][][]> => {
      const statDocs = new Map<string, unknown>();
      const authorities = new Map<string, string>();
      const commit = (writes: Statement[][]): void => {
        for (const w of writes[1]!.filter((w) => w.sql.includes('INSERT INTO rm_stat_cases'))) {
          statDocs.set(w.params![0] as string, w.params![4]);
        }
        for (const w of writes[2]!.filter((w) => w.sql.includes('INSERT INTO rm_breach_cases'))) {
          authorities.set(w.params![0] as string, w.params![1] as string);
        }
      };
      const writes: Statement[][][] = [];
      for (let start = 0; start < log.length; start += size) {
        if (writes.length >= 2) commit(writes.at(-2)!);
        const batch = log.slice(start, start + size);
        const cases = new Set(batch.map((e) => e.streamId.replace(/^case-/, '')));
        const parts = [
          { projection: caseStatusProjection.name, loaded: [] },
          {
            projection: statisticsProjection.name,
            loaded: [...cases].filter((id) => statDocs.has(id)).map((id) => statDocs.get(id)),
          },
          {
            projection: breachPatternsProjection.name,
            loaded: new Map([...authorities].filter(([id]) => cases.has(id))),
          },
        ];
        writes.push(await folds.foldAll(batch, parts, start === 0));
      }
      return writes;
    };
    const worker = new WorkerFold();
    try {
      for (const size of [2, 5]) {
        const local = await inBatches(new LocalFold(), size);
        expect(await inBatches(worker, size)).toEqual(local);
        // Case status as folded on its own: the other parts change nothing of it.
        expect(local.map((batch) => batch[0])).toEqual(
          await foldInBatches(new LocalFold(), log, size),
        );
        // Counters moved batch by batch (each from the newest document of its case) add up to the whole log's.
        const counts = (writes: readonly Statement[]): Map<string, number> => {
          const sums = new Map<string, number>();
          for (const w of writes.filter((w) =>
            w.sql.includes('INSERT INTO rm_appeal_stat_counts'),
          )) {
            const key = JSON.stringify(w.params!.slice(0, 4));
            sums.set(key, (sums.get(key) ?? 0) + (w.params![4] as number));
          }
          for (const [key, n] of sums) if (n === 0) sums.delete(key);
          return sums;
        };
        const whole = statisticsSplit.fold(log, [], null).writes;
        expect(counts(whole).size).toBeGreaterThan(0);
        expect(counts(local.flatMap((batch) => batch[1]!))).toEqual(counts(whole));
        // Every breach of the log is found, its case's LA carried from the batch that opened the case.
        const breaches = (writes: readonly Statement[]) =>
          writes.filter((w) => w.sql.includes('rm_breach_occurrences')).map((w) => w.params);
        const allBreaches = breachPatternsSplit.fold(log, new Map(), null).writes;
        expect(breaches(allBreaches).length).toBeGreaterThan(0);
        expect(local.flatMap((batch) => breaches(batch[2]!))).toEqual(breaches(allBreaches));
      }
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
