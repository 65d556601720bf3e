import {
  DomainError,
  caseDecider,
  caseStreamId,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@app/domain';
import { deterministicId, handleCommand, type JsonObject, type NewEvent } from '@app/event-store';
import type { BulkSink, StreamAppendRequest } from './bulk-sink';
import { MalformedLine, parseImportLine, type ImportLine } from './import-line';

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
}

export interface ImportProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly events: number;
  readonly batches: number;
  readonly elapsedMs: number;
}

export interface Rejection {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly caseId: string | null;
  readonly clientMutationId: string | null;
  readonly commandType: string | null;
  /** MALFORMED_LINE, a DomainError code (INVALID_TRANSITION, BAD_USER_INPUT…), CONFLICT, IDEMPOTENCY_CONFLICT… */
  readonly code: string;
  readonly reason: string;
}

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

interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly data: object;
}

interface PendingLine {
  readonly line: ImportLine;
  readonly number: number;
  readonly events: number;
}

/** One case during a batch: its stream as known (stored + decided now), the state folded so far, what to append. */
interface CaseContext {
  readonly caseId: string;
  readonly streamId: string;
  /** The stream's version in the store (what the append expects). */
  stored: bigint;
  readonly events: StoredEvent[];
  readonly index: Map<string, number>;
  /** How many of `events` are folded into `state`. */
  cursor: number;
  state: CaseState;
  pending: NewEvent[];
  pendingLines: PendingLine[];
  /** Its batched append was refused: never reuse this context. */
  failed?: boolean;
}

interface PreparedWrite {
  readonly ctx: CaseContext;
  readonly request: StreamAppendRequest;
  readonly lines: readonly PendingLine[];
}

interface PreparedBatch {
  readonly writes: readonly PreparedWrite[];
  readonly bytes: number;
  readonly now: Date;
}

type Decided =
  | { readonly kind: 'appended'; readonly events: number }
  | { readonly kind: 'already' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string };

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'INVALID_COMMAND';
};
const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** `handleCommand`'s ids: stream, actor, idempotency key and the event's index in the command's result. */
const idFor = (streamId: string, line: ImportLine, i: number): string =>
  deterministicId(streamId, line.actor, line.clientMutationId, String(i));

const fold = (ctx: CaseContext, to: number): void => {
  let state = ctx.state;
  for (let i = ctx.cursor; i < to; i++) {
    const e = ctx.events[i]!;
    state = caseDecider.evolve(state, { type: e.type, data: e.data } as CaseEvent);
  }
  ctx.state = state;
  ctx.cursor = to;
};

const decideOn = (
  state: CaseState,
  command: CaseCommand,
): { events: readonly CaseEvent[] } | { error: unknown } => {
  try {
    return { events: caseDecider.decide(command, state) };
  } catch (error) {
    return { error };
  }
};

