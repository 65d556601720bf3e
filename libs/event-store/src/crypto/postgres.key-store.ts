import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { mapUnavailable } from '../postgres/postgres.errors';
import { quoteIdent } from '../postgres/postgres.schema';
import { DATA_KEY_BYTES, PersonalDataErased, type KeyStore } from './key-store.port';

export interface PostgresKeyStoreOptions {
  /** Used to create a pool the store owns (and ends on close). Ignored when `pool` is given. */
  readonly connectionString?: string;
  /** A pool shared with the event store; never ended here. */
  readonly pool?: Pool;
  /** Schema holding `pd_keys` (created if missing). Default `public`. */
  readonly schema?: string;
}

/**
 * Keys in the `pd_keys` table, in the same schema as the events but never in them.
 *
 * Destroying a key sets it to NULL. PostgreSQL keeps the old row version (with the key) on disk until VACUUM reclaims
 * it and new data overwrites it, and in its write-ahead log and backups: see the README's erasure caveats.
 */
export class PostgresKeyStore implements KeyStore {
  readonly kind = 'postgres';
  private readonly table: string;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    private readonly ownsPool: boolean,
  ) {
    this.table = `${quoteIdent(schema)}.pd_keys`;
  }

  static async open(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
    const schema = options.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`Invalid PostgreSQL schema name ${schema}.`);
    }
    let pool = options.pool;
    const ownsPool = pool === undefined;
    if (pool === undefined) {
      if (options.connectionString === undefined) {
        throw new Error('PostgresKeyStore needs a connectionString or a pool.');
      }
      pool = new Pool({ connectionString: options.connectionString, max: 5 });
      pool.on('error', () => undefined);
    }
    const store = new PostgresKeyStore(pool, schema, ownsPool);
    try {
      await mapUnavailable(() => store.createTable());
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async findKeys(subjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (subjectIds.length === 0) return found;
    const result = await mapUnavailable(() =>
      this.pool.query<{ subject_id: string; key: Buffer }>(
        `SELECT subject_id, key FROM ${this.table} WHERE subject_id = ANY ($1::text[]) AND key IS NOT NULL`,
        [subjectIds],
      ),
    );
    for (const row of result.rows) found.set(row.subject_id, row.key);
    return found;
  }

  async obtainKey(subjectId: string): Promise<Buffer> {
    // Two statements, not one: the second must see a key another connection inserted concurrently.
    await mapUnavailable(() =>
      this.pool.query(
        `INSERT INTO ${this.table} (subject_id, key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, randomBytes(DATA_KEY_BYTES)],
      ),
    );
    const result = await mapUnavailable(() =>
      this.pool.query<{ key: Buffer | null }>(
        `SELECT key FROM ${this.table} WHERE subject_id = $1`,
        [subjectId],
      ),
    );
    const key = result.rows[0]?.key;
    if (!key) throw new PersonalDataErased(subjectId);
    return key;
  }

  async destroyKey(subjectId: string, at: Date): Promise<void> {
    await mapUnavailable(() =>
      this.pool.query(
        `INSERT INTO ${this.table} AS k (subject_id, key, created_at, destroyed_at) VALUES ($1, NULL, $2, $2)
         ON CONFLICT (subject_id) DO UPDATE SET key = NULL, destroyed_at = excluded.destroyed_at
         WHERE k.destroyed_at IS NULL`,
        [subjectId, at],
      ),
    );
  }

  async destroyedAt(subjectId: string): Promise<Date | null> {
    const result = await mapUnavailable(() =>
      this.pool.query<{ destroyed_at: Date | null }>(
        `SELECT destroyed_at FROM ${this.table} WHERE subject_id = $1`,
        [subjectId],
      ),
    );
    return result.rows[0]?.destroyed_at ?? null;
  }

  /** Nothing to do on demand: dead row versions go with (auto)VACUUM. */
  scrub(): Promise<boolean> {
    return Promise.resolve(true);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async createTable(): Promise<void> {
    const client = await this.pool.connect();
    let failure: unknown;
    try {
      await client.query('BEGIN');
      // Replicas starting together would race on CREATE TABLE IF NOT EXISTS: serialise them.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `pd_keys:${this.schema}`,
      ]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        subject_id   text        PRIMARY KEY,
        key          bytea       CHECK (key IS NULL OR octet_length(key) = ${DATA_KEY_BYTES}),
        created_at   timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
      )`);
      await client.query('COMMIT');
    } catch (error) {
      failure = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(failure !== undefined);
    }
  }
}
