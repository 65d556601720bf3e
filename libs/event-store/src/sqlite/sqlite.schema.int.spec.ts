import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../event-store.contract';
import { IdempotencyConflict } from '../event-store.port';
import { SqliteEventStore } from './sqlite.event-store';
import { EVENT_KEY_SQL, migrateSqlite } from './sqlite.schema';

const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A file at schema version 1, with `count` events over three streams written as version 1 stored them. */
function versionOneFile(count: number, id: (i: number) => string = () => randomUUID()): string {
  const file = join(dir, `v1-${++files}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db, 1);
  const upsert = db.prepare(
    `INSERT INTO es_streams (stream_id, version) VALUES (?, 1)
     ON CONFLICT (stream_id) DO UPDATE SET version = version + 1 RETURNING version`,
  );
  const insert = db.prepare(
    `INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const stream = `case-${i % 3}`;
      const { version } = upsert.get(stream) as { version: number };
      const event = newEvent('Noted', { i, text: `note ${i} “quoted”` }, id(i));
      insert.run(
        event.id,
        stream,
        version,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      );
    }
  })();
  db.close();
  return file;
}

const allRows = (db: Database.Database): unknown[] =>
  db.prepare('SELECT * FROM es_events ORDER BY global_position').safeIntegers(true).all();
const counter = (db: Database.Database): unknown =>
  db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'es_events'").safeIntegers(true).get();
const migrations = (db: Database.Database): unknown[] =>
  db.prepare('SELECT version FROM es_schema_migrations ORDER BY version').pluck().all();

describe('SQLite schema version 2: es_events rebuilt', () => {
  it('keeps every row, position and the position counter of a populated version-1 file', async () => {
    const file = versionOneFile(1000);
    const before = new Database(file);
    // The last event deleted by hand: the counter is now above the highest position left, and must stay so.
    before.exec('DELETE FROM es_events WHERE global_position = 1000');
    const rows = allRows(before);
    const seq = counter(before);
    before.close();

    const store = new SqliteEventStore(file);
    expect(migrations(store.db)).toEqual([1, 2]);
    expect(allRows(store.db)).toEqual(rows);
    expect(counter(store.db)).toEqual(seq);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    const sql = store.db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'es_events'")
      .pluck()
      .get() as string;
    expect(sql).not.toMatch(/json_valid|REFERENCES/);

    // A position is never handed out twice: the next one follows the counter, not the highest row.
    const appended = await store.append('case-new', [newEvent('Opened', {})], {
      expectedVersion: 'no_stream',
    });
    expect(appended.lastGlobalPosition).toBe(1001n);
    await store.close();
  });

  it('finds ids stored before it through the new index: a replay is recognised, a reuse refused', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const file = versionOneFile(30, (i) => ids[i]!);
    const store = new SqliteEventStore(file);
    // Event 4 was the second event of case-1 (events go round the three streams).
    const stored = newEvent('Noted', { i: 4, text: 'note 4 “quoted”' }, ids[4]);

    await expect(
      store.append('case-1', [stored], { expectedVersion: 'any' }),
    ).resolves.toMatchObject({ alreadyAppended: true, nextExpectedVersion: 2n });
    await expect(
      store.append('case-9', [stored], { expectedVersion: 'no_stream' }),
    ).rejects.toBeInstanceOf(IdempotencyConflict);
    // The database itself refuses a second row with a stored id.
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata)
           VALUES (?, 'case-9', 1, 'Noted', '{}', '{}')`,
        )
        .run(ids[7]),
    ).toThrow(/UNIQUE constraint failed: index 'es_events_event_key'/);
    // Both lookups the adapter makes (one id, many ids) search that index.
    const plans = [
      `${EVENT_KEY_SQL('event_id')} = ${EVENT_KEY_SQL('?')}`,
      `${EVENT_KEY_SQL('event_id')} IN (SELECT ${EVENT_KEY_SQL('value')} FROM json_each(?))`,
    ].map((where) =>
      (
        store.db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM es_events WHERE ${where}`).all('x') as {
          detail: string;
        }[]
      )
        .map((p) => p.detail)
        .join('\n'),
    );
    for (const plan of plans) expect(plan).toMatch(/USING INDEX es_events_event_key/);
    await store.close();
  });

  it('runs as one transaction: when it fails, the file stays at version 1 with all its rows', () => {
    // Two ids that differ as text but not as bytes (one in capitals) can only be in a file written by hand; the
    // index on the bytes cannot be built, so the migration fails.
    const id = randomUUID();
    const file = versionOneFile(10, (i) =>
      i === 0 ? id : i === 9 ? id.toUpperCase() : randomUUID(),
    );
    const before = new Database(file);
    const rows = allRows(before);
    before.close();

    expect(() => new SqliteEventStore(file)).toThrow(/UNIQUE constraint failed/);

    const after = new Database(file);
    expect(migrations(after)).toEqual([1]);
    expect(allRows(after)).toEqual(rows);
    const tables = after
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'es_events%'")
      .pluck()
      .all();
    expect(tables).toEqual(['es_events']);
    expect(
      after.prepare("SELECT sql FROM sqlite_master WHERE name = 'es_events'").pluck().get(),
    ).toMatch(/json_valid/);
    after.close();
  });
});
