import type { EventStore, ReadAllResult, RecordedEvent } from '@app/event-store';
import {
  CHECKPOINTS_DDL,
  advanceCheckpoint,
  readCheckpoint,
  resetCheckpoint,
} from './checkpoint.store';
import { SingleProcessLocks, type ProjectionLocks } from './locks/projection-locks';
import type { Projection } from './projection';
import type { ReadModelDb, Statement } from './read-model-db';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** How long to sleep when caught up, unless woken earlier by `wake()`. */
  readonly idleMs?: number;
  /** How long to wait before retrying after a failed batch. */
  readonly retryMs?: number;
  readonly now?: () => Date;
  readonly onError?: (projection: string, error: unknown) => void;
  /**
   * Who may run which projection. Default: this runner runs every projection (one process owns the read models).
   * With several replicas: `PostgresAdvisoryLocks`, so exactly one runner per projection is active.
   */
  readonly locks?: ProjectionLocks;
  /** How often a standby tries to take over a projection. Default 2000 ms. */
  readonly standbyRetryMs?: number;
  /** Told when this runner becomes the active runner of a projection, or stops being it. */
  readonly onRoleChange?: (projection: string, active: boolean) => void;
  /**
   * Default true: each batch's commit waits for the disk. False (SQLite only, where a write transaction commits
   * before `writeTransaction` returns): batches commit without their own fsync. A batch and its checkpoint still
   * commit atomically, and SQLite's log keeps commits in order, so a power cut can only take the read models back
   * to an earlier checkpoint, never ahead of the events (which the event store made durable before acknowledging
   * them); the runner then replays from there. The next fsync of the log (the event store's, or any durable commit
   * on the connection) carries the batch to disk.
   */
  readonly durableCommits?: boolean;
}

/** What a committed batch did to the global log. */
export interface CommittedBatch {
  /** Events of the log the checkpoint moved past (handled or not). */
  readonly moved: number;
  readonly checkpoint: string | null;
}

/**
 * Called after a batch and its checkpoint have committed: the read model now reflects `events` (the events of the
 * batch the projection handles; possibly none).
 */
export type CommittedListener = (
  projection: string,
  events: readonly RecordedEvent[],
  batch: CommittedBatch,
) => void;

interface RoundOutcome {
  readonly moved: Map<string, number>;
  readonly failed: Map<string, unknown>;
}

/** One projection's next batch, folded and ready to commit with its checkpoint. */
export interface PreparedBatch {
  readonly projection: Projection;
  readonly cursor: Cursor;
  /** The checkpoint the batch was read from, which the commit's compare-and-set expects still to be stored. */
  readonly from: string | null;
  readonly to: string | null;
  /** Events of the log the batch moves past. */
  readonly moved: number;
  /** The events of the batch the projection handles. */
  readonly relevant: readonly RecordedEvent[];
  readonly writes: readonly Statement[];
}

interface Cursor {
  checkpoint: string | null;
  /** This runner holds the projection's lock and has loaded its checkpoint since. */
  active: boolean;
  /** When a standby may next try to take over (epoch ms). */
  nextAttemptAt: number;
}

/**
 * Feeds each projection from the global log after its own checkpoint, one batch per transaction. Never fed by an
 * in-process bus: a restart resumes exactly where the last committed batch ended.
 *
 * With several replicas, `locks` decides which runner is active for each projection; the others are standbys that
 * try to take over every `standbyRetryMs`. A runner that becomes active reloads the checkpoint from the database
 * (its own is stale) and, if the projection's version changed, rebuilds it: only the active runner ever resets.
 */