/** Decides one line on the case as known; appends its events to the context (not yet to the store). */
function decideLine(ctx: CaseContext, line: ImportLine, number: number, now: Date): Decided {
  const firstId = idFor(ctx.streamId, line, 0);
  const found = ctx.index.get(firstId);
  if (found !== undefined) {
    // Already imported (or a repeated line): skip it, with the state now after its events.
    let end = found + 1;
    while (ctx.events[end]?.id === idFor(ctx.streamId, line, end - found)) end++;
    if (end > ctx.cursor) fold(ctx, end);
    return { kind: 'already' };
  }
  // A line not found while later events of the stream are known was handled in an earlier run without appending
  // (refused, or nothing to record): judge it on the state it met then, so the verdict is the same.
  let outcome = decideOn(ctx.state, line.command);
  if (ctx.cursor < ctx.events.length && 'events' in outcome && outcome.events.length > 0) {
    // It would append now (the stream was changed by someone else): decide on the current state, as handleCommand.
    fold(ctx, ctx.events.length);
    outcome = decideOn(ctx.state, line.command);
  }
  if ('error' in outcome) {
    // The decider is pure: whatever it throws (a DomainError, or a TypeError on a malformed payload) refuses the line.
    const { error } = outcome;
    const code = error instanceof DomainError ? error.code : codeOf(error);
    return { kind: 'rejected', code, reason: messageOf(error) };
  }
  const decided = outcome.events;
  if (decided.length === 0) return { kind: 'unchanged' };
  const ids = decided.map((_, i) => idFor(ctx.streamId, line, i));
  const correlationId = ids[0]!;
  const recordedAt = now.toISOString();
  decided.forEach((event, i) => {
    // What the store holds (no undefined, dates as strings), exactly as handleCommand writes it.
    const data = JSON.parse(JSON.stringify(event.data)) as JsonObject;
    const id = ids[i]!;
    ctx.pending.push({
      id,
      type: event.type,
      data,
      metadata: {
        recordedAt,
        actor: line.actor,
        correlationId,
        causationId: correlationId,
        schemaVersion: 1,
      },
    });
    ctx.index.set(id, ctx.events.length);
    ctx.events.push({ id, type: event.type, data });
  });
  fold(ctx, ctx.events.length);
  ctx.pendingLines.push({ line, number, events: decided.length });
  return { kind: 'appended', events: decided.length };
}

export class Importer {
  private readonly batchSize: number;
  private readonly now: () => Date;
  /** Cases of the previous batch, so a case split over two batches is not read again (nor read too early). */
  private carried = new Map<string, CaseContext>();
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
    // PostgreSQL: the next batch is decided while the previous one is being written (CPU beside I/O). SQLite writes
    // synchronously on the one connection, so there batches follow one another.
    const overlap = this.sink.kind === 'postgres';
    const pipeline: { inFlight: Promise<void> | null } = { inFlight: null };
    let batch: SourceLine[] = [];
    const next = async (lines: SourceLine[]): Promise<boolean> => {
      const prepared = await this.prepare(lines);
      if (pipeline.inFlight) await pipeline.inFlight;
      if (this.shouldStop()) return false;
      pipeline.inFlight = this.commit(prepared);
      if (!overlap) await pipeline.inFlight;
      return true;
    };
    for await (const line of source) {
      batch.push(line);
      if (batch.length >= this.batchSize) {
        const go = await next(batch);
        batch = [];
        if (!go) return this.finish(true);
      }
    }
    if (batch.length > 0 && !(await next(batch))) return this.finish(true);
    if (pipeline.inFlight) await pipeline.inFlight;
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

  private reject(number: number, line: ImportLine | null, code: string, reason: string): void {
    this.summary.rejected++;
    this.options.onRejected?.({
      line: number,
      caseId: line?.caseId ?? null,
      clientMutationId: line?.clientMutationId ?? null,
      commandType: line?.command.type ?? null,
      code,
      reason,
    });
  }

  /** Reads the batch's cases and decides every line; nothing is written yet. */
  private async prepare(batch: readonly SourceLine[]): Promise<PreparedBatch> {
    const now = this.now();
    // Parse, keeping the file's order; group by case only to load each case once.
    const parsed: { number: number; line: ImportLine | null; error?: MalformedLine }[] = [];
    const caseIds = new Set<string>();
    let bytes = 0;
    for (const source of batch) {
      bytes += source.bytes;
      if (source.text.trim() === '') {
        parsed.push({ number: source.number, line: null });
        continue;
      }
      try {
        const line = parseImportLine(source.text);
        parsed.push({ number: source.number, line });
        caseIds.add(line.caseId);
      } catch (error) {
        if (!(error instanceof MalformedLine)) throw error;
        parsed.push({ number: source.number, line: null, error });
      }
    }
    const contexts = await this.load([...caseIds]);

    // Decide every line on its case, in file order; rejections are reported in line order.
    for (const { number, line, error } of parsed) {
      this.summary.lines++;
      if (error) {
        this.reject(number, null, error.code, error.message);
        continue;
      }
      if (!line) continue; // blank line
      const verdict = decideLine(contexts.get(line.caseId)!, line, number, now);
      if (verdict.kind === 'rejected') this.reject(number, line, verdict.code, verdict.reason);
      else if (verdict.kind === 'already') this.summary.alreadyImported++;
      else if (verdict.kind === 'unchanged') this.summary.unchanged++;
    }

    // One append per case. The contexts move on as if the appends succeed (the next batch may be decided before
    // this one is written); a refused append marks its case failed and its lines are redone in `commit`.
    const writes: PreparedWrite[] = [];
    for (const ctx of contexts.values()) {
      if (ctx.pending.length === 0) continue;
      writes.push({
        ctx,
        request: {
          streamId: ctx.streamId,
          events: ctx.pending,
          expectedVersion: ctx.stored === 0n ? 'no_stream' : ctx.stored,
        },
        lines: ctx.pendingLines,
      });
      ctx.stored += BigInt(ctx.pending.length);
      ctx.pending = [];
      ctx.pendingLines = [];
    }
    // Every case of this batch is carried to the next one (a case may straddle two batches).
    this.carried = contexts;
    return { writes, bytes, now };
  }

