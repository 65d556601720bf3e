import type {
  AppendStreamState,
  CurrentStreamState,
  Position,
  RecordedEvent as ClientRecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreUnavailable,
  StreamVersionConflict,
  type EventMetadata,
  type ExpectedVersion,
  type JsonObject,
  type RecordedEvent,
} from '../event-store.port';

/**
 * Pure translations between our port and the KurrentDB client: versions ↔ revisions, errors, positions ↔ checkpoints,
 * metadata. No I/O; unit-tested in kurrentdb.mapping.unit.spec.ts.
 *
 * Numbering: our stream version is the number of events (0 = no stream) and an event's `streamVersion` is 1-based;
 * a KurrentDB revision is the 0-based number of an event in its stream, and "no stream" is the `'no_stream'` state
 * (tech-notes §1.2, docs/api/appending-events.md). So revision = version − 1.
 */

// ---- versions ------------------------------------------------------------------------------------------------

/** Our expected version → the client's `streamState` for appendToStream. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      if (expected < 0n) throw new Error(`Expected version must be >= 0, got ${expected}.`);
      return expected === 0n ? 'no_stream' : expected - 1n;
  }
}

/** The version of a stream whose last event has this revision. */
export const versionOfRevision = (revision: bigint): bigint => revision + 1n;

/** The revision to start a forward read at, for our inclusive 1-based `fromVersion`. */
export const fromRevisionOf = (fromVersion: bigint): bigint =>
  fromVersion <= 1n ? 0n : fromVersion - 1n;

/** A WrongExpectedVersionError's `actualState` as our version: no stream → 0, revision r → r + 1. */
export const actualVersionOf = (actual: CurrentStreamState): bigint =>
  actual === 'no_stream' ? 0n : versionOfRevision(actual);

// ---- checkpoints ---------------------------------------------------------------------------------------------

/** `<commit>:<prepare>`, both decimal: the whole $all Position, so legacy transactions (same commit) stay distinct. */
export const formatCheckpoint = (position: Position): string =>
  `${position.commit.toString()}:${position.prepare.toString()}`;

export function parseCheckpoint(checkpoint: string): Position {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(checkpoint);
  if (match === null) {
    throw new Error(`Checkpoint ${checkpoint} was not issued by this kind of event store.`);
  }
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Order of the $all log: by commit position, then prepare position. */
export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit
    ? a.commit < b.commit
      ? -1
      : 1
    : a.prepare === b.prepare
      ? 0
      : a.prepare < b.prepare
        ? -1
        : 1;

// ---- names ---------------------------------------------------------------------------------------------------

/**
 * Prefix of the adapter's own bookkeeping streams: one per event id, holding the stream the id was first claimed
 * for (see README.md, "Idempotency"). Hidden from readAll; user streams may not start with it.
 */
export const CLAIM_STREAM_PREFIX = 'eventid-';
export const CLAIM_EVENT_TYPE = 'EventIdClaimed';

export const claimStreamName = (namespace: string, eventId: string): string =>
  `${namespace}${CLAIM_STREAM_PREFIX}${eventId}`;

/** KurrentDB convention: streams and event types starting with `$` are the server's (metadata, projections, stats). */
export const isSystemRecord = (streamName: string, type: string): boolean =>
  streamName.startsWith('$') || type.startsWith('$');

/** Rejects stream ids this adapter cannot own: system streams and its own claim streams. */
export function assertUserStreamId(streamId: string): void {
  if (streamId.startsWith('$')) {
    throw new Error(
      `Stream id ${streamId} starts with $, which KurrentDB reserves for system streams.`,
    );
  }
  if (streamId.startsWith(CLAIM_STREAM_PREFIX)) {
    throw new Error(
      `Stream id ${streamId} starts with ${CLAIM_STREAM_PREFIX}, which the KurrentDB adapter reserves.`,
    );
  }
}

// ---- metadata ------------------------------------------------------------------------------------------------

/**
 * Key added to the stored JSON metadata: a random id per append attempt. KurrentDB answers an append whose event ids
 * are already in the stream (at the same expected revision) with plain success, exactly as for a fresh write; the
 * only way to tell "I wrote it" from "the server deduplicated my retry" is to read the event back and compare this
 * id. It is stripped again on every read.
 */
export const WRITE_ID_KEY = 'kurrentdbWriteId';

export function assertNoReservedMetadata(metadata: EventMetadata): void {
  if (WRITE_ID_KEY in metadata) {
    throw new Error(
      `Event metadata may not use the key ${WRITE_ID_KEY}: the KurrentDB adapter reserves it.`,
    );
  }
}

export function encodeMetadata(metadata: EventMetadata, writeId: string): JsonObject {
  assertNoReservedMetadata(metadata);
  return { ...metadata, [WRITE_ID_KEY]: writeId };
}

/** The stored metadata without the adapter's write id, and that id (undefined if absent). */
export function decodeMetadata(stored: unknown): {
  metadata: EventMetadata;
  writeId: string | undefined;
} {
  if (
    stored === null ||
    typeof stored !== 'object' ||
    Array.isArray(stored) ||
    stored instanceof Uint8Array
  ) {
    throw new Error('Event metadata stored in KurrentDB is not a JSON object.');
  }
  const { [WRITE_ID_KEY]: writeId, ...metadata } = stored as Record<string, unknown>;
  return {
    metadata: metadata as EventMetadata,
    writeId: typeof writeId === 'string' ? writeId : undefined,
  };
}

// ---- events --------------------------------------------------------------------------------------------------

/**
 * A client event (from readStream or readAll) as our RecordedEvent, or throws when it cannot be one of ours.
 * `namespace` is stripped from the stream name.
 */
export function toRecordedEvent(event: ClientRecordedEvent, namespace: string): RecordedEvent {
  if (!event.isJson) {
    throw new Error(
      `Event ${event.id} in ${event.streamId} is not JSON; this adapter writes JSON only.`,
    );
  }
  if (event.position === undefined) {
    // Stream reads carry positions only from server 22.6 on (client types/events.d.ts); $all reads always do.
    throw new Error(
      `KurrentDB returned event ${event.id} without a log position: the server is older than 22.6, which this adapter needs.`,
    );
  }
  const data: unknown = event.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`Event ${event.id} in ${event.streamId} does not hold a JSON object.`);
  }
  return {
    id: event.id,
    type: event.type,
    data: data as JsonObject,
    metadata: decodeMetadata(event.metadata).metadata,
    streamId: event.streamId.slice(namespace.length),
    streamVersion: versionOfRevision(event.revision),
    globalPosition: event.position.commit,
    checkpoint: formatCheckpoint(event.position),
  };
}

