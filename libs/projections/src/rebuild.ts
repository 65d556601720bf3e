import { availableParallelism } from 'node:os';
import type { EventStore } from '@app/event-store';
import { LocalFold, WorkerFold, type FoldBackend } from './fold-thread';
import { runningFromSource } from './worker-thread';
import type { ProjectionLocks } from './locks/projection-locks';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadAheadStore } from './read-ahead.store';
import { catchUpPipelined } from './rebuild-pipeline';
import { splitOf } from './split-projections';
import type { ReadModelDb } from './read-model-db';

export interface RebuildOptions {
  /** Names of the projections to rebuild; all of `projections` when absent or empty. */
  readonly only?: readonly string[];
  /** Events read per transaction. Default 1000. */
  readonly batchSize?: number;
  /** Told after the reset, after every committed batch and when a projection is done. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Clock for the checkpoints' `updated_at` (tests). */
  readonly now?: () => Date;
  /**
   * The service's projection locks (PostgreSQL advisory locks): the rebuild takes the lock of every projection it
   * rebuilds before touching anything, and refuses (ProjectionBusyError) when another runner holds one. The caller
   * closes them afterwards, which hands the projections back to the service. Default: no locking (SQLite).
   */
  readonly locks?: ProjectionLocks;
  /**
   * Commit each batch durably (fsync / synchronous_commit) as the service does. Default false: a rebuild's batches
   * commit with their checkpoints, so one lost to a power failure is re-applied by running the rebuild again (or by
   * the service), and not waiting for the disk at every batch is most of a rebuild's speed on a slow disk.
   */
  readonly durable?: boolean;
  /**
   * Fold the split projections (SPLIT_PROJECTIONS) on a worker thread while this one reads the log and commits
   * (see rebuild-pipeline.ts).
   * Default: when there is a second core and the code runs compiled (from source, as under ts-jest, the worker
   * compiles the libraries when it starts; tests ask for it explicitly).
   */
  readonly foldOnWorker?: boolean;
}

export interface RebuildProgress {
  readonly projection: string;
  readonly version: number;
  readonly phase: 'reset' | 'batch' | 'done';
  /** Events of the log this projection has moved past since its reset (handled or not). */
  readonly events: number;
  readonly elapsedMs: number;
}

export interface RebuiltProjection {
  readonly name: string;
  readonly version: number;
  /** Events of the log read to rebuild it. */
  readonly events: number;
  readonly elapsedMs: number;
}

/** `only` named a projection that does not exist: nothing was touched. */
export class UnknownProjectionError extends Error {
  readonly code = 'UNKNOWN_PROJECTION';
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `Unknown projection${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known projections: ${known.join(', ')}.`,
    );
    this.name = 'UnknownProjectionError';
  }
}

/** Another runner (a replica of the service) holds the lock of these projections: nothing was touched. */
export class ProjectionBusyError extends Error {
  readonly code = 'PROJECTION_BUSY';
  constructor(readonly projections: readonly string[]) {
    super(
      `Another process (a running service?) is running ${projections.join(', ')}: stop the service (every replica) and try again.`,
    );
    this.name = 'ProjectionBusyError';
  }
}

const DEFAULT_BATCH_SIZE = 1000;

/** The projections `only` names (in the order of `projections`), or all of them; throws on an unknown name. */
export const selectProjections = (
  projections: readonly Projection[],
  only: readonly string[] = [],
): Projection[] => {
  if (only.length === 0) return [...projections];
  const known = projections.map((p) => p.name);
  const unknown = [...new Set(only.filter((name) => !known.includes(name)))];
  if (unknown.length > 0) throw new UnknownProjectionError(unknown, known);
  return projections.filter((p) => only.includes(p.name));
};

/**
 * Rebuilds read models from the first event of the log: for each chosen projection in turn, empties its tables and
 * rewinds its checkpoint in one transaction (`ProjectionRunner.reset`), then catches it up batch by batch, each batch
 * committed with its checkpoint as in normal running. Projections not chosen are not touched.
 *
 * The batches are folded in overlapping rounds (rebuild-pipeline.ts): the next batch of every split projection (case
 * status, statistics, breach patterns) is folded (on a worker thread by default) while this one commits. Indexes that only queries use are dropped after the reset
 * and built once at the end (Projection.queryOnlyIndexes).
 *
 * Interrupted (crash, Ctrl-C, a failing projection): the projection is left consistent at its last committed batch,
 * so the service, or running this again, simply continues (or restarts) it.
 *
 * Meant to run while the service is stopped. With `locks` (PostgreSQL) it refuses while a replica runs a chosen
 * projection. Without (SQLite), a service runner feeding the same projection meanwhile is fenced by the checkpoint
 * compare-and-set: after the reset its batch no longer matches, is rolled back, and the runner continues from the
 * rebuild's checkpoint, so of two batches read from the same checkpoint only one commits. That guard cannot tell a
 * checkpoint the rebuild passed again from the one a batch was read at (a batch that read the documents before the
 * reset and commits just as the rebuild reaches the same checkpoint again would fold onto the wrong documents), so
 * stop the service on SQLite rather than rely on it.
 */
