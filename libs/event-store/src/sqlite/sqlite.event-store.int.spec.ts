import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { EventStoreUnavailable, StreamVersionConflict } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import { openEventStore } from '../open-event-store';
import { SqliteEventStore } from './sqlite.event-store';
import { SQLITE_SCHEMA_VERSION } from './sqlite.schema';

const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.db`);

eventStoreContract('sqlite', () => Promise.resolve(new SqliteEventStore(freshFile())));

describe('SqliteEventStore specifics', () => {
  it('configures the connection: WAL, synchronous FULL, busy timeout, foreign keys', async () => {
    const store = new SqliteEventStore(freshFile());
    const pragma = (name: string): unknown => store.db.pragma(name, { simple: true });

    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2); // FULL
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('foreign_keys')).toBe(1);
    await store.close();
  });

  it('keeps events across reopening, and migrating again is a no-op', async () => {
    const file = freshFile();
    const first = new SqliteEventStore(file);
    await first.append('s-1', [newEvent('Opened', { n: 1 })], { expectedVersion: 'no_stream' });
    await first.close();

    const second = new SqliteEventStore(file);
    const read = await second.readStream('s-1');
    const migrations = second.db.prepare('SELECT version FROM es_schema_migrations').all();
    await second.close();

    expect(read.events.map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(migrations).toEqual(
      Array.from({ length: SQLITE_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
  });

  it('uses a shared connection without closing it', async () => {
    const db = new Database(freshFile());
    db.exec('CREATE TABLE read_model (id TEXT PRIMARY KEY)');
    const store = new SqliteEventStore(db);
    await store.append('s-1', [newEvent('Opened', {})], { expectedVersion: 'no_stream' });
    await store.close();

    expect(db.open).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM es_events').get()).toEqual({ n: 1 });
    db.close();
  });

  it('two connections to one file: writers are serialised and a stale one conflicts', async () => {
    const file = freshFile();
    const a = new SqliteEventStore(file);
    const b = new SqliteEventStore(file);
    await a.append('s-1', [newEvent('Opened', {})], { expectedVersion: 'no_stream' });

    await b.append('s-1', [newEvent('ByB', {})], { expectedVersion: 1n });
    const stale = a.append('s-1', [newEvent('ByA', {})], { expectedVersion: 1n });

    await expect(stale).rejects.toBeInstanceOf(StreamVersionConflict);
    const all = await a.readAll(null, 10);
    expect(all.events.map((e) => e.type)).toEqual(['Opened', 'ByB']);
    await a.close();
    await b.close();
  });

  it('keeps 64-bit positions exact (no rounding above 2^53)', async () => {
    const db = new Database(freshFile());
    const store = new SqliteEventStore(db);
    const big = 2n ** 60n;
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('es_events', ?)").run(big);

    const result = await store.append('s-1', [newEvent('Big', {})], { expectedVersion: 'any' });
    const all = await store.readAll((big - 1n).toString(), 10);

    expect(result.lastGlobalPosition).toBe(big + 1n);
    expect(result.lastCheckpoint).toBe((big + 1n).toString());
    expect(all.events.map((e) => e.globalPosition)).toEqual([big + 1n]);
    db.close();
  });

  it('reports a closed store as unavailable', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.close();
    await expect(store.readStream('s-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('rejects a checkpoint from another kind of store', async () => {
    const store = new SqliteEventStore(freshFile());
    await expect(store.readAll('12:34', 10)).rejects.toThrow(/not issued/);
    await store.close();
  });
});

describe('openEventStore', () => {
  it('opens each embedded kind from configuration', async () => {
    const memory = await openEventStore({ kind: 'memory' });
    const sqlite = await openEventStore({ kind: 'sqlite', file: freshFile() });

    expect(memory).toBeInstanceOf(InMemoryEventStore);
    expect(sqlite).toBeInstanceOf(SqliteEventStore);
    await sqlite.append('s-1', [newEvent('Opened', {})], { expectedVersion: 'no_stream' });
    await expect(sqlite.readStream('s-1')).resolves.toMatchObject({ version: 1n });
    await memory.close();
    await sqlite.close();
  });
});
