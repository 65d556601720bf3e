import {
  DomainError,
  caseDecider,
  caseStreamId,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@app/domain';
import type { ExpectedVersion, JsonObject, NewEvent } from '@app/event-store';
import { CommandEventIds } from './event-ids';
import { MalformedLine, parseImportLine, type ImportLine } from './import-line';

/**
 * The CPU half of the bulk import (issue 8): parsing a batch's lines and deciding each on its case folded in memory,
 * with no I/O, so that it can run on a worker thread while the main thread writes the previous batch. The importer
 * (`importer.ts`) does the I/O: it reads the streams this asks for and appends what it returns.
 */

/** What the importer sends for one batch. */
export interface BatchRequest {
  readonly lines: readonly { readonly number: number; readonly text: string }[];
  /** `recordedAt` of the batch's events (ISO). */
  readonly now: string;
  /** Cases whose carried state must be dropped (their append was refused): read them again. */
  readonly forget: readonly string[];
}

/** A stream as read from the store, for a case the decider does not carry. */
export interface LoadedStream {
  readonly caseId: string;
  readonly version: bigint;
  readonly events: readonly StoredEvent[];
}

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly data: object;
}

export interface BatchRejection {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly caseId: string | null;
  readonly clientMutationId: string | null;
  readonly commandType: string | null;
  /** MALFORMED_LINE, a DomainError code (INVALID_TRANSITION, BAD_USER_INPUT…), CONFLICT, IDEMPOTENCY_CONFLICT… */
  readonly code: string;
  readonly reason: string;
}

/** One case's new events of the batch, as one append. */
export interface DecidedWrite {
  readonly caseId: string;
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
  /** Numbers of the lines whose events these are (to redo them one by one if the append is refused). */
  readonly lines: readonly number[];
}

/** The verdicts of one batch. */
export interface DecidedBatch {
  readonly lines: number;
  /** Refused lines, in line order. */
  readonly rejections: readonly BatchRejection[];
  readonly alreadyImported: number;
  readonly unchanged: number;
  readonly writes: readonly DecidedWrite[];
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
  pendingLines: number[];
}

interface ParsedLine {
  readonly number: number;
  readonly line: ImportLine | null;
  readonly error?: MalformedLine;
}

/** A batch parsed, waiting for the streams of the cases not carried. */
export interface ParsedBatch {
  readonly lines: readonly ParsedLine[];
  readonly now: string;
  readonly contexts: Map<string, CaseContext>;
  /** Cases to read from the store. */
  readonly toLoad: readonly string[];
}

type Decided =
  | { readonly kind: 'appended' }
  | { readonly kind: 'already' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string };

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'INVALID_COMMAND';
};
const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

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

/**
 * Decides one line on the case as known; appends its events to the context (not yet to the store). Semantics are
 * `handleCommand`'s: ids from stream, actor, `clientMutationId` and the event's index; a line whose first id is
 * known was imported already and is skipped.
 */
