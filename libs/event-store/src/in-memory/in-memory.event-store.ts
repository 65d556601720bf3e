import { assertExpectedVersion, assertValidBatch, judgeReplay } from '../append-rules';
import {
  EventStoreUnavailable,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type ReadAllResult,
  type ReadStreamResult,
  type RecordedEvent,
} from '../event-store.port';
import { parseDecimalCheckpoint, readLimit } from '../read-options';

/**
 * The reference adapter: plain arrays, used by unit tests and the one-process demo. It is as strict as the durable
 * stores (same contract suite), and copies payloads in and out so callers cannot mutate what was "stored".
 * Checkpoint = the global position as a decimal string.
 */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'memory';
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private closed = false;

  // Every method does its whole job before the first await, so concurrent callers are serialised like transactions.
  // eslint-disable-next-line @typescript-eslint/require-await
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.assertOpen();
    assertValidBatch(streamId, events);
    const replay = judgeReplay(
      streamId,
      events,
      events.map((e) => this.byId.get(e.id)),
    );
    if (replay !== 'new') {
      const original = this.byId.get(events[events.length - 1]!.id)!;
      return resultOf(original, true);
    }

    const stream = this.streams.get(streamId) ?? [];
    assertExpectedVersion(streamId, options.expectedVersion, BigInt(stream.length));

    let last: RecordedEvent | undefined;
    for (const event of events) {
      last = {
        id: event.id,
        type: event.type,
        data: copy(event.data),
        metadata: copy(event.metadata),
        streamId,
        streamVersion: BigInt(stream.length + 1),
        globalPosition: BigInt(this.log.length + 1),
        checkpoint: String(this.log.length + 1),
      };
      stream.push(last);
      this.log.push(last);
      this.byId.set(last.id, last);
    }
    this.streams.set(streamId, stream);
    return resultOf(last!, false);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async readStream(
    streamId: string,
    options: { fromVersion?: bigint; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const from = options.fromVersion ?? 1n;
    const limit = readLimit(options.maxCount);
    const start = from <= 1n ? 0 : Number(from - 1n);
    return {
      streamExists: stream.length > 0,
      version: BigInt(stream.length),
      events: stream.slice(start, start + limit).map(copyRecorded),
    };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    this.assertOpen();
    const after = checkpoint === null ? 0n : parseDecimalCheckpoint(checkpoint);
    const start = Number(after > BigInt(this.log.length) ? BigInt(this.log.length) : after);
    const events = this.log.slice(start, start + readLimit(maxCount)).map(copyRecorded);
    return { events, checkpoint: events.at(-1)?.checkpoint ?? checkpoint };
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('The in-memory event store is closed.');
  }
}

const resultOf = (last: RecordedEvent, alreadyAppended: boolean): AppendResult => ({
  nextExpectedVersion: last.streamVersion,
  lastCheckpoint: last.checkpoint,
  lastGlobalPosition: last.globalPosition,
  alreadyAppended,
});

/** A JSON round trip, as a real store does: drops `undefined`, turns dates into strings, detaches references. */
const copy = <T extends JsonObject>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const copyRecorded = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  data: copy(event.data),
  metadata: copy(event.metadata),
});
