import { newEventId } from './event-id';
import { deterministicId } from './deterministic-id';
import type { FoldedStates, FoldedStream } from './folded-states';
import {
  StreamVersionConflict,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port';

/** What `decide` returns and `evolve` folds: the domain's view of an event, without store metadata. */
export interface DecidedEvent {
  readonly type: string;
  readonly data: object;
}

/** Structurally the domain's Decider; `decide` may also return a single event. */
export interface Decider<C, S, E extends DecidedEvent> {
  decide(command: C, state: S): readonly E[] | E;
  evolve(state: S, event: E): S;
  initialState(): S;
}

export interface HandleCommandOptions {
  /** Who acts (token subject); recorded in metadata and part of deterministic ids. */
  readonly actor: string;
  /** The caller's clock reading, recorded as `recordedAt`; never read here, so tests stay deterministic. */
  readonly now: Date;
  /** Makes event ids deterministic, so a retried command appends nothing and returns the first result. */
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Schema version of the payloads written. Default 1. */
  readonly schemaVersion?: number;
  /** Retries after a StreamVersionConflict (re-read, re-decide). Default 3. */
  readonly maxRetries?: number;
}

export interface HandleCommandResult<S> {
  /** The events appended, or for a replayed idempotency key the events the first attempt appended. */
  readonly events: readonly RecordedEvent[];
  readonly nextExpectedVersion: bigint;
  /** State after these events. */
  readonly state: S;
  /** True when nothing was written because this command (idempotency key) had already been handled. */
  readonly alreadyAppended: boolean;
}

const DEFAULT_RETRIES = 3;

/**
 * Read → fold → decide → append with the version read, retrying on a concurrent write. Errors from `decide`
 * (DomainError) and IdempotencyConflict propagate unchanged; after the last retry the conflict is rethrown.
 *
 * `states`: folded states kept between commands (see FoldedStates); with it, a command reads only the events after
 * the version kept, and keeps what it folded and appended for the next one. Without it, every command reads and folds
 * the whole stream. The outcome is the same either way.
 */
export async function handleCommand<C, S, E extends DecidedEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, E>,
  command: C,
  options: HandleCommandOptions,
  states?: FoldedStates<S>,
): Promise<HandleCommandResult<S>> {
  const maxRetries = options.maxRetries ?? DEFAULT_RETRIES;
  const idFor = (i: number): string =>
    options.idempotencyKey === undefined
      ? newEventId()
      : deterministicId(streamId, options.actor, options.idempotencyKey, String(i));

  for (let attempt = 0; ; attempt++) {
    const read = await readFolded(store, streamId, decider, states);
    // Never the events themselves: they may carry decrypted personal data.
    states?.set(streamId, { version: read.version, state: read.state, eventIds: read.eventIds });
    if (options.idempotencyKey !== undefined) {
      // Before deciding: a retried command must get its first answer even if the decider would now refuse it.
      const replay = findReplay(read.eventIds, idFor);
      if (replay !== undefined) {
        const events = read.events ?? (await store.readStream(streamId)).events;
        return replayResult(decider, events, replay);
      }
    }

    const state = read.state;
    const decided = decider.decide(command, state);
    const domainEvents: readonly E[] = isEventList(decided) ? decided : [decided];
    if (domainEvents.length === 0) {
      return { events: [], nextExpectedVersion: read.version, state, alreadyAppended: false };
    }

    const ids = domainEvents.map((_, i) => idFor(i));
    // Without a caller-supplied correlation id, the batch is correlated by its first event's id.
    const correlationId = options.correlationId ?? ids[0]!;
    const newEvents = domainEvents.map((event, i) =>
      toNewEvent(event, ids[i]!, correlationId, options),
    );
    try {
      const result = await store.append(streamId, newEvents, {
        expectedVersion: read.version === 0n ? 'no_stream' : read.version,
      });
      if (result.alreadyAppended) {
        // A concurrent run of the same command (same idempotency key) wrote first: answer with what it wrote.
        states?.delete(streamId);
        const reread = await store.readStream(streamId);
        const replay = findReplay(
          reread.events.map((e) => e.id),
          idFor,
        );
        if (replay !== undefined) return replayResult(decider, reread.events, replay);
      }
      const recorded = await recordedOf(store, streamId, newEvents, result);
      const after = fold(decider, recorded, state);
      if (!result.alreadyAppended) {
        states?.set(streamId, {
          version: result.nextExpectedVersion,
          state: after,
          eventIds: [...read.eventIds, ...ids],
        });
      }
      return {
        events: recorded,
        nextExpectedVersion: result.nextExpectedVersion,
        state: after,
        alreadyAppended: result.alreadyAppended,
      };
    } catch (error) {
      if (!(error instanceof StreamVersionConflict) || attempt >= maxRetries) throw error;
      await pause(attempt);
    }
  }
}

