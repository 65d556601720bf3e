import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { Client, Pool } from 'pg';
import { benchEvent, log, median, rate, type Measurement } from './util';

/**
 * Append workloads (issue 8): sequential single-event appends, 8 concurrent writers on distinct streams, 100-event
 * batches; on our SQLite and PostgreSQL adapters, on Emmett's PostgreSQL store in the same database server (its own
 * database), and as bare inserts (the ceilings).
 */

export interface AppendSizes {
  readonly sequential: number;
  readonly writers: number;
  readonly perWriter: number;
  readonly batches: number;
  readonly batchSize: number;
}

type Workload = 'sequential' | 'writers8' | 'batch100';
type Runner = (workload: Workload, run: number) => Promise<number>;

/** Our adapter through the port: each append a new stream, or a writer's own stream at its version. */
const ourStore =
  (open: () => Promise<EventStore>, sizes: AppendSizes): Runner =>
  async (workload, run) => {
    const store = await open();
    const tag = `${workload}-${run}-${Date.now()}`;
    try {
      const started = performance.now();
      if (workload === 'sequential') {
        for (let i = 0; i < sizes.sequential; i++)
          await store.append(`bench-${tag}-${i}`, [benchEvent(i)], {
            expectedVersion: 'no_stream',
          });
        return rate(sizes.sequential, performance.now() - started);
      }
      if (workload === 'writers8') {
        await Promise.all(
          Array.from({ length: sizes.writers }, async (_, w) => {
            let version = 0n;
            for (let i = 0; i < sizes.perWriter; i++) {
              const result = await store.append(`bench-${tag}-w${w}`, [benchEvent(i)], {
                expectedVersion: version === 0n ? 'no_stream' : version,
              });
              version = result.nextExpectedVersion;
            }
          }),
        );
        return rate(sizes.writers * sizes.perWriter, performance.now() - started);
      }
      for (let b = 0; b < sizes.batches; b++) {
        const events = Array.from({ length: sizes.batchSize }, (_, i) => benchEvent(i));
        await store.append(`bench-${tag}-b${b}`, events, { expectedVersion: 'no_stream' });
      }
      return rate(sizes.batches * sizes.batchSize, performance.now() - started);
    } finally {
      await store.close();
    }
  };

/** Bare better-sqlite3 with the store's durability settings: the SQLite ceiling. */
const sqliteCeiling =
  (file: string, sizes: AppendSizes): Runner =>
  async (workload) => {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`CREATE TABLE IF NOT EXISTS bare_events (
      position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)`);
      const insert = db.prepare(
        'INSERT INTO bare_events (stream_id, type, data, metadata) VALUES (?, ?, ?, ?)',
      );
      const row = (i: number): [string, string, string, string] => {
        const e = benchEvent(i);
        return [`s-${i}`, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
      };
      const started = performance.now();
      if (workload === 'batch100') {
        const many = db.transaction((rows: [string, string, string, string][]) => {
          for (const r of rows) insert.run(...r);
        });
        for (let b = 0; b < sizes.batches; b++)
          many(Array.from({ length: sizes.batchSize }, (_, i) => row(i)));
        return rate(sizes.batches * sizes.batchSize, performance.now() - started);
      }
      // SQLite has one writer: "8 writers" interleave on the one connection, as our adapter's do.
      const count = workload === 'sequential' ? sizes.sequential : sizes.writers * sizes.perWriter;
      if (workload === 'sequential') {
        for (let i = 0; i < count; i++) insert.run(...row(i));
      } else {
        await Promise.all(
          Array.from({ length: sizes.writers }, async () => {
            for (let i = 0; i < sizes.perWriter; i++) {
              insert.run(...row(i));
              await Promise.resolve();
            }
          }),
        );
      }
      return rate(count, performance.now() - started);
    } finally {
      db.close();
    }
  };

