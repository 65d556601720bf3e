/**
 * The event-store port. Every adapter (in-memory, SQLite, PostgreSQL, KurrentDB) implements it and passes the one
 * contract suite in `event-store.contract.ts`.
 *
 * Versions are normalised here so no caller knows which store it has: a stream's version is the number of events in
 * it (0 = the stream does not exist), and an event's `streamVersion` is the stream's version just after it (1-based).
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who and why, carried by every event. `occurredOn` is the business date; `recordedAt` the instant it was stored. */
export interface EventMetadata extends JsonObject {
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
}

export interface NewEvent {
  /** UUID. Deterministic when derived from an idempotency key, so a retried write is recognised. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 1-based position of the event in its stream (= the stream version after it). */
  readonly streamVersion: bigint;
  /** Monotonic number in the global log, for display and ordering within one store. */
  readonly globalPosition: bigint;
  /** Opaque, store-specific checkpoint: pass it back to `readAll` to continue after this event. */
  readonly checkpoint: string;
}

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must exist.
 * A bigint: the stream must be at exactly that version (0n = empty).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** The stream version after the append; pass it as the next expected version. */
  readonly nextExpectedVersion: bigint;
  /** The checkpoint of the last event written (or of the original last event, for an idempotent replay). */
  readonly lastCheckpoint: string;
  readonly lastGlobalPosition: bigint;
  /** True when every event id was already in the stream with the same content: nothing was written. */
  readonly alreadyAppended: boolean;
}

export interface ReadStreamResult {
  readonly streamExists: boolean;
  readonly version: bigint;
  readonly events: readonly RecordedEvent[];
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** Checkpoint to pass next time; equals the argument when nothing new was visible. */
  readonly checkpoint: string | null;
  /**
   * True when events already committed after the checkpoint are held back because an earlier transaction is still
   * open (PostgreSQL never lets a reader pass such a hole): ask again shortly rather than assume the log is done.
   */
  readonly pending?: boolean;
}

export interface EventStore {
  /** Human-readable adapter name, e.g. `sqlite`. */
  readonly kind: string;
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * The stream's events in order. `fromVersion`: the first `streamVersion` to return (inclusive, default 1);
   * `maxCount`: at most that many. `version` is always the stream's current version, whatever range was asked for.
   */
  readStream(
    streamId: string,
    options?: { fromVersion?: bigint; maxCount?: number },
  ): Promise<ReadStreamResult>;
  /**
   * Events of all streams strictly after `checkpoint` (null = from the start), in global order, at most `maxCount`.
   * Never returns an event before an earlier one that is not yet visible (no holes are ever passed).
   */
  readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult>;
  close(): Promise<void>;
}

/** The stream is not at the expected version. `actualVersion` is the version found (0n when it does not exist). */
export class StreamVersionConflict extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actualVersion: bigint,
  ) {
    super(
      `Stream ${streamId} was expected at ${String(expected)} but is at version ${actualVersion.toString()}: someone else changed it first.`,
    );
    this.name = 'StreamVersionConflict';
  }
}

/** An event id was reused for different content (or on another stream): a retried write must repeat the original. */
export class IdempotencyConflict extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    detail: string,
  ) {
    super(`Event id ${eventId} was already used for a different write (${detail}).`);
    this.name = 'IdempotencyConflict';
  }
}

/** The store could not be reached or failed; the write may not have happened. Retrying with the same ids is safe. */
export class EventStoreUnavailable extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EventStoreUnavailable';
  }
}
