import { randomUUID } from 'node:crypto';
// Types only: the client (grpc-js, generated protobufs, a native bridge: ~0.3 s to load) is loaded by `open`, so
// importing @app/event-store costs nothing to code that never talks to KurrentDB.
import type {
  AppendStreamState,
  CurrentStreamState,
  JSONEventData,
  KurrentDBClient,
  Position,
  ReadStreamOptions,
  RecordedEvent as ClientRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { assertExpectedVersion, assertValidBatch, judgeReplay } from '../append-rules';
import { deterministicId } from '../deterministic-id';
import {
  EventStoreUnavailable,
  IdempotencyConflict,
  StreamVersionConflict,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type ReadAllResult,
  type ReadStreamResult,
  type RecordedEvent,
} from '../event-store.port';
import { readLimit } from '../read-options';
import {
  CLAIM_EVENT_TYPE,
  CLAIM_STREAM_PREFIX,
  actualVersionOf,
  assertNoReservedMetadata,
  assertUserStreamId,
  claimStreamName,
  comparePositions,
  decodeMetadata,
  encodeMetadata,
  fromRevisionOf,
  isStreamNotFound,
  isSystemRecord,
  parseCheckpoint,
  toPortError,
  toRecordedEvent,
  toStreamState,
  versionOfRevision,
  wrongExpectedVersionState,
} from './kurrentdb.mapping';

export interface KurrentDbEventStoreOptions {
  /**
   * Prefix put in front of every stream this store writes, and the only streams its readAll returns. Lets tests (or
   * tenants) share one database without seeing each other. Default: none.
   */
  readonly namespace?: string;
  /** Re-reads allowed for an `any` / `stream_exists` append that keeps losing races. Default 20. */
  readonly maxAppendAttempts?: number;
}

export interface KurrentDbConnectionOptions extends KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false` (tech-notes §1.3). */
  readonly connectionString: string;
}

/** Name of the v5-UUID namespace for claim event ids; changing it would make old claims unrecognisable. */
const CLAIM_ID_PURPOSE = 'kurrentdb-event-id-claim';
const DEFAULT_MAX_APPEND_ATTEMPTS = 20;
/** $all page size bounds for readAll: pages skip system and claim events, so a page may yield fewer than asked. */
const MIN_PAGE = 32;
const MAX_PAGE = 1000;

/**
 * EventStore on KurrentDB through `@kurrent/kurrentdb-client` (appends over grpc-js, reads over the client's Rust
 * bridge). Checkpoint = the $all Position as `<commit>:<prepare>`; globalPosition = the commit position.
 *
 * KurrentDB checks expected revisions itself; what it does not give us, the adapter adds (README.md in this folder):
 * - idempotency by event id on the same stream, even after the stream moved on: the stream is read before each append
 *   and the batch judged with the shared `judgeReplay` (cost: one read of the whole stream per append);
 * - "this id is already used by another stream": one small claim stream per event id (`eventid-<id>`), created with
 *   NO_STREAM before the events are written (cost: one extra append per event);
 * - "did I write it or did the server deduplicate my retry": a write id in the metadata, checked by reading the last
 *   event back (cost: one read per append).
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  readonly namespace: string;
  private readonly maxAppendAttempts: number;
  private closed = false;

  /**
   * Over a client the caller owns (and disposes): e.g. one shared with a subscription runner. `open` is the usual way.
   */
  constructor(
    readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
    private readonly ownsClient = false,
  ) {
    this.namespace = options.namespace ?? '';
    if (this.namespace.startsWith('$')) {
      throw new Error(`Namespace ${this.namespace} starts with $, which KurrentDB reserves.`);
    }
    this.maxAppendAttempts = options.maxAppendAttempts ?? DEFAULT_MAX_APPEND_ATTEMPTS;
  }

  /** Loads the client and connects lazily (the first call connects); `close` disposes the client. */
  static async open(options: KurrentDbConnectionOptions): Promise<KurrentDbEventStore> {
    const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
    return new KurrentDbEventStore(
      KurrentDBClient.connectionString(options.connectionString),
      options,
      true,
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.assertOpen();
    assertValidBatch(streamId, events);
    assertUserStreamId(streamId);
    const expected = options.expectedVersion;
    for (const event of events) assertNoReservedMetadata(event.metadata);

    let stream = await this.readWholeStream(streamId);
    let claimed = false;
    for (let attempt = 1; ; attempt++) {
      const replay = replayOf(streamId, events, stream);
      if (replay !== undefined) return replay;
      const current = stream.at(-1)?.streamVersion ?? 0n;
      // Fails early on a version the stream already contradicts; the server re-checks at write time.
      assertExpectedVersion(streamId, expected, current);
      if (!claimed) {
        await this.claimIds(streamId, events);
        claimed = true;
      }

      // `any` and `stream_exists` are sent as the exact revision just read: KurrentDB's idempotency is assured only
      // for an exact expected revision and best effort for ANY (client types/index.ts `StreamState`).
      const loose = expected === 'any' || expected === 'stream_exists';
      const writeId = randomUUID();
      const written = await this.appendEvents(
        streamId,
        events,
        toStreamState(loose ? current : expected),
        writeId,
      );
      if (typeof written === 'object') {
        // Lost a race. If the winner wrote this very batch, that is a replay, not a conflict.
        stream = await this.readWholeStream(streamId);
        if (loose) {
          // The caller did not ask for a particular version: someone else's write is no conflict, try again.
          if (attempt < this.maxAppendAttempts) continue;
          throw new EventStoreUnavailable(
            `Gave up appending to ${streamId} after ${attempt} attempts lost to concurrent writers; retry with the same event ids.`,
          );
        }
        const replayed = replayOf(streamId, events, stream);
        if (replayed !== undefined) return replayed;
        throw new StreamVersionConflict(streamId, expected, actualVersionOf(written.actual));
      }
      return this.confirm(streamId, events, written, writeId);
    }
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: bigint; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    this.assertOpen();
    const limit = readLimit(options.maxCount);
    const from = options.fromVersion ?? 1n;
    if (from <= 1n && options.maxCount === undefined) {
      const events = await this.readWholeStream(streamId);
      const version = events.at(-1)?.streamVersion ?? 0n;
      return { streamExists: version > 0n, version, events };
    }
    // A partial read does not tell the stream's version: ask for the last event too (backwards from the end).
    const name = this.streamName(streamId);
    const [range, last] = await Promise.all([
      this.readRaw(streamId, name, { fromRevision: fromRevisionOf(from), maxCount: limit }),
      this.readRaw(streamId, name, { fromRevision: 'end', direction: 'backwards', maxCount: 1 }),
    ]);
    const events = range.map((e) => toRecordedEvent(e, this.namespace));
    const tail = last[0] === undefined ? 0n : versionOfRevision(last[0].revision);
    const rangeEnd = events.at(-1)?.streamVersion ?? 0n;
    const version = tail > rangeEnd ? tail : rangeEnd;
    return { streamExists: version > 0n, version, events };
  }

  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    this.assertOpen();
    const limit = readLimit(maxCount);
    let after: Position | undefined = checkpoint === null ? undefined : parseCheckpoint(checkpoint);
    const pageSize = Math.min(Math.max(limit + 1, MIN_PAGE), MAX_PAGE);
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await this.readAllPage(after ?? 'start', pageSize);
      const before = after;
      for (const event of page) {
        // Reading $all forwards from a position includes the event at that position (client test
        // packages/test/src/streams/readAll.test.ts "from position"): skip everything up to the checkpoint.
        if (after !== undefined && comparePositions(event.position, after) <= 0) continue;
        after = event.position;
        if (!this.isOwnUserEvent(event.streamId, event.type)) continue;
        events.push(toRecordedEvent(event, this.namespace));
        if (events.length === limit) return { events, checkpoint: events.at(-1)!.checkpoint };
      }
      if (page.length < pageSize || after === before) break;
    }
    return { events, checkpoint: events.at(-1)?.checkpoint ?? checkpoint };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.dispose();
  }

  // ---- append steps ----------------------------------------------------------------------------------------

  /** Writes the batch: the revision of its last event, or the stream's actual state if the expected one was wrong. */
  private async appendEvents(
    streamId: string,
    events: readonly NewEvent[],
    streamState: AppendStreamState,
    writeId: string,
  ): Promise<bigint | { actual: CurrentStreamState }> {
    try {
      const result = await this.client.appendToStream(
        this.streamName(streamId),
        events.map((e) => jsonData(e.id, e.type, e.data, encodeMetadata(e.metadata, writeId))),
        { streamState },
      );
      if (result.success) return result.nextExpectedRevision;
      // Only with `throwOnAppendFailure=false` in the connection string does a conflict come back as a result;
      // the revision is then the current one, −1 for no stream (client append.js).
      const revision = result.nextExpectedRevision;
      return { actual: revision < 0n ? 'no_stream' : revision };
    } catch (error) {
      const actual = wrongExpectedVersionState(error);
      if (actual === undefined) throw toPortError(error, streamId);
      return { actual };
    }
  }

  /**
   * After a successful append: reads the last event back. Our write id there → we wrote it. Another write id → the
   * server recognised the ids and deduplicated (it answers that exactly like a fresh write), so this is a replay of
   * someone else's write and must be judged like one (same content?).
   */
  private async confirm(
    streamId: string,
    events: readonly NewEvent[],
    revision: bigint,
    writeId: string,
  ): Promise<AppendResult> {
    const [last] = await this.readRaw(streamId, this.streamName(streamId), {
      fromRevision: revision,
      maxCount: 1,
    });
    const expectedId = events[events.length - 1]!.id;
    if (last === undefined || last.id !== expectedId) {
      throw new Error(
        `KurrentDB acknowledged the append to ${streamId} at revision ${revision}, but event ${expectedId} is not there.`,
      );
    }
    if (decodeMetadata(last.metadata).writeId === writeId) {
      return resultOf(toRecordedEvent(last, this.namespace), false);
    }
    const replay = replayOf(streamId, events, await this.readWholeStream(streamId));
    if (replay === undefined) {
      throw new Error(
        `KurrentDB deduplicated an append to ${streamId}, but the batch is not in the stream.`,
      );
    }
    return replay;
  }

  /**
   * Makes sure no event id of the batch is used by another stream: creates `eventid-<id>` with NO_STREAM holding our
   * stream id, or reads who created it first. The claim's own event id is derived from (event id, stream id), so
   * concurrent claims for the same stream are deduplicated by the server and claims for another stream conflict.
   */
  private async claimIds(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const owners = await Promise.all(events.map((e) => this.claimId(streamId, e.id)));
    owners.forEach((owner, i) => {
      if (owner !== streamId) {
        throw new IdempotencyConflict(streamId, events[i]!.id, `it belongs to stream ${owner}`);
      }
    });
  }

  private async claimId(streamId: string, eventId: string): Promise<string> {
    const name = claimStreamName(this.namespace, eventId);
    let claimed = false;
    try {
      const claim = jsonData(
        deterministicId(CLAIM_ID_PURPOSE, eventId, streamId),
        CLAIM_EVENT_TYPE,
        {
          streamId,
        },
      );
      claimed = (await this.client.appendToStream(name, claim, { streamState: 'no_stream' }))
        .success;
    } catch (error) {
      if (wrongExpectedVersionState(error) === undefined) throw toPortError(error, streamId);
    }
    if (claimed) return streamId;
    const [first] = await this.readRaw(streamId, name, { maxCount: 1 });
    const owner = (first?.data as { streamId?: unknown } | undefined)?.streamId;
    if (typeof owner !== 'string') throw new Error(`Claim stream ${name} does not name a stream.`);
    return owner;
  }

  // ---- reads -----------------------------------------------------------------------------------------------

  private async readWholeStream(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.readRaw(streamId, this.streamName(streamId), {});
    return events.map((e) => toRecordedEvent(e, this.namespace));
  }

  /** One stream read, collected; a missing stream reads as empty (KurrentDB answers StreamNotFound). */
  private async readRaw(
    streamId: string,
    name: string,
    options: ReadStreamOptions,
  ): Promise<ClientRecordedEvent[]> {
    const events: ClientRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(name, options)) {
        if (resolved.event !== undefined) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toPortError(error, streamId);
    }
    return events;
  }

  private async readAllPage(
    from: Position | 'start',
    maxCount: number,
  ): Promise<(ClientRecordedEvent & { position: Position })[]> {
    const events: (ClientRecordedEvent & { position: Position })[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount })) {
        if (resolved.event !== undefined) events.push(resolved.event);
      }
    } catch (error) {
      throw toPortError(error, '$all');
    }
    return events;
  }

  private isOwnUserEvent(streamName: string, type: string): boolean {
    return (
      !isSystemRecord(streamName, type) &&
      streamName.startsWith(this.namespace) &&
      !streamName.startsWith(this.namespace + CLAIM_STREAM_PREFIX)
    );
  }

  private streamName(streamId: string): string {
    return this.namespace + streamId;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('The KurrentDB event store is closed.');
  }
}

/** The original result if the batch is already in the stream; undefined if it is new; IdempotencyConflict if neither. */
function replayOf(
  streamId: string,
  events: readonly NewEvent[],
  stream: readonly RecordedEvent[],
): AppendResult | undefined {
  const byId = new Map(stream.map((e) => [e.id, e]));
  if (
    judgeReplay(
      streamId,
      events,
      events.map((e) => byId.get(e.id)),
    ) === 'new'
  )
    return undefined;
  return resultOf(byId.get(events[events.length - 1]!.id)!, true);
}

const resultOf = (last: RecordedEvent, alreadyAppended: boolean): AppendResult => ({
  nextExpectedVersion: last.streamVersion,
  lastCheckpoint: last.checkpoint,
  lastGlobalPosition: last.globalPosition,
  alreadyAppended,
});

/** What the client's `jsonEvent` builds (client events/jsonEvent.ts), without loading the client. */
const jsonData = (
  id: string,
  type: string,
  data: JsonObject,
  metadata?: JsonObject,
): JSONEventData => ({ id, type, data, metadata, contentType: 'application/json' });