export async function rebuildProjections(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<RebuiltProjection[]> {
  const chosen = selectProjections(projections, options.only);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a whole number of at least 1 (got ${batchSize}).`);
  }
  await db.setDurableCommits(options.durable ?? false);
  await db.setBulkWrites?.(true);
  try {
    const reader = new ReadAheadStore(store);
    try {
      return await rebuildChosen(reader, db, chosen, batchSize, options);
    } finally {
      await reader.close();
    }
  } finally {
    await db.setBulkWrites?.(false);
    await db.setDurableCommits(true);
  }
}

async function rebuildChosen(
  store: EventStore,
  db: ReadModelDb,
  chosen: readonly Projection[],
  batchSize: number,
  options: RebuildOptions,
): Promise<RebuiltProjection[]> {
  const runner = new ProjectionRunner(store, db, chosen, {
    batchSize,
    ...(options.now && { now: options.now }),
    ...(options.locks && { locks: options.locks }),
  });
  // Takes the locks (if any), creates missing tables (a projection that never ran) and the checkpoint rows.
  await runner.init();
  const busy = chosen.filter((p) => !runner.isActive(p.name)).map((p) => p.name);
  if (busy.length > 0) throw new ProjectionBusyError(busy);
  // All chosen projections are rebuilt side by side: each batch of the log is read (and decrypted) once and handed
  // to every projection at that checkpoint; their writes and checkpoints commit in one transaction, as in normal
  // running (a projection whose checkpoint another runner moved is fenced and retried on its own).
  const started = new Map<string, number>();
  const counts = new Map<string, number>();
  const report = (projection: Projection, phase: RebuildProgress['phase'], events: number): void =>
    options.onProgress?.({
      projection: projection.name,
      version: projection.version,
      phase,
      events,
      elapsedMs: performance.now() - started.get(projection.name)!,
    });
  for (const projection of chosen) {
    started.set(projection.name, performance.now());
    counts.set(projection.name, 0);
    await runner.reset(projection);
    // Indexes only queries read are built once at the end (below), not row by row (see Projection.queryOnlyIndexes).
    for (const index of projection.queryOnlyIndexes ?? []) {
      await db.exec(`DROP INDEX IF EXISTS ${index}`);
    }
    report(projection, 'reset', 0);
  }
  try {
    const onWorker =
      chosen.some((projection) => splitOf(projection) !== null) &&
      (options.foldOnWorker ?? (availableParallelism() > 1 && !runningFromSource()));
    const folds: FoldBackend = onWorker ? new WorkerFold() : new LocalFold();
    try {
      await catchUpPipelined(runner, db, chosen, folds, (moved) => {
        for (const projection of chosen) {
          const step = moved.get(projection.name) ?? 0;
          if (step === 0) continue;
          counts.set(projection.name, counts.get(projection.name)! + step);
          report(projection, 'batch', counts.get(projection.name)!);
        }
      });
    } finally {
      await folds.close();
    }
    // Whatever the pipeline left (nothing, unless another runner moved a checkpoint), round by round.
    return await catchUpChosen(store, db, runner, chosen, started, counts, report);
  } finally {
    // Caught up or not (an error, Ctrl-C), the dropped indexes are there again; after a crash, the next start's
    // `init` (schema DDL) creates them.
    for (const projection of chosen) await db.exec(projection.schema[db.dialect]);
  }
}

async function catchUpChosen(
  store: EventStore,
  db: ReadModelDb,
  runner: ProjectionRunner,
  chosen: readonly Projection[],
  started: Map<string, number>,
  counts: Map<string, number>,
  report: (projection: Projection, phase: RebuildProgress['phase'], events: number) => void,
): Promise<RebuiltProjection[]> {
  const done = new Map<string, RebuiltProjection>();
  let running = [...chosen];
  while (running.length > 0) {
    const moved = await runner.stepTogether(running);
    const still: Projection[] = [];
    for (const projection of running) {
      const step = moved.get(projection.name) ?? 0;
      if (step > 0) {
        counts.set(projection.name, counts.get(projection.name)! + step);
        report(projection, 'batch', counts.get(projection.name)!);
        still.push(projection);
        continue;
      }
      // Nothing moved: either the log is exhausted, or another runner moved the checkpoint and this one has just
      // reloaded it. Only the first ends the rebuild of this projection.
      const next = await store.readAll(runner.checkpointOf(projection.name), 1);
      if (next.events.length > 0) {
        still.push(projection);
        continue;
      }
      const events = counts.get(projection.name)!;
      await db.exec(projection.schema[db.dialect]);
      report(projection, 'done', events);
      done.set(projection.name, {
        name: projection.name,
        version: projection.version,
        events,
        elapsedMs: performance.now() - started.get(projection.name)!,
      });
    }
    running = still;
  }
  return chosen.map((p) => done.get(p.name)!);
}