  /** Writes a prepared batch: one transaction (SQLite) or statement (PostgreSQL) for all its cases. */
  private async commit(prepared: PreparedBatch): Promise<void> {
    const { now } = prepared;
    // A case whose previous batch was refused was decided here on a state that never came to be: redo it too.
    const stale = prepared.writes.filter((w) => w.ctx.failed);
    const writes = prepared.writes.filter((w) => !w.ctx.failed);
    const outcomes = await this.sink.appendAll(writes.map((w) => w.request));
    for (const { lines } of stale) await this.redo(lines, now);
    for (let i = 0; i < writes.length; i++) {
      const { ctx, request, lines } = writes[i]!;
      const outcome = outcomes[i]!;
      if (outcome instanceof Error || outcome.alreadyAppended) {
        // Refused (someone else wrote to the case, an id clash…): forget what we knew of the case, and redo its
        // lines of this batch one by one, exactly as the API would.
        ctx.failed = true;
        this.carried.delete(ctx.caseId);
        await this.redo(lines, now);
        continue;
      }
      this.summary.imported += lines.length;
      this.summary.events += request.events.length;
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

  /** The cases of a batch: carried over, or read (through the encrypting store) when their stream exists. */
  private async load(caseIds: readonly string[]): Promise<Map<string, CaseContext>> {
    const contexts = new Map<string, CaseContext>();
    const toRead: string[] = [];
    for (const caseId of caseIds) {
      const carried = this.carried.get(caseId);
      if (carried && !carried.failed) contexts.set(caseId, carried);
      else toRead.push(caseId);
    }
    const streams = toRead.map(caseStreamId);
    // PostgreSQL: one query tells which streams exist, so a fresh import reads none of them one by one.
    const versions = this.sink.streamVersions ? await this.sink.streamVersions(streams) : undefined;
    await Promise.all(
      toRead.map(async (caseId, i) => {
        const streamId = streams[i]!;
        const fresh: CaseContext = {
          caseId,
          streamId,
          stored: 0n,
          events: [],
          index: new Map(),
          cursor: 0,
          state: caseDecider.initialState(),
          pending: [],
          pendingLines: [],
        };
        if (versions && !versions.has(streamId)) return void contexts.set(caseId, fresh);
        const stream = await this.sink.store.readStream(streamId);
        fresh.stored = stream.version;
        for (const event of stream.events) {
          fresh.index.set(event.id, fresh.events.length);
          fresh.events.push({ id: event.id, type: event.type, data: event.data });
        }
        contexts.set(caseId, fresh);
      }),
    );
    return contexts;
  }

  /** The slow path for a case whose batched append was refused: `handleCommand`, one line at a time. */
  private async redo(lines: readonly PendingLine[], now: Date): Promise<void> {
    for (const { line, number } of lines) {
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
        this.reject(number, line, codeOf(error), messageOf(error));
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