export class ProjectionRunner {
  private readonly cursors = new Map<string, Cursor>();
  private readonly listeners = new Set<CommittedListener>();
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly retryMs: number;
  private readonly now: () => Date;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private readonly locks: ProjectionLocks;
  private readonly standbyRetryMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 250;
    this.retryMs = options.retryMs ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.locks = options.locks ?? new SingleProcessLocks();
    this.standbyRetryMs = options.standbyRetryMs ?? 2000;
  }

  /**
   * Creates the tables; takes every projection it can (all of them in one process) and rebuilds (empties and
   * rewinds) any such projection whose version changed. Projections held by another runner stay on standby.
   */
  async init(): Promise<void> {
    await this.db.exec(CHECKPOINTS_DDL);
    for (const projection of this.projections) {
      await this.db.exec(projection.schema[this.db.dialect]);
      const stored = await readCheckpoint(this.db, projection.name);
      this.cursors.set(projection.name, {
        checkpoint: stored?.checkpoint ?? null,
        active: false,
        nextAttemptAt: 0,
      });
      await this.tryActivate(projection);
    }
  }

  /** Whether this runner is the active runner of the projection (holds its lock). */
  isActive(projectionName: string): boolean {
    const cursor = this.cursors.get(projectionName);
    return cursor !== undefined && cursor.active && this.locks.holds(projectionName);
  }

  /** Empties a projection's tables and rewinds it to the first event, in one transaction. */
  async reset(projection: Projection): Promise<void> {
    const at = this.now().toISOString();
    await this.db.writeTransaction([
      ...emptyTables(this.db.dialect, projection.tables),
      resetCheckpoint(projection.name, projection.version, at),
    ]);
    const cursor = this.cursors.get(projection.name);
    if (cursor) cursor.checkpoint = null;
    else this.cursors.set(projection.name, { checkpoint: null, active: true, nextAttemptAt: 0 });
  }

  /**
   * A new version may change the tables' shape, and `CREATE TABLE IF NOT EXISTS` would keep the old one: drop the
   * tables, create them anew and rewind. A crash in between leaves the old version stored, so the next start repeats it.
   */
  private async recreate(projection: Projection): Promise<void> {
    await this.db.writeTransaction([
      ...(await this.emptiedFirst(projection)),
      ...projection.tables.map((table) => ({ sql: `DROP TABLE IF EXISTS ${table}` })),
    ]);
    await this.db.exec(projection.schema[this.db.dialect]);
    await this.reset(projection);
  }

  /**
   * On SQLite, the tables that exist are emptied before they are dropped, in the same transaction. The connection
   * overwrites freed pages (`secure_delete`, for erased data's sake), and a DROP TABLE keeps the original of every
   * page it overwrites in its statement journal: in memory, for a large read model, as much as the table itself
   * (1 GB for a million events), where a DELETE keeps none. Same pages written, same outcome.
   */
  private async emptiedFirst(projection: Projection): Promise<Statement[]> {
    if (this.db.dialect !== 'sqlite' || projection.tables.length === 0) return [];
    const placeholders = projection.tables.map((_, i) => `$${i + 1}`).join(', ');
    const existing = await this.db.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${placeholders})`,
      projection.tables,
    );
    return existing.map((row) => ({ sql: `DELETE FROM ${row.name}` }));
  }

  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Processes one batch for one projection; returns how many events of the log it moved past. */
  async step(projection: Projection): Promise<number> {
    const batch = await this.prepare(projection, new Map());
    return batch ? this.commitOne(batch) : 0;
  }

  /**
   * One batch for each of several projections, committed together (see `commitRound`); those at the same checkpoint
   * share one read of the log (one query, one decryption). Returns the events each moved past.
   */
  async stepTogether(projections: readonly Projection[]): Promise<Map<string, number>> {
    const reads = new Map<string, Promise<ReadAllResult>>();
    const batches: PreparedBatch[] = [];
    for (const projection of projections) {
      const batch = await this.prepare(projection, reads);
      if (batch) batches.push(batch);
    }
    const { moved, failed } = await this.commitRound(batches);
    const [error] = failed.values();
    if (failed.size > 0) throw error;
    return new Map(projections.map((p) => [p.name, moved.get(p.name) ?? 0]));
  }

  /**
   * Reads the projection's next batch (sharing `reads` with projections at the same checkpoint) and folds it into
   * writes; null when the log has nothing after its checkpoint.
   */
  private async prepare(
    projection: Projection,
    reads: Map<string, Promise<ReadAllResult>>,
  ): Promise<PreparedBatch | null> {
    const from = this.cursorOf(projection).checkpoint;
    const read = await this.readAfter(from, reads);
    if (read.events.length === 0) return null;
    const relevant = relevantEvents(projection, read.events);
    // Each projection reads only its own tables, so folding several before committing any of them is safe.
    const writes = relevant.length > 0 ? await projection.apply(relevant, this.db) : [];
    return this.preparedBatch(projection, from, read, relevant, writes);
  }

  /**
   * The log's batch after `from`, read once for every projection at that checkpoint through `reads`. (With
   * `preparedBatch` and `commitPrepared`, for a rebuild that folds one round while the previous one commits.)
   */
  readAfter(
    from: string | null,
    reads: Map<string, Promise<ReadAllResult>>,
  ): Promise<ReadAllResult> {
    const key = from ?? '';
    let read = reads.get(key);
    if (!read) {
      read = this.store.readAll(from, this.batchSize);
      reads.set(key, read);
    }
    return read;
  }

  /**
   * A projection's batch read after `from` (which its commit will expect to find stored), with the events of it
   * that the projection handles (`relevantEvents`) and their writes.
   */
  preparedBatch(
    projection: Projection,
    from: string | null,
    read: ReadAllResult,
    relevant: readonly RecordedEvent[],
    writes: readonly Statement[],
  ): PreparedBatch {
    return {
      projection,
      cursor: this.cursorOf(projection),
      from,
      to: read.checkpoint,
      moved: read.events.length,
      relevant,
      writes,
    };
  }

  /**
   * Commits batches from `preparedBatch` as one round (see `commitRound`); returns the events each moved past (0
   * when another runner had moved its checkpoint), or throws the first failure.
   */
  async commitPrepared(batches: readonly PreparedBatch[]): Promise<Map<string, number>> {
    const { moved, failed } = await this.commitRound(batches);
    const [error] = failed.values();
    if (failed.size > 0) throw error;
    return moved;
  }

  /** Commits one batch with its own checkpoint compare-and-set; returns the events it moved past (0 if fenced off). */
  private async commitOne(batch: PreparedBatch): Promise<number> {
    const { projection, cursor } = batch;
    const guard = advanceCheckpoint(
      projection.name,
      batch.from,
      batch.to,
      batch.moved,
      this.now().toISOString(),
    );
    const committed = await this.write(batch.writes, guard);
    if (!committed) {
      // Someone else (a rebuild, another runner) moved the checkpoint: continue from where it is now.
      const stored = await readCheckpoint(this.db, projection.name);
      cursor.checkpoint = stored?.checkpoint ?? null;
      return 0;
    }
    this.committed(batch);
    return batch.moved;
  }

  /**
   * Commits the batches of several projections in ONE transaction (one commit, one fsync on SQLite, instead of one
   * per projection), guarded by one compare-and-set of all their checkpoints: it moves them only if every one is
   * still where its batch was read from, or else nothing commits. Then (rare: a rebuild or another runner moved a
   * checkpoint), and when the joint transaction fails (a broken projection must not hold the others up), each batch
   * is committed on its own with its own guard, as `step` does. Returns the events each projection moved past, and
   * the error of each that failed.
   */
  private async commitRound(batches: readonly PreparedBatch[]): Promise<RoundOutcome> {
    const outcome: RoundOutcome = { moved: new Map(), failed: new Map() };
    let together = false;
    if (batches.length > 1) {
      try {
        together = await this.write(
          batches.flatMap((b) => b.writes),
          advanceCheckpoints(this.db.dialect, batches, this.now().toISOString()),
        );
      } catch {
        // Retried one by one below, where the projection that fails is told apart from the others.
      }
    }
    if (together) {
      for (const batch of batches) {
        this.committed(batch);
        outcome.moved.set(batch.projection.name, batch.moved);
      }
      return outcome;
    }
    for (const batch of batches) {
      try {
        outcome.moved.set(batch.projection.name, await this.commitOne(batch));
      } catch (error) {
        outcome.moved.set(batch.projection.name, 0);
        outcome.failed.set(batch.projection.name, error);
      }
    }
    return outcome;
  }

  /** A batch's write transaction, durable on its own or not (`durableCommits`). */
  private write(statements: readonly Statement[], guard: Statement): Promise<boolean> {
    if (this.options.durableCommits !== false) return this.db.writeTransaction(statements, guard);
    // Set and restored around a transaction that SQLite runs to its commit before the call returns, with no await in
    // between: nothing else on the connection commits meanwhile.
    void this.db.setDurableCommits(false);
    try {
      return this.db.writeTransaction(statements, guard);
    } finally {
      void this.db.setDurableCommits(true);
    }
  }

  /** The batch is committed: move the cursor and tell the listeners. */
  private committed(batch: PreparedBatch): void {
    batch.cursor.checkpoint = batch.to;
    const summary: CommittedBatch = { moved: batch.moved, checkpoint: batch.to };
    for (const listener of this.listeners) {
      try {
        listener(batch.projection.name, batch.relevant, summary);
      } catch (error) {
        // A listener (metrics, notifications) must never undo or repeat a committed batch.
        this.options.onError?.(batch.projection.name, error);
      }
    }
  }

  /**
   * Runs every projection this runner is active for until none has anything left to read (start-up, rebuilds,
   * tests, one-off commands). Events already committed but held back behind an open transaction are waited for,
   * up to `maxWaitMs`: "caught up" means everything committed before the call is in the read models.
   */
  async catchUp(maxWaitMs = 10_000): Promise<number> {
    const waitUntil = Date.now() + maxWaitMs;
    let total = 0;
    for (;;) {
      // Projections at the same checkpoint share one read of the log per round, and commit together.
      const reads = new Map<string, Promise<ReadAllResult>>();
      const batches: PreparedBatch[] = [];
      for (const projection of this.projections) {
        if (!this.isActive(projection.name)) continue;
        const batch = await this.prepare(projection, reads);
        if (batch) batches.push(batch);
      }
      const round = await this.commitRound(batches);
      const [error] = round.failed.values();
      if (round.failed.size > 0) throw error;
      const moved = sum(round.moved.values());
      total += moved;
      if (moved > 0) continue;
      const held = await Promise.all(
        [...reads.values()].map((read) => read.then((r) => r.pending === true)),
      );
      // Committed events wait behind an open transaction (PostgreSQL): they will become readable, so wait for them.
      if (!held.includes(true) || Date.now() >= waitUntil) return total;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Starts the background loop (after `init`). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /**
   * Lets the loop finish its current batch (so its checkpoint is stored), then stops it and releases its locks, so
   * a standby replica takes over at its next try.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
    for (const projection of this.projections) {
      const cursor = this.cursors.get(projection.name);
      if (cursor?.active) {
        cursor.active = false;
        await this.locks.release(projection.name);
        this.options.onRoleChange?.(projection.name, false);
      }
    }
  }

  /** Ask the loop to look for new events now (called after a local append). */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  checkpointOf(projectionName: string): string | null {
    return this.cursors.get(projectionName)?.checkpoint ?? null;
  }

  private cursorOf(projection: Projection): Cursor {
    const cursor = this.cursors.get(projection.name);
    if (!cursor)
      throw new Error(`Projection ${projection.name} was not initialised; call init() first.`);
    return cursor;
  }

  /**
   * Becomes the active runner of `projection` if its lock can be had: reloads the checkpoint (a standby's is
   * stale) and rebuilds the projection when the stored version is not this code's.
   */
  private async tryActivate(projection: Projection): Promise<boolean> {
    const cursor = this.cursorOf(projection);
    if (cursor.active) return true;
    cursor.nextAttemptAt = Date.now() + this.standbyRetryMs;
    if (!(await this.locks.tryAcquire(projection.name))) return false;
    try {
      const stored = await readCheckpoint(this.db, projection.name);
      if (!stored) await this.reset(projection);
      else if (stored.version !== projection.version) await this.recreate(projection);
      else cursor.checkpoint = stored.checkpoint;
    } catch (error) {
      await this.locks.release(projection.name);
      throw error;
    }
    cursor.active = true;
    this.options.onRoleChange?.(projection.name, true);
    return true;
  }

  /** Standby → try to take over (at most every standbyRetryMs); active but lock lost → standby. */
  private async checkRole(projection: Projection): Promise<boolean> {
    const cursor = this.cursorOf(projection);
    if (cursor.active && !this.locks.holds(projection.name)) {
      cursor.active = false;
      cursor.nextAttemptAt = Date.now() + this.standbyRetryMs;
      this.options.onRoleChange?.(projection.name, false);
    }
    if (!cursor.active && Date.now() >= cursor.nextAttemptAt) await this.tryActivate(projection);
    return cursor.active;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      let failed = false;
      let standby = false;
      // Projections at the same checkpoint share one read of the log per round; the round's batches commit in one
      // transaction.
      const reads = new Map<string, Promise<ReadAllResult>>();
      const batches: PreparedBatch[] = [];
      for (const projection of this.projections) {
        if (this.stopping) break;
        try {
          if (!(await this.checkRole(projection))) standby = true;
          else {
            const batch = await this.prepare(projection, reads);
            if (batch) batches.push(batch);
          }
        } catch (error) {
          failed = true;
          this.options.onError?.(projection.name, error);
        }
      }
      const round = await this.commitRound(batches);
      for (const [projection, error] of round.failed) {
        failed = true;
        this.options.onError?.(projection, error);
      }
      const moved = sum(round.moved.values());
      if (moved === 0 && !this.stopping) {
        const idle = standby ? Math.min(this.idleMs, this.standbyRetryMs) : this.idleMs;
        await this.sleep(failed ? this.retryMs : idle);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

/**
 * Empties a projection's tables inside the reset's transaction. PostgreSQL truncates them: the old rows leave with
 * their files at commit instead of staying behind as dead rows (and dead index entries every insert of the rebuild
 * would step over) until a vacuum; it locks the tables until then, which a reset may. SQLite deletes.
 */
const emptyTables = (dialect: ReadModelDb['dialect'], tables: readonly string[]): Statement[] =>
  dialect === 'postgres' && tables.length > 0
    ? [{ sql: `TRUNCATE ${tables.join(', ')}` }]
    : tables.map((table) => ({ sql: `DELETE FROM ${table}` }));

/** The events of a batch that the projection handles. */
export const relevantEvents = (
  projection: Projection,
  events: readonly RecordedEvent[],
): RecordedEvent[] => events.filter((event) => projection.handles.includes(event.type));

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

/**
 * The compare-and-set of several projections' checkpoints as ONE guard statement: it moves every checkpoint (each by
 * its own batch) when each is still where its batch was read from, and changes no row otherwise, so the joint
 * transaction commits all the batches or none. On PostgreSQL the rows are locked first (`FOR UPDATE`), so the count
 * is of their latest committed values even when another transaction moved one meanwhile; on SQLite the transaction
 * already holds the database's only write lock.
 */
const advanceCheckpoints = (
  dialect: ReadModelDb['dialect'],
  batches: readonly PreparedBatch[],
  at: string,
): Statement => {
  const params: unknown[] = [at];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const names = batches.map((b) => param(b.projection.name));
  const newCheckpoint = batches.map((b, i) => `WHEN ${names[i]} THEN CAST(${param(b.to)} AS TEXT)`);
  const processed = batches.map(
    (b, i) => `WHEN ${names[i]} THEN CAST(${param(b.moved)} AS BIGINT)`,
  );
  const expected = batches.map(
    (b, i) =>
      `(projection = ${names[i]} AND checkpoint ${b.from === null ? 'IS NULL' : `= ${param(b.from)}`})`,
  );
  const inList = names.join(', ');
  const source =
    dialect === 'postgres'
      ? `WITH held AS (SELECT projection, checkpoint FROM rm_checkpoints WHERE projection IN (${inList}) FOR UPDATE) `
      : '';
  const from = dialect === 'postgres' ? 'held' : 'rm_checkpoints';
  return {
    sql: `${source}UPDATE rm_checkpoints
      SET checkpoint = CASE projection ${newCheckpoint.join(' ')} END,
          events_processed = events_processed + CASE projection ${processed.join(' ')} END,
          updated_at = $1
      WHERE projection IN (${inList})
        AND (SELECT count(*) FROM ${from} WHERE ${expected.join(' OR ')}) = ${batches.length}`,
    params,
  };
};