// ---- errors --------------------------------------------------------------------------------------------------

/**
 * Client errors are recognised by their `type` (CommandErrorBase) or gRPC `code`, not by `instanceof`: the class
 * identity is lost when Jest (or two installed copies) load the client twice, the `type` string is not.
 */
const errorType = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
const grpcCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/** Client error types meaning "the server could not serve this now"; retrying (with the same ids) is safe. */
const UNAVAILABLE_TYPES = new Set([
  'unavailable',
  'deadline-exceeded',
  'not-leader',
  'cancelled',
  'timeout',
]);
/**
 * Raw gRPC status codes: appendToStream rejects with an unconverted ServiceError when the channel cannot connect
 * (code 14, not an UnavailableError — tech-notes §1.6 item 3). 1 CANCELLED, 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE.
 */
const UNAVAILABLE_GRPC_CODES = new Set([1, 4, 14]);

export function isUnavailable(error: unknown): boolean {
  const type = errorType(error);
  if (typeof type === 'string') return UNAVAILABLE_TYPES.has(type);
  const code = grpcCode(error);
  return typeof code === 'number' && UNAVAILABLE_GRPC_CODES.has(code);
}

export const isStreamNotFound = (error: unknown): boolean =>
  errorType(error) === 'stream-not-found';

/** The actual state carried by a WrongExpectedVersionError, or undefined for any other error. */
export function wrongExpectedVersionState(error: unknown): CurrentStreamState | undefined {
  if (errorType(error) !== 'wrong-expected-version') return undefined;
  const actual = (error as { actualState?: unknown }).actualState;
  return actual === 'no_stream' || typeof actual === 'bigint' ? actual : undefined;
}

/**
 * Any client error as the port's error: WrongExpectedVersion → StreamVersionConflict, transport trouble →
 * EventStoreUnavailable, the rest unchanged.
 */
export function toPortError(error: unknown, streamId: string, expected?: ExpectedVersion): unknown {
  const actual = wrongExpectedVersionState(error);
  if (actual !== undefined && expected !== undefined) {
    return new StreamVersionConflict(streamId, expected, actualVersionOf(actual));
  }
  if (isUnavailable(error)) {
    const message = (error as { message?: unknown }).message;
    return new EventStoreUnavailable(
      `KurrentDB is unavailable: ${String(message ?? error)}`,
      error,
    );
  }
  return error;
}
