import { caseDecider, caseStreamId } from '@app/domain';
import { handleCommand } from '@app/event-store';
import type { BatchRejection, DecidedBatch, LoadedStream } from './batch-decider';
import type { BulkSink } from './bulk-sink';
import { parseImportLine, type ImportLine } from './import-line';
import { openDecider, type DecideBackend } from './worker-decider';

/**
 * Bulk import of NDJSON commands through the real case decider, batched for speed (issue 8).
 *
 * Semantics are `handleCommand`'s, line by line: read the case's stream, fold it, and before deciding look for the
 * command's first deterministic event id (from stream, actor and `clientMutationId`): found, the command was already
 * imported and is skipped; otherwise `decide` runs on the state and its events get the deterministic ids, the same
 * metadata (`recordedAt`, actor, correlation = first id) and are appended with the version read as expected version.
 *
 * What is batched is only the I/O: a batch of lines is read; each case in it is read once (or taken over from the
 * previous batch), its commands are decided one after another on the state folded in memory, and every case's new
 * events go out as one append per case, all cases of the batch in one transaction (SQLite) or one statement
 * (PostgreSQL). A case whose append is refused (someone else wrote to it meanwhile, an id clash) has its commands of
 * the batch redone one by one through `handleCommand` itself.
 *
 * The deciding (parse, fold, decide, event ids: `batch-decider.ts`, pure CPU) runs on a worker thread when there is
 * one (`worker-decider.ts`), one batch ahead of the writes: while this thread appends batch M, the worker decides
 * batch M+1 (its streams are read here, before the write starts, and batch M+1 is only sent once batch M-1 is
 * written). Events, ids, per-stream order and rejections are the same as deciding on this thread.
 *
 * Re-running a file (after a crash, or twice) appends nothing twice: every line already imported is found by its
 * ids. A line that was refused before is decided again against the state it met the first time (the stream up to
 * the last line imported before it), so it is refused again for the same reason and the report is the same.
 */

export interface ImportOptions {
  /** Lines per batch (one transaction each). Default 2000. */
  readonly batchSize?: number;
  /** `recordedAt` of the events (the import's clock). Default: the wall clock at each batch. */
  readonly now?: () => Date;
  /** Told after each batch. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Told of every refused line (in line order, except lines of a case redone one by one after a conflict). */
  readonly onRejected?: (rejection: Rejection) => void;
  /** Testing a crash: stop (as if killed) after this many batches have committed. */
  readonly stopAfterBatches?: number;
  /**
   * 1: decide on a worker thread while this one reads and writes (cases are independent; the output is the same);
   * 0: decide on this thread. Default: 1 on SQLite when compiled and a second core is there, else 0 (see
   * `openDecider`).
   */
  readonly workers?: number;
}

export interface ImportProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly events: number;
  readonly batches: number;
  readonly elapsedMs: number;
}

/** A refused line: its 1-based number in the file, and why (the importer's report line). */
export type Rejection = BatchRejection;

export interface ImportSummary {
  readonly lines: number;
  /** Commands whose events were appended by this run. */
  readonly imported: number;
  /** Commands found already imported (a re-run). */
  readonly alreadyImported: number;
  /** Commands accepted that had nothing to record (e.g. no deadline missed). */
  readonly unchanged: number;
  readonly rejected: number;
  readonly events: number;
  readonly batches: number;
  readonly elapsedMs: number;
  /** True when `stopAfterBatches` stopped it early. */
  readonly stopped: boolean;
}

/** A line as read: its number and text (bytes for progress). */
export interface SourceLine {
  readonly number: number;
  readonly text: string;
  readonly bytes: number;
}

