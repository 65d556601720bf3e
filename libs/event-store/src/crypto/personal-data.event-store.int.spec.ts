import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { PostgresEventStore } from '../postgres/postgres.event-store';
import {
  describeWithPostgres,
  dropTestSchema,
  uniqueTestSchema,
} from '../postgres/postgres-test-db';
import { SqliteEventStore } from '../sqlite/sqlite.event-store';
import { PersonalDataErased } from './key-store.port';
import { PersonalDataEventStore } from './personal-data.event-store';
import type { PersonalDataPolicy } from './personal-data-policy';
import { PostgresKeyStore } from './postgres.key-store';
import { SqliteKeyStore } from './sqlite.key-store';

const ERASED = '[erased]';
const LABEL = 'Zebedee-Plaintext-7f3a';
/** The contract's string fields count as personal, so the shared suite runs through encryption. */
const contractPolicy: PersonalDataPolicy = {
  fields: { Noted: { text: 'text' }, Happened: { stream: 'text' } },
  subjectOf: (streamId) => streamId,
  erasedText: ERASED,
};
const casePolicy: PersonalDataPolicy = {
  fields: { Opened: { label: 'text' } },
  subjectOf: (streamId) => (streamId.startsWith('case-') ? streamId.slice(5) : null),
  erasedText: ERASED,
};

describe('crypto-shredding on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  const freshFile = (): string => join(dir, `store-${++files}.db`);
  const decorated = (db: Database.Database, policy = contractPolicy) =>
    new PersonalDataEventStore(new SqliteEventStore(db), new SqliteKeyStore(db), policy);
  /** The main file and its write-ahead log, as bytes: what a copy of the disk would hold. */
  const fileBytes = (file: string): Buffer =>
    Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));

  eventStoreContract('sqlite with crypto-shredding', () => {
    const db = new Database(freshFile());
    const store = decorated(db);
    return Promise.resolve({
      kind: store.kind,
      append: store.append.bind(store),
      readStream: store.readStream.bind(store),
      readAll: store.readAll.bind(store),
      close: async () => {
        await store.close();
        db.close();
      },
    });
  });

  it('turns secure_delete on and keeps keys in pd_keys, never in es_events', async () => {
    const file = freshFile();
    const db = new Database(file);
    const store = decorated(db, casePolicy);
    await store.append('case-c1', [newEvent('Opened', { label: LABEL })], {
      expectedVersion: 'any',
    });

    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    const key = db.prepare('SELECT key FROM pd_keys WHERE subject_id = ?').get('c1') as {
      key: Buffer;
    };
    expect(key.key).toHaveLength(32);
    const events = db.prepare('SELECT data FROM es_events').all() as { data: string }[];
    expect(events.map((e) => e.data).join()).not.toContain(LABEL);
    expect(events.map((e) => e.data).join()).not.toContain(key.key.toString('base64'));
    expect(fileBytes(file).includes(Buffer.from(LABEL))).toBe(false);
    db.close();
  });

  it('after destroyKey and scrub, neither the key nor its old copies are anywhere in the file or the WAL', async () => {
    const file = freshFile();
    const db = new Database(file);
    const keys = new SqliteKeyStore(db);
    const store = new PersonalDataEventStore(new SqliteEventStore(db), keys, casePolicy);
    await store.append('case-c1', [newEvent('Opened', { label: LABEL })], {
      expectedVersion: 'any',
    });
    const key = (db.prepare('SELECT key FROM pd_keys').get() as { key: Buffer }).key;
    expect(fileBytes(file).includes(key)).toBe(true);

    await keys.destroyKey('c1', new Date('2025-06-10T00:00:00Z'));
    await expect(keys.scrub()).resolves.toBe(true);

    expect(fileBytes(file).includes(key)).toBe(false);
    expect(readFileSync(`${file}-wal`)).toHaveLength(0);
    expect(db.prepare('SELECT key, destroyed_at FROM pd_keys').all()).toEqual([
      { key: null, destroyed_at: '2025-06-10T00:00:00.000Z' },
    ]);
    expect((await store.readStream('case-c1')).events[0]!.data).toEqual({ label: ERASED });
    db.close();
  });

  it('two connections to one file agree on one key per subject, and on its destruction', async () => {
    const file = freshFile();
    const a = new SqliteKeyStore(file);
    const b = new SqliteKeyStore(file);
    const fromA = await a.obtainKey('c1');
    const fromB = await b.obtainKey('c1');
    expect(fromA.equals(fromB)).toBe(true);

    await a.destroyKey('c1', new Date());
    await expect(b.obtainKey('c1')).rejects.toBeInstanceOf(PersonalDataErased);
    expect(await b.findKeys(['c1'])).toEqual(new Map());
    await a.destroyKey('c1', new Date('2030-01-01')); // idempotent: the first date stays
    expect((await b.destroyedAt('c1'))!.getFullYear()).not.toBe(2030);
    await a.close();
    await b.close();
  });
});

