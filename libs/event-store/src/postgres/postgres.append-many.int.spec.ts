import { newEvent } from '../event-store.contract';
import { IdempotencyConflict, StreamVersionConflict } from '../event-store.port';
import { PostgresEventStore } from './postgres.event-store';
import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from './postgres-test-db';

describeWithPostgres('PostgresEventStore.appendMany', ({ connectionString }) => {
  const schema = uniqueTestSchema('es_many');
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await PostgresEventStore.open({ connectionString, schema });
  });
  afterAll(async () => {
    await store.close();
    await dropTestSchema(connectionString, schema);
  });

  it('appends to many streams in one call, each at its expected version, the rest unaffected by a conflict', async () => {
    await store.append('m-old', [newEvent('A', { n: 1 })], { expectedVersion: 'no_stream' });
    const a = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
    const b = [newEvent('C', { n: 3 })];
    const clash = [newEvent('D', { n: 4 })];
    const next = [newEvent('E', { n: 5 })];
    const results = await store.appendMany([
      { streamId: 'm-a', events: a, expectedVersion: 'no_stream' },
      { streamId: 'm-b', events: b, expectedVersion: 0n },
      { streamId: 'm-old', events: clash, expectedVersion: 'no_stream' },
      { streamId: 'm-old-2', events: next, expectedVersion: 3n },
    ]);
    expect(results[0]).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: false });
    expect(results[1]).toMatchObject({ nextExpectedVersion: 1n, alreadyAppended: false });
    expect(results[2]).toBeInstanceOf(StreamVersionConflict);
    expect((results[2] as StreamVersionConflict).actualVersion).toBe(1n);
    expect(results[3]).toBeInstanceOf(StreamVersionConflict);
    const read = await store.readStream('m-a');
    expect(read.events.map((e) => [e.id, e.type, e.streamVersion])).toEqual([
      [a[0]!.id, 'A', 1n],
      [a[1]!.id, 'B', 2n],
    ]);
    expect((await store.readStream('m-old')).version).toBe(1n);
    // Positions follow the request order, so a reader of the log sees each stream's events in order.
    const positions = [...read.events, ...(await store.readStream('m-b')).events].map(
      (e) => e.globalPosition,
    );
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);

    // A retry of the same batch: every stream answers as a single retried append would.
    const retry = await store.appendMany([
      { streamId: 'm-a', events: a, expectedVersion: 'no_stream' },
      { streamId: 'm-b', events: b, expectedVersion: 0n },
      { streamId: 'm-c', events: [newEvent('F', {})], expectedVersion: 'no_stream' },
    ]);
    expect(retry[0]).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: true });
    expect(retry[1]).toMatchObject({ nextExpectedVersion: 1n, alreadyAppended: true });
    expect(retry[2]).toMatchObject({ nextExpectedVersion: 1n, alreadyAppended: false });

    const reused = await store.appendMany([
      { streamId: 'm-d', events: [{ ...b[0]!, data: { n: 99 } }], expectedVersion: 'no_stream' },
    ]);
    expect(reused[0]).toBeInstanceOf(IdempotencyConflict);
    expect((await store.readStream('m-d')).streamExists).toBe(false);
  });

  it('refuses a stream named twice in one call, writing nothing', async () => {
    await expect(
      store.appendMany([
        { streamId: 'twice', events: [newEvent('A', {})], expectedVersion: 'no_stream' },
        { streamId: 'twice', events: [newEvent('B', {})], expectedVersion: 1n },
      ]),
    ).rejects.toThrow(/twice/);
    expect((await store.readStream('twice')).streamExists).toBe(false);
  });
});
