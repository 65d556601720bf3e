import { randomUUID } from 'node:crypto';
import { deterministicId } from './deterministic-id';
import {
  IdempotencyConflict,
  StreamVersionConflict,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port';
import { FoldedStates } from './folded-states';
import { handleCommand, type Decider, type HandleCommandOptions } from './handle-command';

/**
 * The behaviour every adapter must have. Each adapter's spec calls this unchanged; `makeStore` must return an EMPTY,
 * isolated store on every call (the global-log tests count events).
 */
export function eventStoreContract(
  name: string,
  makeStore: () => Promise<EventStore>,
  teardown?: (store: EventStore) => Promise<void>,
): void {
  describe(`${name}: EventStore contract`, () => {
    const opened: EventStore[] = [];
    const open = async (): Promise<EventStore> => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) {
        await store.close();
        await teardown?.(store);
      }
    });

    describe('reading and appending', () => {
      it('reads a missing stream as empty, version 0', async () => {
        const store = await open();
        await expect(store.readStream(streamName())).resolves.toEqual({
          streamExists: false,
          version: 0n,
          events: [],
        });
      });

      it('appends a batch and reads it back in order, with 1-based stream versions', async () => {
        const store = await open();
        const stream = streamName();
        const batch = [
          newEvent('Opened', { n: 1, nested: { list: [1, 'two'] } }),
          newEvent('Noted', { n: 2 }),
        ];

        const result = await store.append(stream, batch, { expectedVersion: 'no_stream' });
        const read = await store.readStream(stream);

        expect(result.nextExpectedVersion).toBe(2n);
        expect(result.alreadyAppended).toBe(false);
        expect(read.streamExists).toBe(true);
        expect(read.version).toBe(2n);
        expect(read.events.map(withoutPositions)).toEqual(
          batch.map((e, i) => ({ ...e, streamId: stream, streamVersion: BigInt(i + 1) })),
        );
        const [first, last] = read.events;
        expect(first!.globalPosition).toBeLessThan(last!.globalPosition);
        expect(result.lastGlobalPosition).toBe(last!.globalPosition);
        expect(result.lastCheckpoint).toBe(last!.checkpoint);

        const next = await store.append(stream, [newEvent('Closed', {})], {
          expectedVersion: result.nextExpectedVersion,
        });
        expect(next.nextExpectedVersion).toBe(3n);
        const again = await store.readStream(stream);
        expect(again.events.map((e) => e.type)).toEqual(['Opened', 'Noted', 'Closed']);
        expect(again.events.map((e) => e.streamVersion)).toEqual([1n, 2n, 3n]);
      });

      it('keeps one global order across streams', async () => {
        const store = await open();
        const [a, b] = [streamName(), streamName()];
        const written: string[] = [];
        for (const stream of [a, b, a, b, a]) {
          const event = newEvent('Happened', { stream });
          await store.append(stream, [event], { expectedVersion: 'any' });
          written.push(event.id);
        }

        const all = await store.readAll(null, 100);

        expect(all.events.map((e) => e.id)).toEqual(written);
        const positions = all.events.map((e) => e.globalPosition);
        expect([...positions].sort(compareBigint)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(new Set(all.events.map((e) => e.checkpoint)).size).toBe(positions.length);
        expect(all.events.filter((e) => e.streamId === a).map((e) => e.streamVersion)).toEqual([
          1n,
          2n,
          3n,
        ]);
      });

      it('returns copies: mutating what was appended or read does not change the store', async () => {
        const store = await open();
        const stream = streamName();
        const event = newEvent('Opened', { list: [1] });
        await store.append(stream, [event], { expectedVersion: 'no_stream' });
        (event.data.list as number[]).push(2);
        const first = await store.readStream(stream);
        (first.events[0]!.data.list as number[]).push(3);

        const second = await store.readStream(stream);

        expect(second.events[0]!.data).toEqual({ list: [1] });
      });

      it('reads part of a stream with fromVersion and maxCount', async () => {
        const store = await open();
        const stream = streamName();
        await store.append(
          stream,
          [1, 2, 3, 4, 5].map((n) => newEvent('Counted', { n })),
          { expectedVersion: 'no_stream' },
        );
        const versions = async (options: { fromVersion?: bigint; maxCount?: number }) => {
          const read = await store.readStream(stream, options);
          expect(read.version).toBe(5n);
          expect(read.streamExists).toBe(true);
          return read.events.map((e) => e.streamVersion);
        };

        await expect(versions({ fromVersion: 3n })).resolves.toEqual([3n, 4n, 5n]);
        await expect(versions({ maxCount: 2 })).resolves.toEqual([1n, 2n]);
        await expect(versions({ fromVersion: 2n, maxCount: 2 })).resolves.toEqual([2n, 3n]);
        await expect(versions({ fromVersion: 6n })).resolves.toEqual([]);
      });

      it('rejects an empty batch as a caller bug, not a conflict', async () => {
        const store = await open();
        const attempt = store.append(streamName(), [], { expectedVersion: 'any' });
        await expect(attempt).rejects.toThrow(/empty/);
        await expect(attempt).rejects.not.toBeInstanceOf(StreamVersionConflict);
        await expect(store.readAll(null, 10)).resolves.toEqual({ events: [], checkpoint: null });
      });
    });

    describe('expected version', () => {
      const existing = async (store: EventStore, events = 2): Promise<string> => {
        const stream = streamName();
        const batch = Array.from({ length: events }, (_, n) => newEvent('Counted', { n }));
        await store.append(stream, batch, { expectedVersion: 'no_stream' });
        return stream;
      };
      const appendOne = (store: EventStore, stream: string, expectedVersion: ExpectedVersion) =>
        store.append(stream, [newEvent('Extra', {})], { expectedVersion });

      it('any: creates a missing stream and appends to an existing one', async () => {
        const store = await open();
        const stream = streamName();
        await expect(appendOne(store, stream, 'any')).resolves.toMatchObject({
          nextExpectedVersion: 1n,
        });
        await expect(appendOne(store, stream, 'any')).resolves.toMatchObject({
          nextExpectedVersion: 2n,
        });
      });

      it('no_stream: creates a missing stream; on an existing one conflicts and writes nothing', async () => {
        const store = await open();
        await expect(appendOne(store, streamName(), 'no_stream')).resolves.toMatchObject({
          nextExpectedVersion: 1n,
        });
        const stream = await existing(store);
        await expectConflict(appendOne(store, stream, 'no_stream'), stream, 'no_stream', 2n);
        expect((await store.readStream(stream)).version).toBe(2n);
      });

      it('stream_exists: conflicts on a missing stream (actual 0) and appends to an existing one', async () => {
        const store = await open();
        const missing = streamName();
        await expectConflict(
          appendOne(store, missing, 'stream_exists'),
          missing,
          'stream_exists',
          0n,
        );
        expect((await store.readStream(missing)).streamExists).toBe(false);
        const stream = await existing(store);
        await expect(appendOne(store, stream, 'stream_exists')).resolves.toMatchObject({
          nextExpectedVersion: 3n,
        });
      });

      it('exact version: appends when right; conflicts when stale or ahead', async () => {
        const store = await open();
        const stream = await existing(store, 3);
        await expectConflict(appendOne(store, stream, 2n), stream, 2n, 3n);
        await expectConflict(appendOne(store, stream, 4n), stream, 4n, 3n);
        await expect(appendOne(store, stream, 3n)).resolves.toMatchObject({
          nextExpectedVersion: 4n,
        });
        await expectConflict(appendOne(store, stream, 3n), stream, 3n, 4n);
        expect((await store.readStream(stream)).version).toBe(4n);
      });

      it('0n means empty: creates a missing stream, conflicts on an existing one', async () => {
        const store = await open();
        await expect(appendOne(store, streamName(), 0n)).resolves.toMatchObject({
          nextExpectedVersion: 1n,
        });
        const stream = await existing(store);
        await expectConflict(appendOne(store, stream, 0n), stream, 0n, 2n);
      });

      it('a missing stream at an exact version > 0 conflicts with actual 0', async () => {
        const store = await open();
        const missing = streamName();
        await expectConflict(appendOne(store, missing, 1n), missing, 1n, 0n);
      });

      it.each<[string, bigint | null]>([
        ['an exact version', 1n],
        ['no_stream', null],
      ])(
        '20 concurrent appends at %s: one wins, 19 conflict, nothing lost or duplicated',
        async (_label, at) => {
          const store = await open();
          const stream = at === null ? streamName() : await existing(store, 1);
          const expectedVersion: ExpectedVersion = at ?? 'no_stream';
          const before = at === null ? 0n : at;
          const contenders = Array.from({ length: 20 }, (_, n) => newEvent('Raced', { n }));
          await warmUp(store, 20);

          const outcomes = await Promise.allSettled(
            contenders.map((event) => store.append(stream, [event], { expectedVersion })),
          );

          const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
          expect(winners).toHaveLength(1);
          const losers = outcomes.flatMap((o): unknown[] =>
            o.status === 'rejected' ? [o.reason] : [],
          );
          expect(losers).toHaveLength(19);
          for (const loser of losers) {
            expect(loser).toBeInstanceOf(StreamVersionConflict);
            expect((loser as StreamVersionConflict).actualVersion).toBe(before + 1n);
          }
          const read = await store.readStream(stream);
          expect(read.version).toBe(before + 1n);
          expect(read.events.at(-1)!.id).toBe(contenders[winners[0]!]!.id);
          const all = await catchUp(store, null, 100, Number(before) + 1);
          expect(all.events).toHaveLength(Number(before) + 1);
        },
      );
    });

    describe('idempotency by event id', () => {
      it('a retried append returns the original result and writes nothing, even after the stream moved on', async () => {
        const store = await open();
        const stream = streamName();
        const batch = [newEvent('Opened', { a: 1, b: 2 }), newEvent('Noted', { text: 'x' })];
        const original = await store.append(stream, batch, { expectedVersion: 'no_stream' });
        // A real retry rebuilds the payload (other key order) and stamps a new recordedAt.
        const retry = batch.map((e) => ({
          ...e,
          data: reverseKeys(e.data),
          metadata: { ...e.metadata, recordedAt: '2031-01-01T00:00:00.000Z' },
        }));
        const replayed: AppendResult = { ...original, alreadyAppended: true };

        await expect(
          store.append(stream, retry, { expectedVersion: 'no_stream' }),
        ).resolves.toEqual(replayed);
        await store.append(stream, [newEvent('Later', {})], { expectedVersion: 2n });
        for (const expectedVersion of ['no_stream', 'any', 'stream_exists', 0n, 2n, 3n] as const) {
          await expect(store.append(stream, retry, { expectedVersion })).resolves.toEqual(replayed);
        }

        const read = await store.readStream(stream);
        expect(read.events.map((e) => e.type)).toEqual(['Opened', 'Noted', 'Later']);
        expect(read.events[0]!.metadata.recordedAt).toBe(batch[0]!.metadata.recordedAt);
        expect((await catchUp(store, null, 100, 3)).events).toHaveLength(3);
      });

      it.each<[string, ExpectedVersion]>([
        ['any', 'any'],
        ['no_stream', 'no_stream'],
      ])(
        'concurrent identical writes (%s) store the batch once and all get the same result',
        async (_label, expectedVersion) => {
          const store = await open();
          const stream = streamName();
          const batch = [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2 })];
          await warmUp(store, 10);

          const results = await Promise.all(
            Array.from({ length: 10 }, () => store.append(stream, batch, { expectedVersion })),
          );

          expect(results.filter((r) => !r.alreadyAppended)).toHaveLength(1);
          const first = results.find((r) => !r.alreadyAppended)!;
          for (const result of results) {
            expect(result).toEqual({ ...first, alreadyAppended: result.alreadyAppended });
          }
          const read = await store.readStream(stream);
          expect(read.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
        },
      );

      it('an id reused for other content, another stream, another order or a partial batch is an IdempotencyConflict', async () => {
        const store = await open();
        const stream = streamName();
        const [a, b] = [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2 })];
        await store.append(stream, [a, b], { expectedVersion: 'no_stream' });
        const other = streamName();
        const fresh = newEvent('Fresh', {});

        await expectIdempotencyConflict(
          store.append(stream, [{ ...a, data: { n: 99 } }, b], { expectedVersion: 'any' }),
          a.id,
        );
        await expectIdempotencyConflict(
          store.append(stream, [a, { ...b, type: 'Renamed' }], { expectedVersion: 'any' }),
          b.id,
        );
        await expectIdempotencyConflict(
          store.append(other, [a, b], { expectedVersion: 'any' }),
          a.id,
        );
        await expectIdempotencyConflict(
          store.append(stream, [a, fresh], { expectedVersion: 'any' }),
          fresh.id,
        );
        await expectIdempotencyConflict(
          store.append(stream, [fresh, b], { expectedVersion: 'any' }),
          fresh.id,
        );
        await expectIdempotencyConflict(
          store.append(stream, [b, a], { expectedVersion: 'any' }),
          undefined,
        );

        expect((await store.readStream(other)).streamExists).toBe(false);
        const all = await catchUp(store, null, 100, 2);
        expect(all.events.map((e) => e.id)).toEqual([a.id, b.id]);
      });
    });

    describe('readAll', () => {
      it('on an empty store returns nothing and the checkpoint it was given', async () => {
        const store = await open();
        await expect(store.readAll(null, 10)).resolves.toEqual({ events: [], checkpoint: null });
      });

      it('catches up in batches from the start and from a checkpoint, each event exactly once, in order', async () => {
        const store = await open();
        const streams = [streamName(), streamName(), streamName()];
        const written: string[] = [];
        for (const [i, size] of [2, 1, 3, 1].entries()) {
          const batch = Array.from({ length: size }, (_, n) => newEvent('Counted', { i, n }));
          await store.append(streams[i % 3]!, batch, { expectedVersion: 'any' });
          written.push(...batch.map((e) => e.id));
        }

        const full = await catchUp(store, null, 3, written.length);

        expect(full.events.map((e) => e.id)).toEqual(written);
        expect(full.batches).toBeGreaterThanOrEqual(3);
        await expect(store.readAll(full.checkpoint, 3)).resolves.toEqual({
          events: [],
          checkpoint: full.checkpoint,
        });

        const middle = full.events[3]!.checkpoint;
        const rest = await catchUp(store, middle, 2, 3);
        expect(rest.events.map((e) => e.id)).toEqual(written.slice(4));

        const more = [newEvent('Later', { n: 1 }), newEvent('Later', { n: 2 })];
        await store.append(streams[0]!, more, { expectedVersion: 'any' });
        const tail = await catchUp(store, full.checkpoint, 10, 2);
        expect(tail.events.map((e) => e.id)).toEqual(more.map((e) => e.id));
        expect(tail.checkpoint).toBe(tail.events.at(-1)!.checkpoint);
      });
    });

    describe.each([
      ['reading whole streams', () => undefined],
      ['with folded states kept', () => new FoldedStates<CounterState>()],
    ])('handleCommand, %s', (_mode, keep: () => FoldedStates<CounterState> | undefined) => {
      const now = new Date('2025-03-04T05:06:07.000Z');
      const options = { actor: 'user-1', now };
      let states: FoldedStates<CounterState> | undefined;
      beforeEach(() => {
        states = keep();
      });
      const run = (
        store: EventStore,
        stream: string,
        decider: typeof counter,
        command: CounterCommand,
        opts: HandleCommandOptions,
      ) => handleCommand(store, stream, decider, command, opts, states);

      it('folds the stream, decides, and appends with metadata', async () => {
        const store = await open();
        const stream = streamName();

        const first = await run(store, stream, counter, add(3), {
          ...options,
          correlationId: 'corr-1',
        });
        const second = await run(store, stream, counter, add(4), options);

        expect(first.events).toHaveLength(1);
        expect(first.events[0]).toMatchObject({
          type: 'Added',
          data: { amount: 3 },
          streamId: stream,
          streamVersion: 1n,
          metadata: {
            actor: 'user-1',
            recordedAt: now.toISOString(),
            correlationId: 'corr-1',
            causationId: 'corr-1',
            schemaVersion: 1,
          },
        });
        expect(first).toMatchObject({ nextExpectedVersion: 1n, state: { total: 3 } });
        expect(second).toMatchObject({ nextExpectedVersion: 2n, state: { total: 7 } });
        expect(second.alreadyAppended).toBe(false);
        // Without an idempotency key the ids are version-7 UUIDs: their leading 48 bits, the millisecond they were
        // made in, never go back (see newEventId).
        const [one, two] = [first.events[0]!.id, second.events[0]!.id];
        for (const id of [one, two])
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
        expect(one.slice(0, 13) <= two.slice(0, 13)).toBe(true);
        const read = await store.readStream(stream);
        expect(read.events).toEqual([...first.events, ...second.events]);
        await expect(run(store, stream, counter, add(4), options)).rejects.toThrow('LIMIT');
        expect((await store.readStream(stream)).version).toBe(2n);
      });

      it('returns several decided events as recorded, and appends nothing for no decision', async () => {
        const store = await open();
        const stream = streamName();

        const result = await run(store, stream, counter, add(8), options);
        const nothing = await run(store, streamName(), counter, add(0), options);

        expect(result.events.map((e) => [e.data, e.streamVersion])).toEqual([
          [{ amount: 5 }, 1n],
          [{ amount: 3 }, 2n],
        ]);
        expect(result.events).toEqual((await store.readStream(stream)).events);
        expect(result.state).toEqual({ total: 8 });
        expect(nothing).toEqual({
          events: [],
          nextExpectedVersion: 0n,
          state: { total: 0 },
          alreadyAppended: false,
        });
        expect((await catchUp(store, null, 100, 2)).events).toHaveLength(2);
      });

      it('re-reads and retries after a concurrent write', async () => {
        const real = await open();
        const stream = streamName();
        const store = interfering(real, 1);

        const result = await run(store, stream, counter, add(2), options);

        expect(store.reads()).toBe(2);
        expect(result.state).toEqual({ total: 3 });
        expect(result.nextExpectedVersion).toBe(2n);
        const read = await real.readStream(stream);
        expect(read.events.map((e) => e.data)).toEqual([{ amount: 1 }, { amount: 2 }]);
      });

      it('gives up after maxRetries conflicts and rethrows the conflict', async () => {
        const real = await open();
        const stream = streamName();
        const store = interfering(real, Infinity);

        const attempt = run(store, stream, counter, add(2), {
          ...options,
          maxRetries: 2,
        });

        await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflict);
        expect(store.reads()).toBe(3);
        const read = await real.readStream(stream);
        expect(read.events.map((e) => e.data)).toEqual([
          { amount: 1 },
          { amount: 1 },
          { amount: 1 },
        ]);
      });

      it('replays an idempotency key: the original result, nothing appended, the decider not consulted', async () => {
        const store = await open();
        const stream = streamName();
        const keyed = { ...options, idempotencyKey: 'key-1' };

        const original = await run(store, stream, counter, add(8), keyed);
        await run(store, stream, counter, add(1), options);
        // The decider would now refuse (8 + 8 > 10): a replay must not ask it.
        const replay = await run(store, stream, counter, add(8), {
          ...keyed,
          now: new Date('2025-03-05T00:00:00.000Z'),
        });

        expect(original.events.map((e) => e.id)).toEqual([
          deterministicId(stream, 'user-1', 'key-1', '0'),
          deterministicId(stream, 'user-1', 'key-1', '1'),
        ]);
        expect(replay).toEqual({ ...original, alreadyAppended: true });
        expect((await store.readStream(stream)).version).toBe(3n);

        const otherActor = await run(store, stream, counter, add(1), {
          ...keyed,
          actor: 'user-2',
        });
        expect(otherActor.alreadyAppended).toBe(false);
        expect(otherActor.nextExpectedVersion).toBe(4n);
      });

      it('concurrent runs of one keyed command append it once and return the same events', async () => {
        const store = await open();
        const stream = streamName();
        const keyed = { ...options, idempotencyKey: 'key-2' };

        const results = await Promise.all(
          Array.from({ length: 5 }, () => run(store, stream, counter, add(7), keyed)),
        );

        const ids = results.map((r) => r.events.map((e) => e.id));
        for (const r of ids) expect(r).toEqual(ids[0]);
        expect(results.filter((r) => !r.alreadyAppended)).toHaveLength(1);
        for (const r of results) expect(r.state).toEqual({ total: 7 });
        expect((await store.readStream(stream)).events.map((e) => e.id)).toEqual(ids[0]);
      });
    });

    describe('handleCommand with folded states kept', () => {
      const options = { actor: 'user-1', now: new Date('2025-03-04T05:06:07.000Z') };

      it('reads only the events after the version kept, and folds in what another writer appended', async () => {
        const real = await open();
        const stream = streamName();
        const froms: (bigint | undefined)[] = [];
        const store: EventStore = {
          kind: real.kind,
          append: (...args) => real.append(...args),
          readAll: (...args) => real.readAll(...args),
          close: () => real.close(),
          readStream: (streamId, opts) => {
            // Not the read-back of an appended batch (for its positions), which asks for a count.
            if (opts?.maxCount === undefined) froms.push(opts?.fromVersion);
            return real.readStream(streamId, opts);
          },
        };
        const states = new FoldedStates<CounterState>();

        await handleCommand(store, stream, counter, add(2), options, states);
        await handleCommand(store, stream, counter, add(6), options, states);
        // Another writer, not through these states.
        await real.append(stream, [newEvent('Added', { amount: 1 })], { expectedVersion: 3n });
        const last = await handleCommand(store, stream, counter, add(1), options, states);

        // Whole stream once, then from the version after the one kept (3 = two commands' three events).
        expect(froms).toEqual([undefined, 2n, 4n]);
        expect(last).toMatchObject({ nextExpectedVersion: 5n, state: { total: 10 } });
        expect(states.get(stream)).toMatchObject({ version: 5n, state: { total: 10 } });
        expect(states.get(stream)!.eventIds).toEqual(
          (await real.readStream(stream)).events.map((e) => e.id),
        );
        await expect(
          handleCommand(store, stream, counter, add(1), options, states),
        ).rejects.toThrow('LIMIT');
        expect((await real.readStream(stream)).version).toBe(5n);
      });
    });
  });
}

