import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { DATA_KEY_BYTES, PersonalDataErased, type KeyStore } from './key-store.port';

interface KeyRow {
  subject_id: string;
  key: Buffer | null;
  destroyed_at: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pd_keys (
  subject_id   TEXT PRIMARY KEY,
  key          BLOB CHECK (key IS NULL OR length(key) = ${DATA_KEY_BYTES}),
  created_at   TEXT NOT NULL,
  destroyed_at TEXT,
  CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
) STRICT`;

/** How often `scrub` tries again (20 ms apart) while another connection is checkpointing. */
const SCRUB_ATTEMPTS = 50;
/** SQLite allows at most 32766 parameters per statement; stay far below. */
const CHUNK = 500;

/**
 * Keys in the `pd_keys` table of the app's SQLite file (beside the events, never inside them).
 *
 * Turns `secure_delete` on for the connection: SQLite then overwrites deleted and replaced content with zeros
 * instead of leaving it in free space, which is what makes a destroyed key (and a purged read-model row) really gone
 * from the main file. Old page images also live in the write-ahead log until a checkpoint; `scrub()` checkpoints
 * and truncates it.
 */
export class SqliteKeyStore implements KeyStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly obtain: (subjectId: string, now: string) => KeyRow | undefined;

  /** @param source a file path (opened and later closed here) or a connection shared with the event store. */
  constructor(source: string | Database.Database) {
    this.ownsDatabase = typeof source === 'string';
    this.db = typeof source === 'string' ? new Database(source) : source;
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.statements = prepare(this.db);
    const insertThenRead = this.db.transaction((subjectId: string, now: string) => {
      this.statements.insert.run(subjectId, randomBytes(DATA_KEY_BYTES), now);
      return this.statements.one.get(subjectId);
    });
    this.obtain = (subjectId, now) => insertThenRead.immediate(subjectId, now);
  }

  findKeys(subjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (let start = 0; start < subjectIds.length; start += CHUNK) {
      const chunk = subjectIds.slice(start, start + CHUNK);
      const rows = this.db
        .prepare<string[], KeyRow>(
          `SELECT subject_id, key, destroyed_at FROM pd_keys
           WHERE key IS NOT NULL AND subject_id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .all(...chunk);
      for (const row of rows) if (row.key) found.set(row.subject_id, row.key);
    }
    return Promise.resolve(found);
  }

  obtainKey(subjectId: string): Promise<Buffer> {
    const row = this.obtain(subjectId, new Date().toISOString());
    if (!row?.key) return Promise.reject(new PersonalDataErased(subjectId));
    return Promise.resolve(row.key);
  }

  destroyKey(subjectId: string, at: Date): Promise<void> {
    const when = at.toISOString();
    this.statements.destroy.run(subjectId, when, when);
    return Promise.resolve();
  }

  destroyedAt(subjectId: string): Promise<Date | null> {
    const row = this.statements.one.get(subjectId);
    return Promise.resolve(row?.destroyed_at ? new Date(row.destroyed_at) : null);
  }

  async scrub(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result === undefined || result.busy === 0) return true;
      if (attempt >= SCRUB_ATTEMPTS) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
    return Promise.resolve();
  }
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare<[string, Buffer, string]>(
      'INSERT INTO pd_keys (subject_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING',
    ),
    one: db.prepare<[string], KeyRow>(
      'SELECT subject_id, key, destroyed_at FROM pd_keys WHERE subject_id = ?',
    ),
    // A tombstone when there was no key yet; otherwise the key goes (secure_delete zeroes the old bytes).
    destroy: db.prepare<[string, string, string]>(
      `INSERT INTO pd_keys (subject_id, key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
       ON CONFLICT (subject_id) DO UPDATE SET key = NULL, destroyed_at = excluded.destroyed_at
       WHERE pd_keys.destroyed_at IS NULL`,
    ),
  };
}
