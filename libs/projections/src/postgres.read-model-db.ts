import { Pool, type PoolClient, type QueryResult } from 'pg';
import { batchTexts, inlineStatement } from './postgres.statement-text';
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
      // BEGIN and the guard go as one text, and COMMIT with the last text of writes: two round trips for a batch
      // that fits in one text instead of four.
      if (guard && (await beginGuarded(client, this.begin, guard)) === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      if (!guard) await client.query(this.begin);
      // One round trip per few megabytes of writes rather than one per row (the A4 lever): a rebuild batch is
      // hundreds of upserts, joined into one insert per table where they follow each other.
      const texts = batchTexts(statements, undefined, rows);
      const last = texts.pop();
      for (const text of texts) await client.query(text);
      // A failing statement skips the rest of its text, COMMIT included, and the transaction is rolled back below.
      await client.query(last === undefined ? 'COMMIT' : `${last};\nCOMMIT`);
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

/**
 * Opens the transaction and runs the guard: in one text with the guard's parameters inlined (see inlineStatement),
 * or, for a guard that cannot be inlined, as two queries. The guard's row count.
 */
const beginGuarded = async (
  client: PoolClient,
  begin: string,
  guard: Statement,
): Promise<number | null> => {
  let text: string | null = null;
  try {
    text = `${begin};\n${inlineStatement(guard)}`;
  } catch {
    // Dollar quoting or a missing parameter: the server is asked as it is.
  }
  if (text === null) {
    await client.query(begin);
    return (await client.query(guard.sql, guard.params as unknown[])).rowCount;
  }
  const results = (await client.query(text)) as unknown as QueryResult | QueryResult[];
  return (Array.isArray(results) ? results.at(-1)! : results).rowCount;
};

/** SQLSTATE of an `ON CONFLICT DO UPDATE` that would change the same row twice in one statement. */
const CARDINALITY_VIOLATION = '21000';

const rollbackQuietly = async (client: PoolClient): Promise<void> => {
  try {
    await client.query('ROLLBACK');
  } catch {
    // The connection is broken; releasing it is all that is left to do.
  }
};