function decideLine(
  ctx: CaseContext,
  line: ImportLine,
  number: number,
  recordedAt: string,
): Decided {
  const ids = new CommandEventIds(ctx.streamId, line.actor, line.clientMutationId);
  const firstId = ids.idAt(0);
  const found = ctx.index.get(firstId);
  if (found !== undefined) {
    // Already imported (or a repeated line): skip it, with the state now after its events.
    let end = found + 1;
    while (end < ctx.events.length && ctx.events[end]!.id === ids.idAt(end - found)) end++;
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
  const correlationId = firstId;
  for (let i = 0; i < decided.length; i++) {
    const event = decided[i]!;
    // What the store holds (no undefined, dates as strings), exactly as handleCommand writes it.
    const data = JSON.parse(JSON.stringify(event.data)) as JsonObject;
    const id = i === 0 ? firstId : ids.idAt(i);
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
  }
  fold(ctx, ctx.events.length);
  ctx.pendingLines.push(number);
  return { kind: 'appended' };
}

/**
 * Parses and decides batches one after another, carrying the cases of the previous batch (a case split over two
 * batches is then neither read again nor read too early). Its contexts move on as if every append succeeds; the
 * importer names the cases whose append was refused in the next request (`forget`), and they are read again.
 */
export class BatchDecider {
  private carried = new Map<string, CaseContext>();
  /**
   * Cases met earlier in this run but no longer carried (a batch without them came between, or their append was
   * refused), with how far their stream had been folded: read again, they go on from there, not from the start (the
   * events before are this run's own, or lines already matched). Infinity: from the end of the stream (its lines
   * were redone through handleCommand, on the whole stream).
   */
  private readonly resumeAt = new Map<string, number>();

  /** Step 1: parse the lines and tell which cases must be read. */
  parse(request: BatchRequest): ParsedBatch {
    for (const caseId of request.forget) {
      this.carried.delete(caseId);
      this.resumeAt.set(caseId, Number.POSITIVE_INFINITY);
    }
    const lines: ParsedLine[] = [];
    const contexts = new Map<string, CaseContext>();
    const toLoad = new Set<string>();
    for (const source of request.lines) {
      if (source.text.trim() === '') {
        lines.push({ number: source.number, line: null });
        continue;
      }
      try {
        const line = parseImportLine(source.text);
        lines.push({ number: source.number, line });
        if (contexts.has(line.caseId) || toLoad.has(line.caseId)) continue;
        const carried = this.carried.get(line.caseId);
        if (carried) contexts.set(line.caseId, carried);
        else toLoad.add(line.caseId);
      } catch (error) {
        if (!(error instanceof MalformedLine)) throw error;
        lines.push({ number: source.number, line: null, error });
      }
    }
    return { lines, now: request.now, contexts, toLoad: [...toLoad] };
  }

  /** Step 2: with the streams read, decide every line in file order. */
  decide(batch: ParsedBatch, loaded: readonly LoadedStream[]): DecidedBatch {
    const { contexts } = batch;
    const byCase = new Map(loaded.map((s) => [s.caseId, s]));
    // In the order the cases were first met, as the single-threaded importer did.
    for (const caseId of batch.toLoad) {
      const stream = byCase.get(caseId);
      const ctx: CaseContext = {
        caseId,
        streamId: caseStreamId(caseId),
        stored: stream?.version ?? 0n,
        events: [],
        index: new Map(),
        cursor: 0,
        state: caseDecider.initialState(),
        pending: [],
        pendingLines: [],
      };
      for (const event of stream?.events ?? []) {
        ctx.index.set(event.id, ctx.events.length);
        ctx.events.push({ id: event.id, type: event.type, data: event.data });
      }
      const resumeAt = this.resumeAt.get(caseId);
      if (resumeAt !== undefined) fold(ctx, Math.min(resumeAt, ctx.events.length));
      contexts.set(caseId, ctx);
    }

    const rejections: BatchRejection[] = [];
    let alreadyImported = 0;
    let unchanged = 0;
    for (const { number, line, error } of batch.lines) {
      if (error) {
        rejections.push({
          line: number,
          caseId: null,
          clientMutationId: null,
          commandType: null,
          code: error.code,
          reason: error.message,
        });
        continue;
      }
      if (!line) continue; // blank line
      const verdict = decideLine(contexts.get(line.caseId)!, line, number, batch.now);
      if (verdict.kind === 'rejected') {
        rejections.push({
          line: number,
          caseId: line.caseId,
          clientMutationId: line.clientMutationId,
          commandType: line.command.type ?? null,
          code: verdict.code,
          reason: verdict.reason,
        });
      } else if (verdict.kind === 'already') alreadyImported++;
      else if (verdict.kind === 'unchanged') unchanged++;
    }

    const writes: DecidedWrite[] = [];
    for (const ctx of contexts.values()) {
      if (ctx.pending.length === 0) continue;
      writes.push({
        caseId: ctx.caseId,
        streamId: ctx.streamId,
        events: ctx.pending,
        expectedVersion: ctx.stored === 0n ? 'no_stream' : ctx.stored,
        lines: ctx.pendingLines,
      });
      ctx.stored += BigInt(ctx.pending.length);
      ctx.pending = [];
      ctx.pendingLines = [];
    }
    for (const [caseId, ctx] of this.carried) {
      if (!contexts.has(caseId)) this.resumeAt.set(caseId, ctx.cursor);
    }
    this.carried = contexts;
    return { lines: batch.lines.length, rejections, alreadyImported, unchanged, writes };
  }
}