describeWithPostgres('crypto-shredding on PostgreSQL', ({ connectionString }) => {
  const prefix = uniqueTestSchema('pd_test');
  const schemas: string[] = [];
  const freshSchema = (): string => {
    const schema = `${prefix}_${schemas.length + 1}`;
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropTestSchema(connectionString, schema);
  });
  const open = async (policy: PersonalDataPolicy, schema = freshSchema()) => {
    const inner = await PostgresEventStore.open({ connectionString, schema, poolSize: 25 });
    const keys = await PostgresKeyStore.open({ pool: inner.pool, schema });
    return { store: new PersonalDataEventStore(inner, keys, policy), keys, schema };
  };
  const query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  eventStoreContract(
    'postgres with crypto-shredding',
    async () => (await open(contractPolicy)).store,
  );

  it('stores ciphertext in es_events and the key in pd_keys; destroying it leaves a tombstone and markers', async () => {
    const { store, keys, schema } = await open(casePolicy);
    try {
      await store.append('case-c1', [newEvent('Opened', { label: LABEL })], {
        expectedVersion: 'any',
      });
      const events = await query<{ data: string }>(`SELECT data::text FROM "${schema}".es_events`);
      expect(events.map((e) => e.data).join()).not.toContain(LABEL);
      expect((await store.readStream('case-c1')).events[0]!.data).toEqual({ label: LABEL });

      await keys.destroyKey('c1', new Date('2025-06-10T00:00:00Z'));
      await keys.destroyKey('c1', new Date('2030-01-01T00:00:00Z'));

      expect(await query(`SELECT subject_id, key, destroyed_at FROM "${schema}".pd_keys`)).toEqual([
        { subject_id: 'c1', key: null, destroyed_at: new Date('2025-06-10T00:00:00Z') },
      ]);
      expect((await store.readAll(null, 10)).events[0]!.data).toEqual({ label: ERASED });
      await expect(
        store.append('case-c1', [newEvent('Opened', { label: 'again' })], {
          expectedVersion: 'any',
        }),
      ).rejects.toBeInstanceOf(PersonalDataErased);
    } finally {
      await store.close();
    }
  });

  it('concurrent first writers (and replicas opening the schema together) end up with one key', async () => {
    const schema = freshSchema();
    const first = await open(casePolicy, schema);
    const replicas = await Promise.all(
      [1, 2, 3].map(() => PostgresKeyStore.open({ connectionString, schema })),
    );
    try {
      const obtained = await Promise.all(
        [first.keys, ...replicas, first.keys, ...replicas].map((k) => k.obtainKey('c1')),
      );
      for (const key of obtained) expect(key.equals(obtained[0]!)).toBe(true);
      expect(await query(`SELECT count(*)::int AS n FROM "${schema}".pd_keys`)).toEqual([{ n: 1 }]);
    } finally {
      await first.store.close();
      for (const r of replicas) await r.close();
    }
  });
});