interface PreparedBatch {
  readonly decided: DecidedBatch;
  /** The batch's lines by number, to redo a refused case's lines one by one. */
  readonly texts: ReadonlyMap<number, string>;
  readonly bytes: number;
  readonly now: Date;
  /** `failures` when the batch was sent to be decided: a case refused after that was decided on a stale state. */
  readonly failuresAtSend: number;
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'INVALID_COMMAND';
};
const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export class Importer {
  private readonly batchSize: number;
  private readonly now: () => Date;
  private summary = {
    lines: 0,
    imported: 0,
    alreadyImported: 0,
    unchanged: 0,
    rejected: 0,
    events: 0,
    batches: 0,
    elapsedMs: 0,
    stopped: false,
  };
  private bytes = 0;
  private started = 0;
  /** Cases whose batched append was refused, with the count of `failures` after it. */
  private readonly failedAt = new Map<string, number>();
  private failures = 0;
  /** Refused cases the decider has not been told to forget yet. */
  private toForget = new Set<string>();

  constructor(
    private readonly sink: BulkSink,
    private readonly options: ImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(
        `batchSize must be a whole number of at least 1 (got ${this.batchSize}).`,
      );
    }
    this.now = options.now ?? (() => new Date());
  }

  /** Imports every line of `source` (in order). */
  async run(source: AsyncIterable<SourceLine> | Iterable<SourceLine>): Promise<ImportSummary> {
    this.started = performance.now();
    const decider = openDecider(this.sink.kind, this.options.workers);
    try {
      return await this.pipeline(source, decider);
    } finally {
      await decider.close();
    }
  }

  private async pipeline(
    source: AsyncIterable<SourceLine> | Iterable<SourceLine>,
    decider: DecideBackend,
  ): Promise<ImportSummary> {
    // The next batch is decided while the previous one is being written: beside PostgreSQL's I/O, or on a worker
    // thread beside SQLite's synchronous writes. Deciding in this thread, SQLite batches follow one another.
    // Batch M is sent to be decided only once batch M-2 is written, so a case it reads from the store (one it does
    // not carry over from batch M-1) is complete there.
    const overlap = this.sink.kind === 'postgres' || decider.threaded;
    let previous: Promise<PreparedBatch> | null = null;
    const step = async (lines: SourceLine[] | null): Promise<boolean> => {
      let ready = previous ? await previous : null;
      previous = null;
      if (ready && this.shouldStop()) return false;
      if (ready && this.toForget.size > 0) {
        // Cases whose append was refused are read again by the next batch: only once every line of theirs decided
        // so far is written (the previous batch's, decided on a state that never came to be, are redone there).
        await this.commit(ready);
        ready = null;
      }
      const deciding = lines ? this.prepare(lines, decider) : null;
      // Its failure is seen where it is awaited: never an unhandled rejection meanwhile.
      deciding?.decided.catch(() => undefined);
      if (ready) {
        // A worker gets the streams it asks for before this thread blocks in the write (SQLite writes synchronously),
        // so it decides the next batch during the write instead of waiting for it.
        if (deciding && decider.threaded) await deciding.loaded;
        await this.commit(ready);
      }
      if (!deciding) return true;
      if (overlap) {
        previous = deciding.decided;
        return true;
      }
      const prepared = await deciding.decided;
      if (this.shouldStop()) return false;
      await this.commit(prepared);
      return true;
    };
    let batch: SourceLine[] = [];
    for await (const line of source) {
      batch.push(line);
      if (batch.length >= this.batchSize) {
        const go = await step(batch);
        batch = [];
        if (!go) return this.finish(true);
      }
    }
    if (batch.length > 0 && !(await step(batch))) return this.finish(true);
    if (!(await step(null))) return this.finish(true);
    return this.finish(false);
  }

  private shouldStop(): boolean {
    const stopAfter = this.options.stopAfterBatches;
    return stopAfter !== undefined && this.summary.batches >= stopAfter;
  }

  private finish(stopped: boolean): ImportSummary {
    this.summary.elapsedMs = performance.now() - this.started;
    this.summary.stopped = stopped;
    return { ...this.summary };
  }

  private reject(rejection: BatchRejection): void {
    this.summary.rejected++;
    this.options.onRejected?.(rejection);
  }

  /**
   * Has the batch's lines parsed and decided (here or on the worker); nothing is written yet. `loaded` settles once
   * the streams it needed were read (or it is decided).
   */
  private prepare(
    batch: readonly SourceLine[],
    decider: DecideBackend,
  ): { loaded: Promise<void>; decided: Promise<PreparedBatch> } {
    const now = this.now();
    let bytes = 0;
    const texts = new Map<number, string>();
    const lines = batch.map(({ number, text, bytes: size }) => {
      bytes += size;
      texts.set(number, text);
      return { number, text };
    });
    const forget = [...this.toForget];
    this.toForget.clear();
    const failuresAtSend = this.failures;
    let markLoaded = (): void => undefined;
    const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
    const decided = decider
      .decide({ lines, now: now.toISOString(), forget }, async (caseIds) => {
        try {
          return await this.load(caseIds);
        } finally {
          markLoaded();
        }
      })
      .then((result): PreparedBatch => {
        this.summary.lines += result.lines;
        for (const rejection of result.rejections) this.reject(rejection);
        this.summary.alreadyImported += result.alreadyImported;
        this.summary.unchanged += result.unchanged;
        return { decided: result, texts, bytes, now, failuresAtSend };
      })
      .finally(markLoaded);
    return { loaded, decided };
  }

  /** Writes a prepared batch: one transaction (SQLite) or statement (PostgreSQL) for all its cases. */
  private async commit(prepared: PreparedBatch): Promise<void> {
    const { now, decided, texts, failuresAtSend } = prepared;
    // A case refused after this batch was sent was decided here on a state that never came to be: redo it too.
    const isStale = (caseId: string): boolean => (this.failedAt.get(caseId) ?? 0) > failuresAtSend;
    const stale = decided.writes.filter((w) => isStale(w.caseId));
    const writes = decided.writes.filter((w) => !isStale(w.caseId));
    const outcomes = await this.sink.appendAll(
      writes.map((w) => ({
        streamId: w.streamId,
        events: w.events,
        expectedVersion: w.expectedVersion,
      })),
    );
    for (const { lines } of stale) await this.redo(lines, texts, now);
    for (let i = 0; i < writes.length; i++) {
      const { caseId, events, lines } = writes[i]!;
      const outcome = outcomes[i]!;
      if (outcome instanceof Error || outcome.alreadyAppended) {
        // Refused (someone else wrote to the case, an id clash…): forget what we knew of the case, and redo its
        // lines of this batch one by one, exactly as the API would.
        this.failedAt.set(caseId, ++this.failures);
        this.toForget.add(caseId);
        await this.redo(lines, texts, now);
        continue;
      }
      this.summary.imported += lines.length;
      this.summary.events += events.length;
    }
    this.bytes += prepared.bytes;
    this.summary.batches++;
    this.options.onProgress?.({
      lines: this.summary.lines,
      bytes: this.bytes,
      events: this.summary.events,
      batches: this.summary.batches,
      elapsedMs: performance.now() - this.started,
    });
  }

  /** The streams of cases the decider does not carry, read (through the encrypting store) when they exist. */
  private async load(caseIds: readonly string[]): Promise<LoadedStream[]> {
    const streams = caseIds.map(caseStreamId);
    // One query tells which streams exist, so a fresh import reads none of them one by one.
    const versions = this.sink.streamVersions ? await this.sink.streamVersions(streams) : undefined;
    const loaded = await Promise.all(
      caseIds.map(async (caseId, i): Promise<LoadedStream | null> => {
        const streamId = streams[i]!;
        if (versions && !versions.has(streamId)) return null;
        const stream = await this.sink.store.readStream(streamId);
        if (stream.version === 0n && stream.events.length === 0) return null;
        return {
          caseId,
          version: stream.version,
          events: stream.events.map((e) => ({ id: e.id, type: e.type, data: e.data })),
        };
      }),
    );
    return loaded.filter((s): s is LoadedStream => s !== null);
  }

  /** The slow path for a case whose batched append was refused: `handleCommand`, one line at a time. */
  private async redo(
    numbers: readonly number[],
    texts: ReadonlyMap<number, string>,
    now: Date,
  ): Promise<void> {
    for (const number of numbers) {
      // Lines with events were parsed once already: parsing again cannot fail.
      const line: ImportLine = parseImportLine(texts.get(number)!);
      try {
        const result = await handleCommand(
          this.sink.store,
          caseStreamId(line.caseId),
          caseDecider,
          line.command,
          { actor: line.actor, now, idempotencyKey: line.clientMutationId },
        );
        if (result.alreadyAppended) this.summary.alreadyImported++;
        else if (result.events.length === 0) this.summary.unchanged++;
        else {
          this.summary.imported++;
          this.summary.events += result.events.length;
        }
      } catch (error) {
        // The store being down is not the line's fault: stop, so a re-run continues from here.
        if (codeOf(error) === 'STORE_UNAVAILABLE') throw error;
        this.reject({
          line: number,
          caseId: line.caseId,
          clientMutationId: line.clientMutationId,
          commandType: line.command.type ?? null,
          code: codeOf(error),
          reason: messageOf(error),
        });
      }
    }
  }
}

/** Imports `source` into `sink`; see `Importer`. */
export const importCommands = (
  sink: BulkSink,
  source: AsyncIterable<SourceLine> | Iterable<SourceLine>,
  options: ImportOptions = {},
): Promise<ImportSummary> => new Importer(sink, options).run(source);
