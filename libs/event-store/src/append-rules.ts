import { canonicalJson } from './canonical-json';
import {
  IdempotencyConflict,
  StreamVersionConflict,
  type ExpectedVersion,
  type NewEvent,
} from './event-store.port';

/**
 * Rules every adapter applies the same way. The SQL of the PostgreSQL adapter re-states them (it must decide inside
 * one round trip); the in-memory and SQLite adapters call these functions directly.
 */

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Rejects batches that are caller bugs (a plain Error, not a conflict). Ids must be lowercase UUIDs because
 * PostgreSQL stores them as `uuid` and gives them back lowercase: accepting other spellings would make a recorded id
 * differ from the one appended on one store but not on another.
 */
export function assertValidBatch(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.length === 0) throw new Error('Cannot append to an empty stream id.');
  if (events.length === 0) throw new Error(`Cannot append an empty batch to ${streamId}.`);
  const seen = new Set<string>();
  for (const event of events) {
    if (!LOWERCASE_UUID.test(event.id)) {
      throw new Error(`Event id ${event.id} is not a lowercase UUID.`);
    }
    if (seen.has(event.id)) throw new Error(`Event id ${event.id} appears twice in one batch.`);
    seen.add(event.id);
    if (event.type.length === 0) throw new Error(`Event ${event.id} has an empty type.`);
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
      throw new Error(`Event ${event.id} data must be a JSON object.`);
    }
  }
}

/** Whether a stream at `current` (0n = missing) satisfies `expected`. */
export function meetsExpectedVersion(expected: ExpectedVersion, current: bigint): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === 0n) ||
    (expected === 'stream_exists' && current > 0n) ||
    (typeof expected === 'bigint' && expected === current)
  );
}

/** Throws StreamVersionConflict unless a stream at `current` (0n = missing) satisfies `expected`. */
export function assertExpectedVersion(
  streamId: string,
  expected: ExpectedVersion,
  current: bigint,
): void {
  if (!meetsExpectedVersion(expected, current)) {
    throw new StreamVersionConflict(streamId, expected, current);
  }
}

/** What a store already holds under one of the batch's ids. */
export interface StoredEventSummary {
  readonly streamId: string;
  readonly streamVersion: bigint;
  readonly type: string;
  /** Parsed JSON. */
  readonly data: unknown;
}

/**
 * Decides whether a batch is new, an exact replay of an earlier write, or a clash.
 * `stored[i]` is what the store holds under `batch[i].id` (undefined when the id is unused).
 * Returns 'new' or the index (always the last) of the batch event whose stored copy gives the original result.
 * Metadata is not compared: a retry carries a new `recordedAt`.
 */
export function judgeReplay(
  streamId: string,
  batch: readonly NewEvent[],
  stored: readonly (StoredEventSummary | undefined)[],
): 'new' | { readonly lastStored: StoredEventSummary } {
  const found = stored.filter((s): s is StoredEventSummary => s !== undefined);
  if (found.length === 0) return 'new';
  const first = stored[0];
  for (let i = 0; i < batch.length; i++) {
    const event = batch[i]!;
    const existing = stored[i];
    if (existing === undefined) {
      throw new IdempotencyConflict(
        streamId,
        event.id,
        'only part of the batch was written before',
      );
    }
    if (existing.streamId !== streamId) {
      throw new IdempotencyConflict(
        streamId,
        event.id,
        `it belongs to stream ${existing.streamId}`,
      );
    }
    if (
      existing.type !== event.type ||
      canonicalJson(existing.data) !== canonicalJson(event.data)
    ) {
      throw new IdempotencyConflict(
        streamId,
        event.id,
        'the stored event has another type or data',
      );
    }
    // A replay must be the same batch: the same events, consecutive and in the same order.
    if (first === undefined || existing.streamVersion !== first.streamVersion + BigInt(i)) {
      throw new IdempotencyConflict(streamId, event.id, 'the stored events are in another order');
    }
  }
  return { lastStored: stored[batch.length - 1]! };
}
