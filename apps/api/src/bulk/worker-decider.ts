import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runningFromSource, startTreeWorker } from '@app/projections';
import {
  BatchDecider,
  type BatchRequest,
  type DecidedBatch,
  type LoadedStream,
} from './batch-decider';

/** Reads the streams of the cases a batch needs (the importer's side: the store is on the main thread). */
export type LoadStreams = (caseIds: readonly string[]) => Promise<readonly LoadedStream[]>;

/** Where a batch is decided: in this thread, or on a worker thread while this one writes. */
export interface DecideBackend {
  readonly threaded: boolean;
  decide(request: BatchRequest, load: LoadStreams): Promise<DecidedBatch>;
  close(): Promise<void>;
}

/** Messages to the worker. */
export type HostMessage =
  | { readonly kind: 'batch'; readonly request: BatchRequest }
  | { readonly kind: 'streams'; readonly streams: readonly LoadedStream[] };

/** Messages from the worker. */
export type DeciderMessage =
  | { readonly kind: 'load'; readonly caseIds: readonly string[] }
  | { readonly kind: 'decided'; readonly batch: DecidedBatch }
  | { readonly kind: 'failed'; readonly message: string };

/** Decides on the calling thread. */
export class LocalDecider implements DecideBackend {
  readonly threaded = false;
  private readonly decider = new BatchDecider();

  async decide(request: BatchRequest, load: LoadStreams): Promise<DecidedBatch> {
    const parsed = this.decider.parse(request);
    const streams = parsed.toLoad.length > 0 ? await load(parsed.toLoad) : [];
    return this.decider.decide(parsed, streams);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Decides on a worker thread: the main thread only reads streams for it and writes what it decided. */
export class WorkerDecider implements DecideBackend {
  readonly threaded = true;
  private readonly worker: Worker;
  private current: {
    resolve: (batch: DecidedBatch) => void;
    reject: (error: Error) => void;
    load: LoadStreams;
  } | null = null;
  private broken: Error | null = null;
  private closed = false;

  constructor() {
    this.worker = startTreeWorker(__dirname, 'decide-worker');
    this.worker.on('message', (message: DeciderMessage) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`The decider's worker thread exited (code ${code}).`));
    });
  }

  decide(request: BatchRequest, load: LoadStreams): Promise<DecidedBatch> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.current) return Promise.reject(new Error('One batch at a time.'));
    return new Promise((resolve, reject) => {
      this.current = { resolve, reject, load };
      this.worker.postMessage({ kind: 'batch', request } satisfies HostMessage);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }

  private onMessage(message: DeciderMessage): void {
    const current = this.current;
    if (!current) return;
    switch (message.kind) {
      case 'load':
        current.load(message.caseIds).then(
          (streams) => this.worker.postMessage({ kind: 'streams', streams } satisfies HostMessage),
          (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
        );
        return;
      case 'decided':
        this.current = null;
        current.resolve(message.batch);
        return;
      case 'failed':
        this.fail(new Error(`The decider's worker thread failed: ${message.message}`));
        return;
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    const current = this.current;
    this.current = null;
    current?.reject(error);
  }
}

/**
 * `workers`: 1 decides on a worker thread, 0 on the calling thread. Default: on SQLite, a worker when there is a
 * second core and the importer runs compiled (from source, e.g. under ts-jest, the worker compiles the domain on
 * start; tests ask for it explicitly). On PostgreSQL, the calling thread: deciding there already overlaps the
 * database's I/O, and on the 2-core machine the server needs the other core (measured: no gain from a worker, ~15%
 * more CPU for the messages).
 */
export const openDecider = (sink: 'sqlite' | 'postgres', workers?: number): DecideBackend => {
  const threaded =
    workers ?? (sink === 'sqlite' && availableParallelism() > 1 && !runningFromSource() ? 1 : 0);
  return threaded > 0 ? new WorkerDecider() : new LocalDecider();
};
