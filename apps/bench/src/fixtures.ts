import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PostgresBulkSink, SqliteBulkSink } from '../../api/src/bulk/bulk-sink';
import { generateCommands, newStats, type GenerationStats } from '../../api/src/bulk/generate';
import { importCommands, type ImportSummary } from '../../api/src/bulk/importer';
import { readNdjson } from '../../api/src/bulk/ndjson-source';
import { log } from './util';

/** Generated data kept between bench runs under bench-results/ (gitignored), keyed by size and seed. */
export const RESULTS_DIR = resolve(process.cwd(), 'bench-results');
export const FIXTURES_DIR = join(RESULTS_DIR, 'fixtures');

/** Cases needed for about `events` events (the generator averages ~15.5 events a case). */
export const casesFor = (events: number): number => Math.max(1, Math.ceil(events / 15.4));

export async function generatedFile(
  cases: number,
  seed: number,
): Promise<{ path: string; stats: GenerationStats | null; seconds: number }> {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const path = join(FIXTURES_DIR, `generated-${cases}-${seed}.ndjson`);
  if (existsSync(path)) return { path, stats: null, seconds: 0 };
  const started = performance.now();
  const stats = newStats();
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let chunk = '';
  for (const line of generateCommands({ cases, seed }, stats)) {
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(tmp, path);
  const seconds = (performance.now() - started) / 1000;
  log(
    `  generated ${stats.cases} cases, ${stats.events} events in ${seconds.toFixed(1)} s → ${path}`,
  );
  return { path, stats, seconds };
}

/** Imports a file into a fresh SQLite file with the bulk importer. */
export async function importSqlite(
  file: string,
  dbFile: string,
  batchSize = 2000,
): Promise<ImportSummary> {
  const sink = new SqliteBulkSink(new Database(dbFile), true);
  try {
    return await importCommands(sink, readNdjson(file), { batchSize });
  } finally {
    await sink.close();
  }
}

export async function importPostgres(
  file: string,
  connectionString: string,
  schema: string,
  batchSize = 2000,
): Promise<ImportSummary> {
  const sink = await PostgresBulkSink.open({ connectionString, schema });
  try {
    return await importCommands(sink, readNdjson(file), { batchSize });
  } finally {
    await sink.close();
  }
}

/** The SQLite store of a generated file (imported once, then reused). */
export async function sqliteFixture(
  file: string,
  name: string,
): Promise<{ dir: string; dbFile: string; summary: ImportSummary | null }> {
  const dir = join(FIXTURES_DIR, name);
  const dbFile = join(dir, 'send-tracker.sqlite');
  if (existsSync(join(dir, 'complete'))) {
    // A fixture made by an earlier build may be at an older schema: opening the store migrates it here, once, so a
    // migration is never timed as part of a rebuild or an API run.
    await new SqliteBulkSink(new Database(dbFile), true).close();
    return { dir, dbFile, summary: null };
  }
  mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, `${dbFile}${suffix}.old`);
  const summary = await importSqlite(file, dbFile);
  createWriteStream(join(dir, 'complete')).end();
  return { dir, dbFile, summary };
}

/**
 * The same events in a PostgreSQL schema, copied from the SQLite fixture (events as stored, i.e. encrypted, and the
 * data keys) with bare multi-row inserts: a benchmark fixture, not an import (the import is measured on its own).
 */
export async function postgresFixture(
  dbFile: string,
  connectionString: string,
  schema: string,
): Promise<number> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const done = await client.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_complete'`,
      [schema],
    );
    const sqlite = new Database(dbFile, { readonly: true });
    const total = (sqlite.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n;
    if (done.rowCount) {
      sqlite.close();
      return total;
    }
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end().catch(() => undefined);
    // The schema (tables, functions, keys table) as the app creates it.
    const sink = await PostgresBulkSink.open({ connectionString, schema, poolSize: 2 });
    await sink.close();
    const c = new Client({ connectionString });
    await c.connect();
    try {
      const started = performance.now();
      await c.query('BEGIN');
      const keys = sqlite.prepare('SELECT subject_id, key, created_at FROM pd_keys').all() as {
        subject_id: string;
        key: Buffer;
        created_at: string;
      }[];
      for (let i = 0; i < keys.length; i += 5000) {
        const part = keys.slice(i, i + 5000);
        await c.query(
          `INSERT INTO ${schema}.pd_keys (subject_id, key) SELECT * FROM unnest($1::text[], $2::bytea[])`,
          [part.map((k) => k.subject_id), part.map((k) => k.key)],
        );
      }
      const streams = sqlite.prepare('SELECT stream_id, version FROM es_streams').all() as {
        stream_id: string;
        version: number;
      }[];
      for (let i = 0; i < streams.length; i += 10000) {
        const part = streams.slice(i, i + 10000);
        await c.query(
          `INSERT INTO ${schema}.es_streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])`,
          [part.map((s) => s.stream_id), part.map((s) => s.version)],
        );
      }
      const rows = sqlite.prepare(
        'SELECT event_id, stream_id, stream_version, type, data, metadata FROM es_events ORDER BY global_position',
      );
      let batch: {
        event_id: string;
        stream_id: string;
        stream_version: number;
        type: string;
        data: string;
        metadata: string;
      }[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        await c.query(
          `INSERT INTO ${schema}.es_events (event_id, stream_id, stream_version, type, data, metadata)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[])`,
          [
            batch.map((r) => r.event_id),
            batch.map((r) => r.stream_id),
            batch.map((r) => r.stream_version),
            batch.map((r) => r.type),
            batch.map((r) => r.data),
            batch.map((r) => r.metadata),
          ],
        );
        batch = [];
      };
      for (const row of rows.iterate() as Iterable<(typeof batch)[number]>) {
        batch.push(row);
        if (batch.length >= 5000) await flush();
      }
      await flush();
      await c.query(`CREATE TABLE ${schema}.bench_complete (at timestamptz DEFAULT now())`);
      await c.query('COMMIT');
      await c.query(`VACUUM ANALYZE ${schema}.es_events`);
      log(
        `  copied ${total} events to PostgreSQL schema ${schema} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await c.end();
      sqlite.close();
    }
    return total;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const fileSize = (path: string): number => statSync(path).size;
