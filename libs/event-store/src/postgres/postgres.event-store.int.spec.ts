import { Client, Pool } from 'pg';
import { eventStoreContract, catchUp, newEvent } from '../event-store.contract';
import { EventStoreUnavailable, type EventStore } from '../event-store.port';
import { appendQuery, interpretAppendRow, type AppendRow } from './postgres.append';
import { PostgresEventStore } from './postgres.event-store';
import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from './postgres-test-db';

describeWithPostgres('PostgresEventStore', ({ connectionString }) => {
  // One prefix per test file; one schema per store, so every contract test starts from an empty log.
  const prefix = uniqueTestSchema('es_test');
  const schemas: string[] = [];
  const freshSchema = (): string => {
    const schema = `${prefix}_${schemas.length + 1}`;
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropTestSchema(connectionString, schema);
  });

  eventStoreContract('postgres', () =>
    PostgresEventStore.open({ connectionString, schema: freshSchema(), poolSize: 25 }),
  );

  describe('specifics', () => {
    let store: PostgresEventStore;
    beforeEach(async () => {
      store = await PostgresEventStore.open({ connectionString, schema: freshSchema() });
    });
    afterEach(() => store.close());

    it('never passes a transaction that commits late with a lower position', async () => {
      await store.append('warm', [newEvent('Warm', {})], { expectedVersion: 'no_stream' });
      const start = await catchUp(store, null, 10, 1);
      expect(start.events).toHaveLength(1);

      const held = new Client({ connectionString });
      await held.connect();
      try {
        await held.query('BEGIN');
        const heldEvent = newEvent('Held', {});
        const heldAppend = await held.query<AppendRow>(
          appendQuery(store.schema, 'held', [heldEvent], 'no_stream'),
        );
        const heldResult = interpretAppendRow('held', 'no_stream', heldAppend.rows[0]);
        const late = [newEvent('Late', { n: 1 }), newEvent('Late', { n: 2 })];
        const lateResults = [];
        for (const [i, event] of late.entries()) {
          lateResults.push(
            await store.append(`late-${i}`, [event], { expectedVersion: 'no_stream' }),
          );
        }
        // The hole: the held event has the lower position but is not committed yet.
        for (const r of lateResults)
          expect(r.lastGlobalPosition).toBeGreaterThan(heldResult.lastGlobalPosition);

        // Nothing is returned past the hole, and the reader is told that committed events are waiting behind it.
        for (const batchSize of [1, 10]) {
          await expect(store.readAll(start.checkpoint, batchSize)).resolves.toEqual({
            events: [],
            checkpoint: start.checkpoint,
            pending: true,
          });
        }

        await held.query('COMMIT');

        const after = await catchUp(store, start.checkpoint, 1, 3);
        expect(after.events.map((e) => e.id)).toEqual([heldEvent.id, ...late.map((e) => e.id)]);
        expect(after.events[0]!.checkpoint).toBe(heldResult.lastCheckpoint);
        expect(after.events.map((e) => e.checkpoint).slice(1)).toEqual(
          lateResults.map((r) => r.lastCheckpoint),
        );
        await expect(store.readAll(after.checkpoint, 10)).resolves.toEqual({
          events: [],
          checkpoint: after.checkpoint,
        });
      } finally {
        await held.end();
      }
    });

    it('writes checkpoints as <transaction id>:<global position> and rejects foreign ones', async () => {
      const result = await store.append('s', [newEvent('A', {})], { expectedVersion: 'any' });
      expect(result.lastCheckpoint).toMatch(new RegExp(`^\\d+:${result.lastGlobalPosition}$`));
      await expect(store.readAll('42', 10)).rejects.toThrow(/not issued/);
    });

    it('several replicas migrating one schema at once all succeed, and each step is applied once', async () => {
      const schema = freshSchema();
      const stores = await Promise.all(
        [1, 2, 3].map(() => PostgresEventStore.open({ connectionString, schema })),
      );
      const again = await PostgresEventStore.open({ connectionString, schema });
      stores.push(again);
      try {
        const rows = await again.pool.query<{ version: number }>(
          `SELECT version FROM "${schema}".es_schema_migrations ORDER BY version`,
        );
        expect(rows.rows).toEqual([{ version: 1 }, { version: 2 }]);
        await stores[0]!.append('s', [newEvent('A', {})], { expectedVersion: 'no_stream' });
        await expect(stores[2]!.readStream('s')).resolves.toMatchObject({ version: 1n });
      } finally {
        for (const s of stores) await s.close();
      }
    });

    it('does not end a pool it was given', async () => {
      const pool = new Pool({ connectionString, max: 2 });
      try {
        const shared = await PostgresEventStore.open({ pool, schema: store.schema });
        await shared.close();
        await expect(pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      } finally {
        await pool.end();
      }
    });

    it('reports a lost server as EventStoreUnavailable', async () => {
      const pool = new Pool({ connectionString, max: 1 });
      const shared = await PostgresEventStore.open({ pool, schema: store.schema });
      await pool.end();
      await expect(shared.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailable);
    });
  });
});

describe('PostgresEventStore without a server', () => {
  it('fails to open with EventStoreUnavailable when nothing listens', async () => {
    const opening: Promise<EventStore> = PostgresEventStore.open({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
    });
    await expect(opening).rejects.toBeInstanceOf(EventStoreUnavailable);
  });
});
