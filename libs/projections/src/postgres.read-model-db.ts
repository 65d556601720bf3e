import { Pool, type PoolClient } from 'pg';
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (guard && (await client.query(guard.sql, guard.params as unknown[])).rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      for (const statement of statements)
        await client.query(statement.sql, statement.params as unknown[]);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await rollbackQuietly(client);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(ddl: string): Promise<void> {
    await this.pool.query(ddl);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

const rollbackQuietly = async (client: PoolClient): Promise<void> => {
  try {
    await client.query('ROLLBACK');
  } catch {
    // The connection is broken; releasing it is all that is left to do.
  }
};
