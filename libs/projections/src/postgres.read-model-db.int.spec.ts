import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import { Client, Pool } from 'pg';
import { PostgresReadModelDb } from './postgres.read-model-db';
import type { Statement } from './read-model-db';

/** Writes go as one text with the parameters inlined: whatever the values, what lands is what was given. */
describeWithPostgres('PostgresReadModelDb writes', ({ connectionString }) => {
  const schema = uniqueTestSchema('rm_write');
  let db: PostgresReadModelDb;

  beforeAll(async () => {
    const admin = new Client({ connectionString });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = new PostgresReadModelDb({ connectionString, schema });
    await db.exec(
      `CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, flag BOOLEAN, doc JSONB, note TEXT, day DATE)`,
    );
  });

  afterAll(async () => {
    await db.close();
    await dropTestSchema(connectionString, schema);
  });

  const HOSTILE = [
    "O'Brien's \\ back\\slash",
    "'); DROP TABLE t; --",
    '$1 $2 $$ dollar $tag$ quoting',
    'unicode – “quotes” 🙂 ñ',
    'line\nbreak\ttab',
    '',
  ];

  it('stores every value exactly, in order, in one transaction', async () => {
    const upsert = `INSERT INTO t (id, n, flag, doc, note, day) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n, note = excluded.note`;
    const statements: Statement[] = HOSTILE.map((note, i) => ({
      sql: upsert,
      params: [`id-${i}`, i, i % 2 === 0, JSON.stringify({ note, i }), note, '2024-02-29'],
    }));
    // The same row twice: the second must see the first (statements run in order).
    statements.push({ sql: upsert, params: ['id-0', 40, null, null, 'again', null] });
    expect(await db.writeTransaction(statements)).toBe(true);
    const rows = await db.query<{
      id: string;
      n: string;
      flag: boolean;
      doc: unknown;
      note: string;
      day: string;
    }>(`SELECT id, n::text, flag, doc, note, day::text FROM t ORDER BY id`);
    expect(rows).toHaveLength(HOSTILE.length);
    expect(rows[0]).toEqual({
      id: 'id-0',
      n: '40',
      flag: true,
      doc: { note: HOSTILE[0], i: 0 },
      note: 'again',
      day: '2024-02-29',
    });
    HOSTILE.slice(1).forEach((note, i) =>
      expect(rows[i + 1]).toEqual({
        id: `id-${i + 1}`,
        n: String(i + 1),
        flag: (i + 1) % 2 === 0,
        doc: { note, i: i + 1 },
        note,
        day: '2024-02-29',
      }),
    );
  });

  it('a failing statement rolls back the whole batch and reports the error', async () => {
    const before = await db.query(`SELECT * FROM t ORDER BY id`);
    await expect(
      db.writeTransaction([
        { sql: `UPDATE t SET note = $1`, params: ['changed'] },
        { sql: `INSERT INTO t (id, n) VALUES ($1, $2)`, params: ['id-1', 1] }, // duplicate key
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query(`SELECT * FROM t ORDER BY id`)).toEqual(before);
  });

  it('a failed guard changes nothing and says so', async () => {
    const before = await db.query(`SELECT * FROM t ORDER BY id`);
    expect(
      await db.writeTransaction([{ sql: `DELETE FROM t`, params: [] }], {
        sql: `UPDATE t SET n = n WHERE id = $1`,
        params: ['no such row'],
      }),
    ).toBe(false);
    expect(await db.query(`SELECT * FROM t ORDER BY id`)).toEqual(before);
  });

  it('a passing guard commits the writes, in two round trips when they fit in one text', async () => {
    const pool = new Pool({ connectionString, options: `-c search_path=${schema},public` });
    const texts: string[] = [];
    const spied = new PostgresReadModelDb({ pool, schema });
    const connect = pool.connect.bind(pool);
    const spiedOn = new WeakSet<object>();
    pool.connect = (async () => {
      const client = await connect();
      if (spiedOn.has(client)) return client;
      spiedOn.add(client);
      const query = client.query.bind(client) as (text: string, ...rest: unknown[]) => unknown;
      client.query = ((text: string, ...rest: unknown[]) => {
        texts.push(text);
        return query(text, ...rest);
      }) as typeof client.query;
      return client;
    }) as typeof pool.connect;
    try {
      expect(
        await spied.writeTransaction(
          [{ sql: `INSERT INTO t (id, note) VALUES ($1, $2)`, params: ['guarded', "it's"] }],
          { sql: `UPDATE t SET n = n WHERE id = $1`, params: ['id-1'] },
        ),
      ).toBe(true);
      expect(texts).toHaveLength(2);
      expect(texts[1]).toMatch(/;\nCOMMIT$/);
      expect(await db.query(`SELECT note FROM t WHERE id = 'guarded'`)).toEqual([{ note: "it's" }]);
      // A guard that cannot be inlined (dollar quoting) is sent on its own, with the same outcome.
      texts.length = 0;
      expect(
        await spied.writeTransaction(
          [{ sql: `DELETE FROM t WHERE id = $1`, params: ['guarded'] }],
          {
            sql: `UPDATE t SET note = note || $$$$ WHERE id = $1`,
            params: ['id-1'],
          },
        ),
      ).toBe(true);
      expect(texts).toHaveLength(3);
      expect(await db.query(`SELECT note FROM t WHERE id = 'guarded'`)).toEqual([]);
      expect(
        await spied.writeTransaction([{ sql: `DELETE FROM t`, params: [] }], {
          sql: `UPDATE t SET note = note || $$$$ WHERE id = $1`,
          params: ['no such row'],
        }),
      ).toBe(false);
      expect((await db.query(`SELECT count(*)::int AS n FROM t`))[0]!.n).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it('splits a large batch into several texts and still applies all of it', async () => {
    const big = 'x'.repeat(300_000);
    const statements = Array.from({ length: 12 }, (_, i) => ({
      sql: `INSERT INTO t (id, note) VALUES ($1, $2)`,
      params: [`big-${i}`, big],
    }));
    expect(await db.writeTransaction(statements)).toBe(true);
    const [row] = await db.query<{ n: string; len: string }>(
      `SELECT count(*)::text AS n, sum(length(note))::text AS len FROM t WHERE id LIKE 'big-%'`,
    );
    expect(row).toEqual({ n: '12', len: String(12 * 300_000) });
  });

  it('refuses a statement naming a parameter it was not given, writing nothing', async () => {
    await expect(
      db.writeTransaction([
        { sql: `DELETE FROM t`, params: [] },
        { sql: `INSERT INTO t (id, note) VALUES ($1, $2)`, params: ['only one'] },
      ]),
    ).rejects.toThrow(/no parameter \$2/);
    expect((await db.query(`SELECT count(*)::int AS n FROM t`))[0]).toEqual({ n: 18 });
  });
});
