import { createServer } from 'node:net';
import { KurrentDBClient, jsonEvent, type AppendStreamState } from '@kurrent/kurrentdb-client';
import { eventStoreContract, newEvent } from '../event-store.contract';
import {
  EventStoreUnavailable,
  IdempotencyConflict,
  StreamVersionConflict,
  type EventStore,
  type NewEvent,
} from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb.event-store';
import { CLAIM_STREAM_PREFIX, WRITE_ID_KEY, toPortError } from './kurrentdb.mapping';
import { KurrentDbProtocolServer } from './protocol-server/kurrentdb-protocol-server';

/**
 * These tests run the real adapter and the real client (grpc-js for appends, the Rust bridge for reads) over a real
 * loopback socket against an in-process gRPC server whose rules WE wrote (protocol-server/protocol-log.ts). They
 * prove the adapter's use of the client and the wire format; they do not prove KurrentDB's own semantics — that is
 * what kurrentdb.event-store.live.int.spec.ts is for.
 */
describe('KurrentDB adapter — protocol tests (in-process gRPC server, real client over a real socket)', () => {
  // One fresh server (an empty log) per store, as the contract requires.
  const servers = new Map<EventStore, KurrentDbProtocolServer>();
  const open = async (): Promise<{
    store: KurrentDbEventStore;
    server: KurrentDbProtocolServer;
  }> => {
    const server = await KurrentDbProtocolServer.start();
    const store = await KurrentDbEventStore.open({ connectionString: server.connectionString });
    servers.set(store, server);
    return { store, server };
  };
  const stop = async (store: EventStore): Promise<void> => {
    await servers.get(store)?.stop();
    servers.delete(store);
  };

  eventStoreContract('kurrentdb (protocol server)', async () => (await open()).store, stop);

  describe('specifics', () => {
    let store: KurrentDbEventStore;
    let server: KurrentDbProtocolServer;
    beforeEach(async () => {
      ({ store, server } = await open());
    });
    afterEach(async () => {
      await store.close();
      await stop(store);
    });

    it('stores data and metadata as JSON, with one claim stream per event id hidden from readAll', async () => {
      const event = newEvent('Opened', { n: 1 });
      const result = await store.append('case-1', [event], { expectedVersion: 'no_stream' });

      const written = server.log.events();
      expect(written.map((e) => e.streamName)).toEqual([
        `${CLAIM_STREAM_PREFIX}${event.id}`,
        'case-1',
      ]);
      const stored = written[1]!;
      expect(stored).toMatchObject({
        id: event.id,
        type: 'Opened',
        contentType: 'application/json',
      });
      expect(JSON.parse(Buffer.from(stored.data).toString('utf8'))).toEqual({ n: 1 });
      const { [WRITE_ID_KEY]: writeId, ...metadata } = JSON.parse(
        Buffer.from(stored.customMetadata).toString('utf8'),
      ) as Record<string, unknown>;
      expect(metadata).toEqual(event.metadata);
      expect(typeof writeId).toBe('string');
      expect(result).toEqual({
        nextExpectedVersion: 1n,
        lastGlobalPosition: stored.position,
        lastCheckpoint: `${stored.position}:${stored.position}`,
        alreadyAppended: false,
      });
      await expect(store.readAll(null, 10)).resolves.toMatchObject({ events: [{ id: event.id }] });
    });

    it('a namespace isolates stores sharing one server', async () => {
      const a = await KurrentDbEventStore.open({
        connectionString: server.connectionString,
        namespace: 'a.',
      });
      const b = await KurrentDbEventStore.open({
        connectionString: server.connectionString,
        namespace: 'b.',
      });
      try {
        const event = newEvent('Opened', {});
        await a.append('case-1', [event], { expectedVersion: 'no_stream' });
        await b.append('case-1', [newEvent('Other', {})], { expectedVersion: 'no_stream' });
        // The same id in another namespace is not "another stream": namespaces do not see each other.
        await b.append('case-2', [event], { expectedVersion: 'no_stream' });

        expect(
          server.log
            .events()
            .filter((e) => !e.streamName.includes(CLAIM_STREAM_PREFIX))
            .map((e) => e.streamName),
        ).toEqual(['a.case-1', 'b.case-1', 'b.case-2']);
        const fromA = await a.readAll(null, 10);
        expect(fromA.events.map((e) => [e.streamId, e.type])).toEqual([['case-1', 'Opened']]);
        expect((await b.readStream('case-1')).events.map((e) => e.type)).toEqual(['Other']);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('skips events of streams and types starting with $ in readAll', async () => {
      const client = KurrentDBClient.connectionString(server.connectionString);
      try {
        await client.appendToStream('$stats-node', jsonEvent({ type: 'Stats', data: {} }));
        await client.appendToStream('case-9', jsonEvent({ type: '$metadata', data: {} }));
      } finally {
        await client.dispose();
      }
      const mine = newEvent('Opened', {});
      await store.append('case-1', [mine], { expectedVersion: 'any' });

      const all = await store.readAll(null, 10);

      expect(all.events.map((e) => e.id)).toEqual([mine.id]);
    });

    it('readAll pages past long runs of events it hides', async () => {
      const client = KurrentDBClient.connectionString(server.connectionString);
      try {
        const noise = Array.from({ length: 70 }, () => jsonEvent({ type: '$noise', data: {} }));
        await client.appendToStream('$noise', noise);
      } finally {
        await client.dispose();
      }
      const mine = [newEvent('A', {}), newEvent('B', {})];
      await store.append('case-1', mine, { expectedVersion: 'no_stream' });

      const first = await store.readAll(null, 1);
      const second = await store.readAll(first.checkpoint, 1);
      const rest = await store.readAll(second.checkpoint, 1);

      expect([...first.events, ...second.events].map((e) => e.id)).toEqual(mine.map((e) => e.id));
      expect(rest).toEqual({ events: [], checkpoint: second.checkpoint });
    });

    describe('races, made deterministic by letting another writer in just before the adapter appends', () => {
      let other: KurrentDBClient;
      beforeEach(() => {
        other = KurrentDBClient.connectionString(server.connectionString);
      });
      afterEach(() => other.dispose());
      const writeAsOther = (events: readonly NewEvent[], streamState: AppendStreamState) => () =>
        other
          .appendToStream(
            'case-1',
            events.map((e) =>
              jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }),
            ),
            { streamState },
          )
          .then(() => undefined);

      it('the server deduplicates our ids (same expected revision): reported as a replay, nothing written twice', async () => {
        const batch = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
        beforeNextAppend(store, 'case-1', writeAsOther(batch, 'no_stream'));

        const result = await store.append('case-1', batch, { expectedVersion: 'no_stream' });

        expect(result).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: true });
        expect((await store.readStream('case-1')).events.map((e) => e.id)).toEqual(
          batch.map((e) => e.id),
        );
      });

      it('the server deduplicates our ids but the other write had other content: IdempotencyConflict', async () => {
        const batch = [newEvent('A', { n: 1 })];
        beforeNextAppend(
          store,
          'case-1',
          writeAsOther([{ ...batch[0]!, data: { n: 2 } }], 'no_stream'),
        );

        await expect(
          store.append('case-1', batch, { expectedVersion: 'no_stream' }),
        ).rejects.toBeInstanceOf(IdempotencyConflict);
      });

      it('a conflict caused by a writer who wrote this very batch is a replay, not a conflict', async () => {
        const batch = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
        beforeNextAppend(store, 'case-1', async () => {
          await writeAsOther([newEvent('X', {})], 'no_stream')();
          await writeAsOther(batch, 0n)();
        });

        const result = await store.append('case-1', batch, { expectedVersion: 'no_stream' });

        expect(result).toMatchObject({ nextExpectedVersion: 3n, alreadyAppended: true });
      });

      it('any: re-reads and appends again after losing a race', async () => {
        beforeNextAppend(store, 'case-1', writeAsOther([newEvent('X', {})], 'any'));

        const result = await store.append('case-1', [newEvent('A', {})], {
          expectedVersion: 'any',
        });

        expect(result).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: false });
        expect((await store.readStream('case-1')).events.map((e) => e.type)).toEqual(['X', 'A']);
      });

      it('any: gives up with EventStoreUnavailable after maxAppendAttempts lost races', async () => {
        const impatient = await KurrentDbEventStore.open({
          connectionString: server.connectionString,
          maxAppendAttempts: 2,
        });
        try {
          beforeNextAppend(
            impatient,
            'case-1',
            () => writeAsOther([newEvent('X', {})], 'any')(),
            Infinity,
          );
          await expect(
            impatient.append('case-1', [newEvent('A', {})], { expectedVersion: 'any' }),
          ).rejects.toBeInstanceOf(EventStoreUnavailable);
        } finally {
          await impatient.close();
        }
      });
    });

    it('maps conflicts the same when the client is told not to throw on append failure', async () => {
      const lenient = await KurrentDbEventStore.open({
        connectionString: `${server.connectionString}&throwOnAppendFailure=false`,
      });
      try {
        await lenient.append('case-1', [newEvent('A', {})], { expectedVersion: 'no_stream' });
        const stale = lenient.append('case-1', [newEvent('B', {})], {
          expectedVersion: 'no_stream',
        });
        await expect(stale).rejects.toBeInstanceOf(StreamVersionConflict);
        await expect(stale).rejects.toMatchObject({ actualVersion: 1n });
        // The early check is skipped when the pre-read is stale; here the server has to say no.
        beforeNextAppend(lenient, 'case-1', async () => {
          const { type, data, metadata } = newEvent('X', {});
          await lenient.client.appendToStream('case-1', jsonEvent({ type, data, metadata }));
        });
        const raced = lenient.append('case-1', [newEvent('C', {})], { expectedVersion: 1n });
        await expect(raced).rejects.toMatchObject({ code: 'CONFLICT', actualVersion: 2n });
      } finally {
        await lenient.close();
      }
    });

    it('rejects stream ids and metadata keys it reserves, before any I/O', async () => {
      await expect(
        store.append('$ce-case', [newEvent('A', {})], { expectedVersion: 'any' }),
      ).rejects.toThrow(/\$/);
      await expect(
        store.append(`${CLAIM_STREAM_PREFIX}x`, [newEvent('A', {})], { expectedVersion: 'any' }),
      ).rejects.toThrow(/reserves/);
      const tagged = newEvent('A', {});
      await expect(
        store.append(
          'case-1',
          [{ ...tagged, metadata: { ...tagged.metadata, [WRITE_ID_KEY]: 'x' } }],
          {
            expectedVersion: 'any',
          },
        ),
      ).rejects.toThrow(/reserves/);
      expect(server.log.events()).toHaveLength(0);
    });

    it('reports a stopped server as EventStoreUnavailable, and a closed store too', async () => {
      await store.append('case-1', [newEvent('A', {})], { expectedVersion: 'no_stream' });
      await server.stop();

      await expect(
        store.append('case-1', [newEvent('B', {})], { expectedVersion: 1n }),
      ).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.readAll(null, 10)).rejects.toBeInstanceOf(EventStoreUnavailable);

      await store.close();
      await expect(store.readStream('case-1')).rejects.toThrow(/closed/);
    });
  });

  describe('against a closed port', () => {
    let port: number;
    let store: KurrentDbEventStore;
    beforeAll(async () => {
      port = await closedPort();
    });
    beforeEach(async () => {
      store = await KurrentDbEventStore.open({
        connectionString: `kurrentdb://127.0.0.1:${port}?tls=false&maxDiscoverAttempts=1`,
      });
    });
    afterEach(() => store.close());

    it('append, readStream and readAll reject with EventStoreUnavailable', async () => {
      const append = store.append('case-1', [newEvent('A', {})], { expectedVersion: 'any' });
      await expect(append).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.readStream('case-1', { fromVersion: 2n })).rejects.toBeInstanceOf(
        EventStoreUnavailable,
      );
      await expect(store.readAll(null, 10)).rejects.toBeInstanceOf(EventStoreUnavailable);
    });

    it("maps the client's own appendToStream failure (a raw gRPC ServiceError, code 14) to EventStoreUnavailable", async () => {
      // The adapter reads before it appends, so the read fails first above. This drives the client's append path
      // directly, to pin the error shape it really produces (tech-notes §1.6 item 3) to the adapter's mapping.
      const error: unknown = await store.client
        .appendToStream('case-1', jsonEvent({ type: 'A', data: {} }))
        .then(
          () => undefined,
          (e: unknown) => e,
        );

      expect(error).toMatchObject({ code: 14 });
      expect((error as { type?: unknown }).type).toBeUndefined();
      expect(toPortError(error, 'case-1', 'any')).toBeInstanceOf(EventStoreUnavailable);
    });
  });
});

/**
 * Runs `interloper` just before the adapter's next `times` appends to `streamName` (after its pre-read, so its view is
 * stale): a concurrent writer at a chosen moment. The adapter's call then goes through unchanged.
 */
function beforeNextAppend(
  store: KurrentDbEventStore,
  streamName: string,
  interloper: () => Promise<void>,
  times = 1,
): void {
  const client = store.client;
  const append = client.appendToStream.bind(client);
  let left = times;
  jest.spyOn(client, 'appendToStream').mockImplementation(async (name, events, options) => {
    if (name === streamName && left > 0) {
      left--;
      await interloper();
    }
    return append(name, events, options);
  });
}

/** A loopback port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
