import { Pool, type PoolClient } from 'pg';
import { batchTexts } from './postgres.statement-text';
import type { ReadModelDb, Row, Statement } from './read-model-db';

export interface PostgresReadModelOptions {
  readonly connectionString?: string;
  readonly pool?: Pool;
  /** PostgreSQL schema holding the read-model tables (tests isolate themselves in their own). */
  readonly schema?: string;
}

export class PostgresReadModelDb implements ReadModelDb {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private begin = 'BEGIN';

  constructor(private readonly options: PostgresReadModelOptions) {
    this.ownsPool = !options.pool;
    // search_path is set per connection at startup, so every statement of this pool sees the read-model schema.
    this.pool =
      options.pool ??
      new Pool({
        connectionString: options.connectionString,
        max: 10,
        ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
      });
    if (this.ownsPool) this.pool.on('error', () => undefined);
  }

  async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as T[];
  }

  async writeTransaction(statements: readonly Statement[], guard?: Statement): Promise<boolean> {
    try {
      return await this.transaction(statements, guard, true);
    } catch (error) {
      // An upsert met the same key twice once its rows were joined (see batchTexts): one by one, as written.
      if ((error as { code?: unknown }).code !== CARDINALITY_VIOLATION) throw error;
      return this.transaction(statements, guard, false);
    }
  }

  private async transaction(
    statements: readonly Statement[],
    guard: Statement | undefined,
    rows: boolean,
  ): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query(this.begin);
      if (guard && (await client.query(guard.sql, guard.params as unknown[])).rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      // One round trip per few megabytes of writes rather than one per row (the A4 lever): a rebuild batch is
      // hundreds of upserts, joined into one insert per table where they follow each other.
      for (const text of batchTexts(statements, undefined, rows)) await client.query(text);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await rollbackQuietly(client);
      throw error;
    } finally {
      client.release();
    }
  }

  setDurableCommits(durable: boolean): Promise<void> {
    // Per transaction, so the pool's connections (shared with the service's other writers) keep their default.
    this.begin = durable ? 'BEGIN' : 'BEGIN; SET LOCAL synchronous_commit TO off';
    return Promise.resolve();
  }

  async exec(ddl: string): Promise<void> {
    await this.pool.query(ddl);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

/** SQLSTATE of an `ON CONFLICT DO UPDATE` that would change the same row twice in one statement. */
const CARDINALITY_VIOLATION = '21000';

const rollbackQuietly = async (client: PoolClient): Promise<void> => {
  try {
    await client.query('ROLLBACK');
  } catch {
    // The connection is broken; releasing it is all that is left to do.
  }
};