/** Bare `pg`: single-row autocommit inserts, 8 connections, 100-row unnest inserts: the PostgreSQL ceilings. */
const pgCeiling =
  (connectionString: string, schema: string, sizes: AppendSizes): Runner =>
  async (workload) => {
    const pool = new Pool({ connectionString, max: 8 });
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await pool.query(`CREATE TABLE IF NOT EXISTS ${schema}.bare_events (
      position bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
      const sql = `INSERT INTO ${schema}.bare_events (stream_id, type, data, metadata) VALUES ($1, $2, $3, $4)`;
      const values = (i: number) => {
        const e = benchEvent(i);
        return [`s-${i}`, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
      };
      const started = performance.now();
      if (workload === 'sequential') {
        const client = await pool.connect();
        try {
          for (let i = 0; i < sizes.sequential; i++) await client.query(sql, values(i));
        } finally {
          client.release();
        }
        return rate(sizes.sequential, performance.now() - started);
      }
      if (workload === 'writers8') {
        await Promise.all(
          Array.from({ length: sizes.writers }, async () => {
            const client = await pool.connect();
            try {
              for (let i = 0; i < sizes.perWriter; i++) await client.query(sql, values(i));
            } finally {
              client.release();
            }
          }),
        );
        return rate(sizes.writers * sizes.perWriter, performance.now() - started);
      }
      const client = await pool.connect();
      try {
        for (let b = 0; b < sizes.batches; b++) {
          const rows = Array.from({ length: sizes.batchSize }, (_, i) => values(i));
          await client.query(
            `INSERT INTO ${schema}.bare_events (stream_id, type, data, metadata)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[])`,
            [
              rows.map((r) => r[0]),
              rows.map((r) => r[1]),
              rows.map((r) => r[2]),
              rows.map((r) => r[3]),
            ],
          );
        }
      } finally {
        client.release();
      }
      return rate(sizes.batches * sizes.batchSize, performance.now() - started);
    } finally {
      await pool.end();
    }
  };

/** Emmett's PostgreSQL event store (0.42, an ES module loaded with import()) in its own database. */
const emmett =
  (connectionString: string, sizes: AppendSizes): Runner =>
  async (workload, run) => {
    // Loaded at run time: a dev dependency for the benchmark only.
    const { getPostgreSQLEventStore } = (await import('@event-driven-io/emmett-postgresql')) as {
      getPostgreSQLEventStore: (cs: string) => {
        appendToStream(
          stream: string,
          events: { type: string; data: Record<string, unknown> }[],
          options?: { expectedStreamVersion?: bigint },
        ): Promise<{ nextExpectedStreamVersion: bigint }>;
        close(): Promise<void>;
      };
    };
    const store = getPostgreSQLEventStore(connectionString);
    const tag = `${workload}-${run}-${Date.now()}`;
    const event = (n: number) => ({ type: 'BenchEventRecorded', data: benchEvent(n).data });
    try {
      // Schema creation (first use) outside the timing.
      await store.appendToStream(`warm-${tag}`, [event(0)], { expectedStreamVersion: 0n });
      const started = performance.now();
      if (workload === 'sequential') {
        // Emmett 0.42 does not enforce STREAM_DOES_NOT_EXIST: expected version 0n means "new stream".
        for (let i = 0; i < sizes.sequential; i++)
          await store.appendToStream(`bench-${tag}-${i}`, [event(i)], {
            expectedStreamVersion: 0n,
          });
        return rate(sizes.sequential, performance.now() - started);
      }
      if (workload === 'writers8') {
        await Promise.all(
          Array.from({ length: sizes.writers }, async (_, w) => {
            let version = 0n;
            for (let i = 0; i < sizes.perWriter; i++) {
              const result = await store.appendToStream(`bench-${tag}-w${w}`, [event(i)], {
                expectedStreamVersion: version,
              });
              version = result.nextExpectedStreamVersion;
            }
          }),
        );
        return rate(sizes.writers * sizes.perWriter, performance.now() - started);
      }
      for (let b = 0; b < sizes.batches; b++) {
        const events = Array.from({ length: sizes.batchSize }, (_, i) => event(i));
        await store.appendToStream(`bench-${tag}-b${b}`, events, { expectedStreamVersion: 0n });
      }
      return rate(sizes.batches * sizes.batchSize, performance.now() - started);
    } finally {
      await store.close();
    }
  };

const WORKLOADS: readonly Workload[] = ['sequential', 'writers8', 'batch100'];

export async function benchAppends(options: {
  readonly connectionString: string | null;
  readonly runs: number;
  readonly sizes: AppendSizes;
  readonly pgSizes: AppendSizes;
}): Promise<Measurement[]> {
  const out: Measurement[] = [];
  /**
   * Each workload's runs alternate between the stores compared (ours, reference, ours, reference…), so a ratio compares
   * runs of the same minutes: on a shared machine the disk's and the CPU's speed drift more between minutes than
   * between two stores measured side by side.
   */
  const measure = async (stores: readonly (readonly [string, Runner])[]): Promise<void> => {
    for (const workload of WORKLOADS) {
      const runs = new Map<string, number[]>(stores.map(([name]) => [name, []]));
      for (let run = 0; run < options.runs; run++)
        for (const [name, runner] of stores) runs.get(name)!.push(await runner(workload, run));
      for (const [store, values] of runs) {
        out.push({
          section: 'appends',
          workload,
          store,
          value: median(values),
          unit: 'events/s',
          runs: values,
        });
        log(
          `  appends ${store} ${workload}: ${Math.round(median(values))} events/s (${values.map(Math.round).join(', ')})`,
        );
      }
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-appends-'));
  try {
    let n = 0;
    await measure([
      [
        'sqlite',
        ourStore(
          () => Promise.resolve(new SqliteEventStore(join(dir, `ours-${++n}.sqlite`))),
          options.sizes,
        ),
      ],
      ['sqlite-bare', sqliteCeiling(join(dir, 'bare.sqlite'), options.sizes)],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (options.connectionString === null) return out;
  const cs = options.connectionString;
  const schema = `bench_appends_${process.pid}`;
  const emmettUrl = await ensureDatabase(cs, 'bench_emmett');
  try {
    await measure([
      [
        'postgres',
        ourStore(
          () => PostgresEventStore.open({ connectionString: cs, schema, poolSize: 10 }),
          options.pgSizes,
        ),
      ],
      ['emmett', emmett(emmettUrl, options.pgSizes)],
      ['postgres-bare', pgCeiling(cs, `${schema}_bare`, options.pgSizes)],
    ]);
  } finally {
    const client = new Client({ connectionString: cs });
    await client.connect();
    await client.query(
      `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_bare CASCADE`,
    );
    await client.end();
    await resetEmmett(emmettUrl);
  }
  return out;
}

/** A database beside the test one (Emmett keeps its tables in `public`), created when missing. */
export async function ensureDatabase(connectionString: string, name: string): Promise<string> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Emmett's tables emptied after the run, so repeated runs start alike. */
async function resetEmmett(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'emt_%' LOOP
        EXECUTE format('TRUNCATE %I CASCADE', r.tablename);
      END LOOP; END $$`);
  } finally {
    await client.end();
  }
}
