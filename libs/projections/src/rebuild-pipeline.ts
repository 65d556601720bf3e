import type { ReadAllResult, RecordedEvent } from '@app/event-store';
import type { FoldBackend } from './fold-thread';
import type { Projection } from './projection';
import type { PreparedBatch, ProjectionRunner } from './projection-runner';
import type { ReadModelDb, Statement } from './read-model-db';
import { splitOf } from './split-projections';

const handled = new WeakMap<Projection, ReadonlySet<string>>();
const relevantOfBatch = new WeakMap<readonly RecordedEvent[], Map<Projection, RecordedEvent[]>>();

/**
 * The events of a batch that the projection handles (as `relevantEvents` of the runner), worked out once per batch
 * and projection: the pipeline asks for them when it hands the batch to a fold and again when it commits it.
 */
const relevantEvents = (
  projection: Projection,
  events: readonly RecordedEvent[],
): RecordedEvent[] => {
  let ofBatch = relevantOfBatch.get(events);
  if (!ofBatch) {
    ofBatch = new Map();
    relevantOfBatch.set(events, ofBatch);
  }
  let relevant = ofBatch.get(projection);
  if (!relevant) {
    let types = handled.get(projection);
    if (!types) {
      types = new Set(projection.handles);
      handled.set(projection, types);
    }
    relevant = events.filter((event) => types.has(event.type));
    ofBatch.set(projection, relevant);
  }
  return relevant;
};

/** Told after each committed round: the events of the log each projection moved past. */
export type RoundCommitted = (moved: ReadonlyMap<string, number>) => void;

/**
 * Catches up projections standing at one checkpoint (a rebuild after its resets) in overlapping rounds. Each split
 * projection (SPLIT_PROJECTIONS) loads the documents of a batch and hands the batch to `folds` (a worker thread, or
 * this thread at its next turn) one round ahead: batch k+1 is read and handed over before batch k commits, so the
 * fold of k+1 runs while this thread folds the other projections' batch k (from their own tables, which hold every
 * batch up to k-1) and commits it. A split projection's fold never needs the batch before it to be in the database:
 * the documents it folded last time win where they are ahead of the stored ones (by stream version).
 *
 * Returns true once the log is exhausted and every batch committed; false when another runner moved a checkpoint
 * under it: the batch handed over ahead is dropped, and the caller goes on round by round from the checkpoints as
 * stored. A failing projection or fold throws, the last committed batch left as it is.
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
  let read = await runner.readAfter(from, new Map<string, Promise<ReadAllResult>>());
  let early = startSplitFolds(db, projections, read.events, folds, true);
  for (;;) {
    if (read.events.length === 0) {
      await early.settled();
      return true;
    }
    const nextRead = await runner.readAfter(
      read.checkpoint,
      new Map<string, Promise<ReadAllResult>>(),
    );
    // The folds must get the batches in log order (each carries the documents of the one before): the next batch is
    // loaded and handed over only once this one has been (its loads may still be running on PostgreSQL).
    await early.posted;
    const ahead = startSplitFolds(db, projections, nextRead.events, folds, false);
    try {
      // SQLite works synchronously, on this thread: the fold gets the next batch first.
      await ahead.posted;
      const batches = await foldRound(runner, db, projections, from, read, early);
      const moved = await runner.commitPrepared(batches);
      committed(moved);
      if (batches.some((batch) => moved.get(batch.projection.name) === 0)) {
        await ahead.settled();
        return false;
      }
    } catch (error) {
      await ahead.settled();
      throw error;
    }
    from = read.checkpoint;
    read = nextRead;
    early = ahead;
  }
}

/** The batch of every projection: the others folded here first, while the split ones' folds finish elsewhere. */
const foldRound = async (
  runner: ProjectionRunner,
  db: ReadModelDb,
  projections: readonly Projection[],
  from: string | null,
  read: ReadAllResult,
  split: SplitFolds,
): Promise<PreparedBatch[]> => {
  const writes = new Map<Projection, Statement[]>();
  for (const projection of projections) {
    if (split.writes.has(projection)) continue;
    const relevant = relevantEvents(projection, read.events);
    writes.set(projection, relevant.length > 0 ? await projection.apply(relevant, db) : []);
  }
  for (const [projection, folded] of split.writes) writes.set(projection, await folded);
  return projections.map((projection) =>
    runner.preparedBatch(
      projection,
      from,
      read,
      relevantEvents(projection, read.events),
      writes.get(projection)!,
    ),
  );
};

interface SplitFolds {
  /** The writes of each split projection, as its fold gives them. */
  readonly writes: ReadonlyMap<Projection, Promise<Statement[]>>;
  /** Every split projection has loaded its documents and handed its batch over. */
  readonly posted: Promise<void>;
  /** Waits for every fold to end, successful or not (before dropping them). */
  settled(): Promise<void>;
}

/**
 * Loads what every split projection needs of the batch (its own tables) and hands the batch to `folds` once for all
 * of them: the events any of them handles, each folding its own.
 */
const startSplitFolds = (
  db: ReadModelDb,
  projections: readonly Projection[],
  events: readonly RecordedEvent[],
  folds: FoldBackend,
  fresh: boolean,
): SplitFolds => {
  const writes = new Map<Projection, Promise<Statement[]>>();
  const parts: { projection: Projection; loaded: Promise<unknown> }[] = [];
  const handed = new Set<RecordedEvent>();
  if (events.length > 0) {
    for (const projection of projections) {
      const split = splitOf(projection);
      if (!split) continue;
      const relevant = relevantEvents(projection, events);
      if (relevant.length === 0) {
        writes.set(projection, Promise.resolve([]));
        continue;
      }
      for (const event of relevant) handed.add(event);
      parts.push({ projection, loaded: split.load(relevant, db) });
    }
  }
  if (parts.length === 0) {
    return { writes, posted: Promise.resolve(), settled: () => Promise.resolve() };
  }
  // Settles once the fold has been asked for (every load done, the batch posted), not once it is done.
  const asked = Promise.all(parts.map((part) => part.loaded)).then((loaded) => ({
    folded: folds.foldAll(
      events.filter((event) => handed.has(event)),
      parts.map((part, i) => ({ projection: part.projection.name, loaded: loaded[i] })),
      fresh,
    ),
  }));
  const folded = asked.then(({ folded }) => folded);
  // Awaited by the caller or dropped through `settled`: never an unhandled rejection meanwhile.
  folded.catch(() => undefined);
  parts.forEach((part, i) => {
    const mine = folded.then((all) => all[i]!);
    mine.catch(() => undefined);
    writes.set(part.projection, mine);
  });
  return {
    writes,
    posted: asked.then(
      () => undefined,
      () => undefined,
    ),
    settled: async () => {
      await Promise.allSettled([folded, ...parts.map((part) => part.loaded)]);
    },
  };
};