// ---- helpers -------------------------------------------------------------------------------------------------

const streamName = (): string => `test-${randomUUID()}`;

export function newEvent(type: string, data: JsonObject, id: string = randomUUID()): NewEvent {
  return {
    id,
    type,
    data,
    metadata: {
      recordedAt: '2025-01-01T00:00:00.000Z',
      actor: 'tester',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  };
}

const withoutPositions = ({
  globalPosition: _g,
  checkpoint: _c,
  ...rest
}: RecordedEvent): Omit<RecordedEvent, 'globalPosition' | 'checkpoint'> => rest;

/** Opens pooled connections beforehand, so concurrent writes overlap in the database instead of queueing on connects. */
const warmUp = async (store: EventStore, connections: number): Promise<void> => {
  await Promise.all(Array.from({ length: connections }, () => store.readStream('warm-up')));
};

const compareBigint = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

const reverseKeys = (data: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(data).reverse());

async function expectConflict(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedVersion,
  actualVersion: bigint,
): Promise<void> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamVersionConflict);
  expect(error).toMatchObject({ streamId, expected, actualVersion, code: 'CONFLICT' });
}

async function expectIdempotencyConflict(
  attempt: Promise<unknown>,
  eventId: string | undefined,
): Promise<void> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdempotencyConflict);
  if (eventId !== undefined) expect(error).toMatchObject({ eventId });
}

