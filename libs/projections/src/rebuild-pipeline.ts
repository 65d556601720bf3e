import type { ReadAllResult, RecordedEvent } from '@app/event-store';
import type { FoldBackend } from './fold-thread';
import type { Projection } from './projection';
import { relevantEvents, type PreparedBatch, type ProjectionRunner } from './projection-runner';
import type { ReadModelDb, Statement } from './read-model-db';
import { splitOf } from './split-projections';

/** Told after each committed round: the events of the log each projection moved past. */
export type RoundCommitted = (moved: ReadonlyMap<string, number>) => void;

/**
 * Catches up projections standing at one checkpoint (a rebuild after its resets) in overlapping rounds. For each
 * round: the batch is read; each split projection (SPLIT_PROJECTIONS) loads its documents and hands the batch to
 * `folds`, which folds it (on a worker thread, or on this one while PostgreSQL commits) with the documents it folded
 * in the round before; the round before commits; then the other projections fold this round from their own tables,
 * which now include the round before. A split projection's fold never needs the round before to be in the database:
 * where the documents it kept are ahead of the stored ones (by stream version), they win.
 *
 * Returns true once the log is exhausted and every round committed; false when another runner moved a checkpoint
 * under it: the round in flight is dropped and the caller goes on round by round from the checkpoints as stored.
 * A failing projection or fold throws, with the last committed round left as it is.
 */
export async function catchUpPipelined(
  runner: ProjectionRunner,
  db: ReadModelDb,
  projections: readonly Projection[],
  folds: FoldBackend,
  committed: RoundCommitted,
): Promise<boolean> {
  let from = runner.checkpointOf(projections[0]?.name ?? '');
  if (projections.some((p) => runner.checkpointOf(p.name) !== from)) return false;
  let pending: PreparedBatch[] = [];
  let first = true;
  for (;;) {
    const read = await runner.readAfter(from, new Map<string, Promise<ReadAllResult>>());
    const early = startSplitFolds(db, projections, read.events, folds, first);
    // SQLite commits synchronously, on this thread: the worker gets its batch first.
    if (db.dialect === 'sqlite') await early.posted;
    if (pending.length > 0) {
      let moved: Map<string, number>;
      try {
        moved = await runner.commitPrepared(pending);
      } catch (error) {
        await early.settled();
        throw error;
      }
      committed(moved);
      if (pending.some((batch) => moved.get(batch.projection.name) === 0)) {
        await early.settled();
        return false;
      }
    }
    if (read.events.length === 0) return true;
    first = false;
    const next: PreparedBatch[] = [];
    for (const projection of projections) {
      const relevant = relevantEvents(projection, read.events);
      const folded = early.writes.get(projection);
      const writes = folded
        ? await folded
        : relevant.length > 0
          ? await projection.apply(relevant, db)
          : [];
      next.push(runner.preparedBatch(projection, from, read, relevant, writes));
    }
    pending = next;
    from = read.checkpoint;
  }
}

interface SplitFolds {
  /** The writes of each split projection, as its fold gives them. */
  readonly writes: ReadonlyMap<Projection, Promise<Statement[]>>;
  /** Every split projection has loaded its documents and handed its batch over. */
  readonly posted: Promise<void>;
  /** Waits for every fold to end, successful or not (before dropping them). */
  settled(): Promise<void>;
}

const startSplitFolds = (
  db: ReadModelDb,
  projections: readonly Projection[],
  events: readonly RecordedEvent[],
  folds: FoldBackend,
  fresh: boolean,
): SplitFolds => {
  const writes = new Map<Projection, Promise<Statement[]>>();
  const handedOver: Promise<unknown>[] = [];
  if (events.length > 0) {
    for (const projection of projections) {
      const split = splitOf(projection);
      if (!split) continue;
      const relevant = relevantEvents(projection, events);
      if (relevant.length === 0) {
        writes.set(projection, Promise.resolve([]));
        continue;
      }
      // Wrapped, so that `handed` settles once the fold has been asked for, not once it is done.
      const handed = split
        .load(relevant, db)
        .then((docs) => ({ folded: folds.fold(projection.name, relevant, docs, fresh) }));
      handedOver.push(handed);
      const folded = handed.then(({ folded }) => folded);
      // Awaited by the caller or dropped through `settled`: never an unhandled rejection meanwhile.
      folded.catch(() => undefined);
      writes.set(projection, folded);
    }
  }
  return {
    writes,
    posted: Promise.all(handedOver).then(
      () => undefined,
      () => undefined,
    ),
    settled: async () => {
      await Promise.allSettled(writes.values());
    },
  };
};
