import type Database from 'better-sqlite3';
import type { ReadModelDb, Row, Statement } from './read-model-db';

/** `$1…$n` → `?` with the parameters reordered to match (a placeholder may repeat). */
const toSqlite = (sql: string, params: readonly unknown[] = []): [string, unknown[]] => {
  const { text, order } = rewritten(sql);
  return [text, order.map((index) => toSqliteValue(params[index]))];
};

const rewrites = new Map<string, { text: string; order: number[] }>();

/** Rewritten once per SQL text: the projections use a handful, each for every row. */
const rewritten = (sql: string): { text: string; order: number[] } => {
  let known = rewrites.get(sql);
  if (!known) {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_match, index: string) => {
      order.push(Number(index) - 1);
      return '?';
    });
    known = { text, order };
    if (rewrites.size < 1000) rewrites.set(sql, known);
  }
  return known;
};

const toSqliteValue = (value: unknown): unknown => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
};

const BULK_CHECKPOINT_PAGES = 10_000;

/**
 * better-sqlite3 is synchronous, so a write transaction never spans an `await`: nothing else can slip into it, and
 * the event store sharing this connection cannot interleave.
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly cache = new Map<string, Database.Statement>();
  private checkpointPagesBefore: number | null = null;

  constructor(private readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const [text, values] = toSqlite(sql, params);
    return Promise.resolve(this.prepare(text).all(...values) as T[]);
  }

  writeTransaction(statements: readonly Statement[], guard?: Statement): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      if (guard) {
        const [text, values] = toSqlite(guard.sql, guard.params);
        if (this.prepare(text).run(...values).changes === 0) return false;
      }
      for (const statement of statements) {
        const [text, values] = toSqlite(statement.sql, statement.params);
        this.prepare(text).run(...values);
      }
      return true;
    });
    return Promise.resolve(run.immediate());
  }

  setDurableCommits(durable: boolean): Promise<void> {
    // WAL with synchronous=NORMAL: a commit is atomic and the file never corrupts; only the last commits before a
    // power failure may be lost. The connection is the event store's too, which a rebuild does not append to.
    this.db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
    return Promise.resolve();
  }

  /**
   * In bulk, the write-ahead log is copied back into the database (a checkpoint, with its fsyncs) every
   * BULK_CHECKPOINT_PAGES pages instead of SQLite's default 1,000: a rebuild writes hundreds of megabytes, and the
   * same hot pages (indexes, counters) are then copied once per checkpoint rather than ten times as often. The log
   * grows to ~40 MB meanwhile; commits are as durable as before.
   */
  setBulkWrites(bulk: boolean): Promise<void> {
    if (bulk) {
      this.checkpointPagesBefore ??= Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
      this.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    } else if (this.checkpointPagesBefore !== null) {
      this.db.pragma(`wal_autocheckpoint = ${this.checkpointPagesBefore}`);
      this.checkpointPagesBefore = null;
    }
    return Promise.resolve();
  }

  exec(ddl: string): Promise<void> {
    this.db.exec(ddl);
    return Promise.resolve();
  }

  close(): Promise<void> {
    // The connection belongs to whoever opened the SQLite file (it is shared with the event store).
    return Promise.resolve();
  }
}