/**
 * Reads the global log in batches until `expected` events have arrived, then once more to see the end. PostgreSQL
 * holds back events while any older transaction in the cluster is still open (another test file, say), so an empty
 * batch before `expected` is reached means "wait", not "done".
 */
export async function catchUp(
  store: EventStore,
  from: string | null,
  batchSize: number,
  expected: number,
  timeoutMs = 5_000,
): Promise<{ events: RecordedEvent[]; checkpoint: string | null; batches: number }> {
  const events: RecordedEvent[] = [];
  let checkpoint = from;
  let batches = 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await store.readAll(checkpoint, batchSize);
    expect(read.events.length).toBeLessThanOrEqual(batchSize);
    if (read.events.length === 0) {
      expect(read.checkpoint).toBe(checkpoint);
      if (events.length >= expected || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    batches++;
    events.push(...read.events);
    expect(read.checkpoint).toBe(read.events.at(-1)!.checkpoint);
    checkpoint = read.checkpoint;
  }
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  return { events, checkpoint, batches };
}

// ---- a tiny decider, for handleCommand only -------------------------------------------------------------------

type CounterCommand = { readonly type: 'Add'; readonly amount: number };
type CounterEvent = { readonly type: 'Added'; readonly data: { readonly amount: number } };
type CounterState = { readonly total: number };

const add = (amount: number): CounterCommand => ({ type: 'Add', amount });
const added = (amount: number): CounterEvent => ({ type: 'Added', data: { amount } });

/** Refuses to pass 10; splits amounts above 5 into two events; returns a single event (not a list) otherwise. */
const counter: Decider<CounterCommand, CounterState, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: (command, state) => {
    if (state.total + command.amount > 10) throw new Error('LIMIT');
    if (command.amount === 0) return [];
    if (command.amount > 5) return [added(5), added(command.amount - 5)];
    return added(command.amount);
  },
};

/**
 * The real store with a concurrent writer slipped in: after each of the first `times` stream reads, another writer
 * appends `Added 1`, so the caller's expected version is stale by the time it appends.
 */
function interfering(store: EventStore, times: number): EventStore & { reads(): number } {
  let reads = 0;
  return {
    kind: store.kind,
    reads: () => reads,
    append: (...args) => store.append(...args),
    readAll: (...args) => store.readAll(...args),
    close: () => store.close(),
    async readStream(streamId, options) {
      const result = await store.readStream(streamId, options);
      if (reads++ < times) {
        await store.append(streamId, [newEvent('Added', { amount: 1 })], {
          expectedVersion: 'any',
        });
      }
      return result;
    },
  };
}
