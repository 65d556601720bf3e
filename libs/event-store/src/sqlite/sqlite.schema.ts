import type Database from 'better-sqlite3';

/**
 * The 16 bytes of a lowercase UUID given as text: the key of the event-id index. A lookup by id must use the same
 * expression for SQLite to use that index.
 */
export const EVENT_KEY_SQL = (textId: string): string => `unhex(replace(${textId}, '-', ''))`;

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
  {
    // Version 2 rebuilds es_events for cheaper appends (same columns, same rows, same positions):
    // * event ids are indexed as their 16 bytes (`unhex` of the UUID without dashes) instead of 36 characters of text.
    //   Ids are random, so each event of a batch lands on a different page of that index; a smaller index has fewer
    //   pages for a batch to touch and the commit to write. The column keeps the text, so reads are unchanged; ids
    //   are lowercase UUIDs (checked before every append), so the bytes are unique exactly when the text is;
    // * no json_valid CHECKs: the adapter only writes the output of JSON.stringify;
    // * no foreign key to es_streams: every append writes its stream's row in the same transaction, and the per-row
    //   check cost a lookup in es_streams for every event.
    // SQLite cannot drop constraints in place, so the table is copied (in this migration's one transaction: a
    // failure leaves version 1 as it was). The AUTOINCREMENT counter is carried over, not recomputed from the rows
    // copied, so a position handed out before (even one whose row was later deleted by hand) is never reused.
    version: 2,
    sql: `
      CREATE TABLE es_events_v2 (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id        TEXT    NOT NULL,
        stream_id       TEXT    NOT NULL,
        stream_version  INTEGER NOT NULL,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL,
        metadata        TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (stream_id, stream_version)
      ) STRICT;
      INSERT INTO es_events_v2
             (global_position, event_id, stream_id, stream_version, type, data, metadata, recorded_at)
      SELECT global_position, event_id, stream_id, stream_version, type, data, metadata, recorded_at
        FROM es_events ORDER BY global_position;
      -- The copy set the new counter to the highest position copied; the old counter may be higher.
      UPDATE sqlite_sequence
         SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('es_events', 'es_events_v2'))
       WHERE name = 'es_events_v2';
      INSERT INTO sqlite_sequence (name, seq)
      SELECT 'es_events_v2', seq FROM sqlite_sequence
       WHERE name = 'es_events' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'es_events_v2');
      DROP TABLE es_events;
      ALTER TABLE es_events_v2 RENAME TO es_events;
      CREATE UNIQUE INDEX es_events_event_key ON es_events (${EVENT_KEY_SQL('event_id')});
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema up to date (or up to `target`, which tests use to make a file of an earlier version); safe to run
 * on every open, from several connections at once.
 */
export function migrateSqlite(db: Database.Database, target = SQLITE_SCHEMA_VERSION): void {
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
      if (migration.version > target || applied.get(migration.version)!.n > 0) continue;
      db.exec(migration.sql);
      record.run(migration.version);
    }
  }).immediate();
}