/** The stream folded; `events` only when it was read whole (not from a kept state). */
interface ReadFolded<S> extends FoldedStream<S> {
  readonly events?: readonly RecordedEvent[];
}

/** The stream's state now: from the kept state and the events after it, or from the whole stream. */
async function readFolded<C, S, E extends DecidedEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, E>,
  states: FoldedStates<S> | undefined,
): Promise<ReadFolded<S>> {
  const known = states?.get(streamId);
  if (known) {
    const tail = await store.readStream(streamId, { fromVersion: known.version + 1n });
    // The events follow on from the version kept (a store that lost events since is read whole instead).
    if (tail.version === known.version + BigInt(tail.events.length)) {
      if (tail.events.length === 0) return known;
      return {
        version: tail.version,
        state: fold(decider, tail.events, known.state),
        eventIds: [...known.eventIds, ...tail.events.map((e) => e.id)],
      };
    }
    states!.delete(streamId);
  }
  const stream = await store.readStream(streamId);
  return {
    version: stream.version,
    state: fold(decider, stream.events),
    eventIds: stream.events.map((e) => e.id),
    events: stream.events,
  };
}

function fold<C, S, E extends DecidedEvent>(
  decider: Decider<C, S, E>,
  events: readonly RecordedEvent[],
  from: S = decider.initialState(),
): S {
  // The store holds what `decide` produced, so the cast only restores the type the decider gave it.
  return events.reduce(
    (state, e) => decider.evolve(state, { type: e.type, data: e.data } as E),
    from,
  );
}

const isEventList = <E>(decided: readonly E[] | E): decided is readonly E[] =>
  Array.isArray(decided);

function toNewEvent(
  event: DecidedEvent,
  id: string,
  correlationId: string,
  options: HandleCommandOptions,
): NewEvent {
  return {
    id,
    type: event.type,
    // A JSON round trip: what the store will hold (no undefined, dates as strings), so every adapter sees the same.
    data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
    metadata: {
      recordedAt: options.now.toISOString(),
      actor: options.actor,
      correlationId,
      causationId: options.causationId ?? correlationId,
      schemaVersion: options.schemaVersion ?? 1,
    },
  };
}

/** Where a first attempt's events are: consecutive stream events whose ids are deterministic ids 0, 1, 2, … */
function findReplay(
  eventIds: readonly string[],
  idFor: (i: number) => string,
): { start: number; count: number } | undefined {
  // The first id is derived once (a hash), not once per event of the stream.
  const start = eventIds.indexOf(idFor(0));
  if (start < 0) return undefined;
  let count = 1;
  while (eventIds[start + count] === idFor(count)) count++;
  return { start, count };
}

function replayResult<C, S, E extends DecidedEvent>(
  decider: Decider<C, S, E>,
  events: readonly RecordedEvent[],
  replay: { start: number; count: number },
): HandleCommandResult<S> {
  const upToReplay = events.slice(0, replay.start + replay.count);
  const original = upToReplay.slice(replay.start);
  return {
    events: original,
    nextExpectedVersion: original.at(-1)!.streamVersion,
    state: fold(decider, upToReplay),
    alreadyAppended: true,
  };
}

/** The recorded form of what was appended. One event is rebuilt from the result; a batch is read back for positions. */
async function recordedOf(
  store: EventStore,
  streamId: string,
  appended: readonly NewEvent[],
  result: { nextExpectedVersion: bigint; lastGlobalPosition: bigint; lastCheckpoint: string },
): Promise<readonly RecordedEvent[]> {
  const [only] = appended;
  if (appended.length === 1 && only !== undefined) {
    return [
      {
        ...only,
        streamId,
        streamVersion: result.nextExpectedVersion,
        globalPosition: result.lastGlobalPosition,
        checkpoint: result.lastCheckpoint,
      },
    ];
  }
  const fromVersion = result.nextExpectedVersion - BigInt(appended.length) + 1n;
  const read = await store.readStream(streamId, { fromVersion, maxCount: appended.length });
  return read.events;
}

/** A few milliseconds, growing and jittered, so writers that collided do not collide again in lockstep. */
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, (attempt + 1) * 5 + Math.random() * 10));
