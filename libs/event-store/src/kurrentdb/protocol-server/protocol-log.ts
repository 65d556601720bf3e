/**
 * The semantics of the protocol server: an in-memory KurrentDB log, as small as the adapter needs. Every rule here
 * is taken from documented KurrentDB behaviour, cited inline; nothing is copied from the server's source. What is
 * NOT here (and so only the live tests exercise): scavenging, $maxCount/$maxAge, deletes/tombstones, links and
 * projections, system events, the real dedupe cache behind ANY, clustering, authorisation, subscriptions.
 *
 * Keys used in citations: [KC] = kurrent-io/KurrentDB-Client-NodeJS, [tech-notes] = /work/shared/docs/tech-notes.md.
 */

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  /** 0-based number of the event in its stream [KC docs/api/appending-events.md: the first event is revision 0]. */
  readonly revision: bigint;
  /** Log position; this log never writes legacy multi-record transactions, so commit = prepare for every event. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, the unit of the `created` metadata entry on the wire. */
  readonly createdTicks: bigint;
}

/** The expected-state oneof of AppendReq.Options (`revision` is the 0-based revision of the stream's last event). */
export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** `no_stream` or the revision of the stream's last event. */
export type CurrentState = 'no_stream' | bigint;

export type AppendOutcome =
  | { readonly kind: 'success'; readonly current: CurrentState; readonly position?: bigint }
  | {
      readonly kind: 'wrong_expected_version';
      readonly current: CurrentState;
      readonly expected: ExpectedState;
    };

export interface ReadStreamRequest {
  readonly from: 'start' | 'end' | bigint;
  readonly backwards: boolean;
  readonly count: bigint;
}

/**
 * Where the first event goes. A real log starts after its own system records (epoch, $-streams), so user events never
 * start at 0; positions are byte offsets, so they grow by more than 1 per event. Both are mimicked so that nothing
 * in the adapter can get away with treating a position as a counter.
 */
const FIRST_POSITION = 1024n;
const RECORD_OVERHEAD = 128n;

export class ProtocolLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition = FIRST_POSITION;

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * One append request, applied atomically. Callers are serialised by the single JS thread (the gRPC handler runs
   * this synchronously once the whole client stream has arrived), like KurrentDB's single writer.
   */
  append(
    streamName: string,
    expected: ExpectedState,
    events: readonly ProposedEvent[],
  ): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current: CurrentState = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', current, expected };

    // Expected-state rules [tech-notes §1.2; KC docs/api/appending-events.md]: any = no check; no_stream = the stream
    // must not exist; stream_exists = it must; a revision = the stream's last event must have exactly that revision.
    // Idempotency [same docs; KC types/index.ts StreamState]: re-sending event ids that are already in the stream
    // right after the expected revision is answered with success and the original result, and nothing is written.
    // For `any` the server's check is best effort (a cache); here it is exact, which a real server may not match.
    switch (expected.kind) {
      case 'any':
        return this.replayAnywhere(stream, events) ?? this.write(streamName, stream, events);
      case 'stream_exists':
        if (current === 'no_stream') return wrong;
        return this.replayAnywhere(stream, events) ?? this.write(streamName, stream, events);
      case 'no_stream':
      case 'revision': {
        const expectedCount = expected.kind === 'no_stream' ? 0 : Number(expected.revision) + 1;
        if (expectedCount === stream.length) return this.write(streamName, stream, events);
        return this.replayAt(stream, expectedCount, events) ?? wrong;
      }
    }
  }

  readStream(streamName: string, request: ReadStreamRequest): StoredEvent[] | 'stream_not_found' {
    const stream = this.streams.get(streamName);
    // A stream without events does not exist: the read answers `stream_not_found` [KC readStream.ts doc comment:
    // "throws StreamNotFoundError for missing stream"; tech-notes §1.6].
    if (stream === undefined || stream.length === 0) return 'stream_not_found';
    const count = Number(
      request.count > BigInt(stream.length) ? BigInt(stream.length) : request.count,
    );
    if (request.backwards) {
      const from =
        request.from === 'end' || request.from === 'start'
          ? stream.length - 1
          : Number(request.from);
      const first = Math.min(from, stream.length - 1);
      return first < 0 ? [] : stream.slice(Math.max(0, first - count + 1), first + 1).reverse();
    }
    const start =
      request.from === 'start' ? 0 : request.from === 'end' ? stream.length : Number(request.from);
    return stream.slice(start, start + count);
  }

  /**
   * $all forwards from a position, INCLUSIVE of an event at exactly that position: the client's own test reads
   * `maxCount: 1` from an event's position and expects that same event back [KC packages/test/src/streams/
   * readAll.test.ts "from position"]. (Subscriptions, by contrast, are exclusive [KC docs/api/subscriptions.md].)
   */
  readAllForwards(
    from: 'start' | 'end' | { commit: bigint; prepare: bigint },
    count: bigint,
  ): StoredEvent[] {
    if (from === 'end') return [];
    const start =
      from === 'start'
        ? 0
        : this.all.findIndex(
            (e) =>
              e.position > from.commit ||
              (e.position === from.commit && e.position >= from.prepare),
          );
    if (start < 0) return [];
    return this.all.slice(
      start,
      start + Number(count > BigInt(this.all.length) ? BigInt(this.all.length) : count),
    );
  }

  /** Every event in log order (for assertions in tests). */
  events(): readonly StoredEvent[] {
    return this.all;
  }

  private write(
    streamName: string,
    stream: StoredEvent[],
    events: readonly ProposedEvent[],
  ): AppendOutcome {
    const createdTicks = BigInt(this.clock()) * 10_000n;
    let last: StoredEvent | undefined;
    for (const event of events) {
      last = {
        ...event,
        streamName,
        revision: BigInt(stream.length),
        position: this.nextPosition,
        createdTicks,
      };
      this.nextPosition +=
        RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length);
      stream.push(last);
      this.all.push(last);
    }
    this.streams.set(streamName, stream);
    // An empty append writes nothing and reports the stream as it is, without a position.
    if (last === undefined) {
      return {
        kind: 'success',
        current: stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1),
      };
    }
    // The append's position is the last event's [KurrentDB-Client-Go issue #88, maintainer: "AppendToStream returns
    // the last event's commit position"].
    return { kind: 'success', current: last.revision, position: last.position };
  }

  /** The original outcome if `events` are exactly the events at revisions `at`, `at + 1`, … */
  private replayAt(
    stream: readonly StoredEvent[],
    at: number,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (events.length === 0 || at + events.length > stream.length) return undefined;
    if (!events.every((e, i) => stream[at + i]!.id === e.id)) return undefined;
    const last = stream[at + events.length - 1]!;
    return { kind: 'success', current: last.revision, position: last.position };
  }

  /** For `any`/`stream_exists`: the batch's first id anywhere in the stream, followed by the rest in order. */
  private replayAnywhere(
    stream: readonly StoredEvent[],
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const at = events.length === 0 ? -1 : stream.findIndex((e) => e.id === events[0]!.id);
    return at < 0 ? undefined : this.replayAt(stream, at, events);
  }
}
