import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  CHECKPOINTS_DDL,
  advanceCheckpoint,
  readCheckpoint,
  resetCheckpoint,
} from './checkpoint.store';
import type { Projection } from './projection';
import type { ReadModelDb } from './read-model-db';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** How long to sleep when caught up, unless woken earlier by `wake()`. */
  readonly idleMs?: number;
  /** How long to wait before retrying after a failed batch. */
  readonly retryMs?: number;
  readonly now?: () => Date;
  readonly onError?: (projection: string, error: unknown) => void;
}

/** Called after a batch and its checkpoint have committed: the read model now reflects `events`. */
export type CommittedListener = (projection: string, events: readonly RecordedEvent[]) => void;

interface Cursor {
  checkpoint: string | null;
}

/**
 * Feeds each projection from the global log after its own checkpoint, one batch per transaction. Never fed by an
 * in-process bus: a restart resumes exactly where the last committed batch ended.
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
  }

  /** Creates the tables; rebuilds (empties and rewinds) any projection whose version changed. */
  async init(): Promise<void> {
    await this.db.exec(CHECKPOINTS_DDL);
    for (const projection of this.projections) {
      await this.db.exec(projection.schema[this.db.dialect]);
      const stored = await readCheckpoint(this.db, projection.name);
      if (!stored || stored.version !== projection.version) await this.reset(projection);
      else this.cursors.set(projection.name, { checkpoint: stored.checkpoint });
    }
  }

  /** Empties a projection's tables and rewinds it to the first event, in one transaction. */
  async reset(projection: Projection): Promise<void> {
    const at = this.now().toISOString();
    await this.db.writeTransaction([
      ...projection.tables.map((table) => ({ sql: `DELETE FROM ${table}` })),
      resetCheckpoint(projection.name, projection.version, at),
    ]);
    this.cursors.set(projection.name, { checkpoint: null });
  }

  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Processes one batch for one projection; returns how many events of the log it moved past. */
  async step(projection: Projection): Promise<number> {
    const cursor = this.cursorOf(projection);
    const { events, checkpoint } = await this.store.readAll(cursor.checkpoint, this.batchSize);
    if (events.length === 0) return 0;
    const relevant = events.filter((event) => projection.handles.includes(event.type));
    const writes = relevant.length > 0 ? await projection.apply(relevant, this.db) : [];
    const at = this.now().toISOString();
    const guard = advanceCheckpoint(
      projection.name,
      cursor.checkpoint,
      checkpoint,
      events.length,
      at,
    );
    const committed = await this.db.writeTransaction(writes, guard);
    if (!committed) {
      // Someone else (a rebuild, another runner) moved the checkpoint: continue from where it is now.
      const stored = await readCheckpoint(this.db, projection.name);
      cursor.checkpoint = stored?.checkpoint ?? null;
      return 0;
    }
    cursor.checkpoint = checkpoint;
    if (relevant.length > 0)
      for (const listener of this.listeners) listener(projection.name, relevant);
    return events.length;
  }

  /** Runs every projection until none has anything left to read (rebuilds, tests, one-off commands). */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      let moved = 0;
      for (const projection of this.projections) moved += await this.step(projection);
      total += moved;
      if (moved === 0) return total;
    }
  }

  /** Starts the background loop (after `init`). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Lets the loop finish its current batch (so its checkpoint is stored), then stops it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
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

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      let moved = 0;
      let failed = false;
      for (const projection of this.projections) {
        if (this.stopping) break;
        try {
          moved += await this.step(projection);
        } catch (error) {
          failed = true;
          this.options.onError?.(projection.name, error);
        }
      }
      if (moved === 0 && !this.stopping) await this.sleep(failed ? this.retryMs : this.idleMs);
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
