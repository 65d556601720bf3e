import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllResult,
  ReadStreamResult,
} from '@app/event-store';

/**
 * An event store whose `readAll` starts reading the next page as soon as it returns a full one, so reading the log
 * (a round trip and row decoding on PostgreSQL) overlaps with what the caller does with the page it has. Used by a
 * rebuild, which reads the whole log in order. A page read ahead is used only when asked for at exactly its
 * checkpoint and size; it reflects the log when it was read, as any read does. `close` does not close the inner
 * store (it belongs to the caller).
 */
export class ReadAheadStore implements EventStore {
  readonly kind: string;
  private ahead: {
    readonly checkpoint: string;
    readonly maxCount: number;
    readonly result: Promise<ReadAllResult>;
  } | null = null;

  constructor(private readonly inner: EventStore) {
    this.kind = inner.kind;
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    return this.inner.append(streamId, events, options);
  }

  readStream(
    streamId: string,
    options?: { fromVersion?: bigint; maxCount?: number },
  ): Promise<ReadStreamResult> {
    return this.inner.readStream(streamId, options);
  }

  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    const ahead = this.ahead;
    this.ahead = null;
    const result =
      ahead !== null && ahead.checkpoint === checkpoint && ahead.maxCount === maxCount
        ? await ahead.result
        : await this.inner.readAll(checkpoint, maxCount);
    if (result.events.length === maxCount && result.checkpoint !== null) {
      const next = this.inner.readAll(result.checkpoint, maxCount);
      // A failure is reported to whoever asks for that page; an unclaimed page must not crash the process.
      next.catch(() => undefined);
      this.ahead = { checkpoint: result.checkpoint, maxCount, result: next };
    }
    return result;
  }

  async close(): Promise<void> {
    const ahead = this.ahead;
    this.ahead = null;
    await ahead?.result.catch(() => undefined);
  }
}
