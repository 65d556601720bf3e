import type Database from 'better-sqlite3';

/**
 * Numbered, append-only migrations. Tracked in a table rather than `PRAGMA user_version` because the app shares the
 * SQLite file with its read models, and they must not fight over one database-wide number.
 */
const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS es_streams (
        stream_id TEXT PRIMARY KEY,
        version   INTEGER NOT NULL CHECK (version > 0)
      ) STRICT;
      -- AUTOINCREMENT: positions are never reused, even after the last row is deleted by hand,
      -- so a consumer's checkpoint can never point at a different event later.
      CREATE TABLE IF NOT EXISTS es_events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id        TEXT    NOT NULL UNIQUE,
        stream_id       TEXT    NOT NULL REFERENCES es_streams (stream_id),
        stream_version  INTEGER NOT NULL,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL CHECK (json_valid(data)),
        metadata        TEXT    NOT NULL CHECK (json_valid(metadata)),
        recorded_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (stream_id, stream_version)
      ) STRICT;
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to date; safe to run on every open, from several connections at once. */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS es_schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ) STRICT`);
  const applied = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM es_schema_migrations WHERE version = ?',
  );
  const record = db.prepare('INSERT INTO es_schema_migrations (version) VALUES (?)');
  // IMMEDIATE: a second process opening the file at the same time waits instead of applying the step twice.
  db.transaction(() => {
    for (const migration of MIGRATIONS) {
      if (applied.get(migration.version)!.n > 0) continue;
      db.exec(migration.sql);
      record.run(migration.version);
    }
  }).immediate();
}
