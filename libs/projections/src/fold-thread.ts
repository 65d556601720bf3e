import type { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '@app/event-store';
import { postedWrites, type PostedWrites } from './posted-writes';
import type { Statement } from './read-model-db';
import type { FoldEvent } from './split-apply';
import { SPLIT_PROJECTIONS } from './split-projections';
import { startTreeWorker } from './worker-thread';

/** One projection's part of a batch to fold: its name and what its `load` read. */
export interface FoldPart {
  readonly projection: string;
  readonly loaded: unknown;
}

/**
 * Where a rebuild folds the batches of the projections in SPLIT_PROJECTIONS: on this thread, or on a worker thread
 * while this one reads the log and commits. Either way each projection's documents of the previous fold are kept
 * where the fold runs and handed to the next one as `newer` (see SplitApply); `fresh` forgets them.
 */
export interface FoldBackend {
  readonly threaded: boolean;
  /**
   * Folds one batch for several projections at once (the events handed over once): `events` holds at least every
   * event of the batch that one of them handles, and each folds the ones it handles. Their writes, in `parts` order.
   */
  foldAll(
    events: readonly RecordedEvent[],
    parts: readonly FoldPart[],
    fresh: boolean,
  ): Promise<Statement[][]>;
  /** `foldAll` for one projection. */
  fold(
    projection: string,
    events: readonly RecordedEvent[],
    loaded: unknown,
    fresh: boolean,
  ): Promise<Statement[]>;
  close(): Promise<void>;
}

/** `fold` in terms of `foldAll`, for both backends. */
abstract class Folds implements FoldBackend {
  abstract readonly threaded: boolean;
  abstract foldAll(
    events: readonly RecordedEvent[],
    parts: readonly FoldPart[],
    fresh: boolean,
  ): Promise<Statement[][]>;
  abstract close(): Promise<void>;

  async fold(
    projection: string,
    events: readonly RecordedEvent[],
    loaded: unknown,
    fresh: boolean,
  ): Promise<Statement[]> {
    return (await this.foldAll(events, [{ projection, loaded }], fresh))[0]!;
  }
}

/** The fold itself, with the documents each projection's last fold changed: run by both backends. */
export class FoldState {
  private readonly newer = new Map<string, ReadonlyMap<string, unknown>>();
  private readonly handled = new Map<string, ReadonlySet<string>>();

  foldAll(events: readonly FoldEvent[], parts: readonly FoldPart[], fresh: boolean): Statement[][] {
    return parts.map(({ projection, loaded }) => this.fold(projection, events, loaded, fresh));
  }

  private fold(
    projection: string,
    events: readonly FoldEvent[],
    loaded: unknown,
    fresh: boolean,
  ): Statement[] {
    const entry = SPLIT_PROJECTIONS.get(projection);
    if (!entry) throw new Error(`Projection ${projection} cannot be folded apart from its apply.`);
    let types = this.handled.get(projection);
    if (!types) {
      types = new Set(entry.projection.handles);
      this.handled.set(projection, types);
    }
    const relevant = events.filter((event) => types.has(event.type));
    const { writes, changed } = entry.split.fold(
      relevant,
      loaded,
      fresh ? null : (this.newer.get(projection) ?? null),
    );
    this.newer.set(projection, changed);
    return writes;
  }
}

/**
 * Folds on the calling thread, at its next turn (`setImmediate`): a PostgreSQL commit sent meanwhile is on its way
 * while the fold runs.
 */
export class LocalFold extends Folds {
  readonly threaded = false;
  private readonly state = new FoldState();

  foldAll(
    events: readonly RecordedEvent[],
    parts: readonly FoldPart[],
    fresh: boolean,
  ): Promise<Statement[][]> {
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        try {
          resolve(this.state.foldAll(events, parts, fresh));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * An event as posted to the worker: what a fold reads of it and no more, in a JSON text (copying one string costs
 * this thread far less than the structured clone of a thousand small objects). Stream versions are small integers.
 */
type PostedEvent = readonly [
  streamId: string,
  streamVersion: number,
  type: string,
  data: RecordedEvent['data'],
  recordedAt: string,
];

export const postEvents = (events: readonly FoldEvent[]): string =>
  JSON.stringify(
    events.map((e): PostedEvent => [
      e.streamId,
      Number(e.streamVersion),
      e.type,
      e.data,
      e.metadata.recordedAt,
    ]),
  );

export const postedEvents = (text: string): FoldEvent[] =>
  (JSON.parse(text) as PostedEvent[]).map(([streamId, streamVersion, type, data, recordedAt]) => ({
    streamId,
    streamVersion: BigInt(streamVersion),
    type,
    data,
    metadata: { recordedAt },
  }));

/** Messages to the worker: one batch to fold for several projections. */
export interface FoldRequest {
  readonly id: number;
  /** `postEvents` of the batch. */
  readonly events: string;
  readonly parts: readonly FoldPart[];
  readonly fresh: boolean;
}

/** Messages from the worker: the writes of each part, or why the fold failed. */
export type FoldReply =
  | { readonly id: number; readonly writes: PostedWrites }
  | { readonly id: number; readonly failed: string };

/** Folds on a worker thread, one request at a time in the order sent. */
export class WorkerFold extends Folds {
  readonly threaded = true;
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (writes: Statement[][]) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private broken: Error | null = null;
  private closed = false;

  constructor() {
    super();
    this.worker = startTreeWorker(__dirname, 'fold.worker');
    this.worker.on('message', (reply: FoldReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`The fold's worker thread exited (code ${code}).`));
    });
  }

  foldAll(
    events: readonly RecordedEvent[],
    parts: readonly FoldPart[],
    fresh: boolean,
  ): Promise<Statement[][]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({
        id,
        events: postEvents(events),
        parts,
        fresh,
      } satisfies FoldRequest);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
    this.fail(new Error('The fold’s worker thread was closed.'));
  }

  private onReply(reply: FoldReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('writes' in reply) waiting.resolve(postedWrites(reply.writes));
    else this.fail(new Error(`The fold's worker thread failed: ${reply.failed}`), waiting.reject);
  }

  private fail(error: Error, first?: (error: Error) => void): void {
    this.broken ??= error;
    first?.(error);
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
