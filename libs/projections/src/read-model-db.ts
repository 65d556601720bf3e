/**
 * The read-model database a projection writes to: SQLite (the same file as the events) or PostgreSQL.
 * SQL is written once with `$1…$n` placeholders and portable syntax (`INSERT … ON CONFLICT … DO UPDATE`);
 * the SQLite implementation rewrites the placeholders.
 */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

export type Row = Record<string, unknown>;

export interface ReadModelDb {
  readonly dialect: 'sqlite' | 'postgres';
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs the statements in one transaction. `guard` runs first inside it and must return true, or the transaction
   * is rolled back and `false` returned (used for the compare-and-set of a projection checkpoint).
   */
  writeTransaction(statements: readonly Statement[], guard?: Statement): Promise<boolean>;
  /**
   * Whether a committed write transaction waits until it is on disk (the default) or may be lost to a power failure
   * — never half-applied — for the sake of speed. Only a rebuild relaxes it: its checkpoints commit with its writes,
   * so a lost tail is simply read and applied again.
   */
  setDurableCommits(durable: boolean): Promise<void>;
  /**
   * A rebuild starts (true) or ends (false) writing the read models in bulk: the database may flush its log in fewer,
   * larger steps meanwhile. What a commit guarantees is unchanged. Optional: a database without such a setting
   * leaves it out.
   */
  setBulkWrites?(bulk: boolean): Promise<void>;
  /** Runs DDL (several statements separated by `;`). */
  exec(ddl: string): Promise<void>;
  close(): Promise<void>;
}
