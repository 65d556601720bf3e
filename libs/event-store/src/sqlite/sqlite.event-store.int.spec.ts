import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../event-store.contract';
import {
  EventStoreUnavailable,
  IdempotencyConflict,
  StreamVersionConflict,
  type AppendResult,
} from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import { openEventStore } from '../open-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite.event-store';
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
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'es_events'").run(big);

    const result = await store.append('s-1', [newEvent('Big', {})], { expectedVersion: 'any' });
    const all = await store.readAll((big - 1n).toString(), 10);

    expect(result.lastGlobalPosition).toBe(big + 1n);
    expect(result.lastCheckpoint).toBe((big + 1n).toString());
    expect(all.events.map((e) => e.globalPosition)).toEqual([big + 1n]);
    db.close();
  });

  it('tells the versions of many streams in one query; a missing stream is absent', async () => {
    const store = new SqliteEventStore(freshFile());
    const odd = `case-"quoted" ' \\ ✓`;
    await store.append('s-1', [newEvent('One', {}), newEvent('Two', {})], {
      expectedVersion: 'no_stream',
    });
    await store.append(odd, [newEvent('One', {})], { expectedVersion: 'no_stream' });

    await expect(store.streamVersions(['s-1', 'missing', odd])).resolves.toEqual(
      new Map([
        ['s-1', 2n],
        [odd, 1n],
      ]),
    );
    await expect(store.streamVersions([])).resolves.toEqual(new Map());
    await store.close();
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

describe('SqliteEventStore group commit', () => {
  /** Settles (or not) within a few turns of the event loop; 'pending' if it has not. */
  const settled = async <T>(promise: Promise<T>): Promise<T | Error | 'pending'> => {
    let outcome: T | Error | 'pending' = 'pending';
    promise.then(
      (value) => void (outcome = value),
      (error: Error) => void (outcome = error),
    );
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    return outcome;
  };
  const reasonOf = (outcome: PromiseSettledResult<unknown> | undefined): unknown =>
    outcome?.status === 'rejected' ? outcome.reason : outcome;
  const types = (db: Database.Database, stream: string): unknown[] =>
    db
      .prepare('SELECT type FROM es_events WHERE stream_id = ? ORDER BY stream_version')
      .pluck()
      .all(stream);

  it('appends made in one turn are judged one by one: a conflict or a clash fails only its own append', async () => {
    const store = new SqliteEventStore(freshFile());
    const retried = newEvent('Opened', { n: 1 });
    await store.append('existing', [retried], { expectedVersion: 'no_stream' });

    // All made before the event loop turns, so they are committed together.
    const outcomes = await Promise.allSettled([
      store.append('fresh-1', [newEvent('Opened', {})], { expectedVersion: 'no_stream' }),
      store.append('existing', [newEvent('Stale', {})], { expectedVersion: 0n }),
      store.append('existing', [retried], { expectedVersion: 'no_stream' }),
      store.append('other', [{ ...retried, data: { n: 2 } }], { expectedVersion: 'any' }),
      store.append('fresh-1', [newEvent('Second', {})], { expectedVersion: 'no_stream' }),
      store.append('fresh-1', [newEvent('Second', {})], { expectedVersion: 1n }),
      store.append('fresh-2', [newEvent('Opened', {}), newEvent('Noted', {})], {
        expectedVersion: 'any',
      }),
    ]);

    const [fresh1, stale, retry, clash, raced, next, fresh2] = outcomes;
    expect(fresh1).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1n } });
    expect(reasonOf(stale)).toBeInstanceOf(StreamVersionConflict);
    expect(retry).toMatchObject({
      status: 'fulfilled',
      value: { nextExpectedVersion: 1n, alreadyAppended: true },
    });
    expect(reasonOf(clash)).toBeInstanceOf(IdempotencyConflict);
    // Judged after the first append of the group to the same stream, as if it had run alone after it.
    expect(reasonOf(raced)).toBeInstanceOf(StreamVersionConflict);
    expect(reasonOf(raced)).toMatchObject({ actualVersion: 1n });
    expect(next).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 2n } });
    expect(fresh2).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 2n } });
    expect(types(store.db, 'existing')).toEqual(['Opened']);
    expect(types(store.db, 'other')).toEqual([]);
    expect(types(store.db, 'fresh-1')).toEqual(['Opened', 'Second']);
    expect(types(store.db, 'fresh-2')).toEqual(['Opened', 'Noted']);
    // Global positions follow the order the appends were made in.
    const positions = outcomes.flatMap((o) =>
      o.status === 'fulfilled' && !o.value.alreadyAppended ? [o.value.lastGlobalPosition] : [],
    );
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    await store.close();
  });

  it('appends made in one turn share one transaction: if its commit fails, every one of them fails and none is stored', async () => {
    const store = new SqliteEventStore(freshFile());
    // A deferred foreign key is checked at COMMIT: an event of type Poisoned makes the whole transaction's commit fail.
    store.db.exec(`
      CREATE TABLE poison_target (id TEXT PRIMARY KEY);
      CREATE TABLE poison (ref TEXT REFERENCES poison_target (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER poison_commit AFTER INSERT ON es_events WHEN NEW.type = 'Poisoned'
      BEGIN INSERT INTO poison (ref) VALUES ('missing'); END;
    `);

    const outcomes = await Promise.allSettled([
      store.append('a', [newEvent('Fine', {})], { expectedVersion: 'no_stream' }),
      store.append('b', [newEvent('Poisoned', {})], { expectedVersion: 'no_stream' }),
      store.append('c', [newEvent('Fine', {})], { expectedVersion: 'no_stream' }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(store.db.prepare('SELECT count(*) FROM es_events').pluck().get()).toBe(0);
    // The next turn's appends are a group of their own.
    await expect(
      store.append('a', [newEvent('Fine', {})], { expectedVersion: 'no_stream' }),
    ).resolves.toMatchObject({ nextExpectedVersion: 1n });
    await store.close();
  });

  it('acknowledges appends only once the WAL is flushed to disk; groups committed meanwhile share the next flush', async () => {
    const flushes: (() => void)[] = [];
    const fsync: SqliteEventStoreOptions['fsync'] = (_fd, done) =>
      void flushes.push(() => done(null));
    const file = freshFile();
    const store = new SqliteEventStore(file, { fsync });
    const other = new Database(file, { readonly: true });

    // Two appends in one turn: a group, whose flush is handed to the thread pool.
    const first = store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' });
    const alongside = store.append('s-0', [newEvent('Zero', {})], { expectedVersion: 'no_stream' });
    expect(await settled(first)).toBe('pending');
    expect(await settled(alongside)).toBe('pending');
    // Committed (another connection sees it) but not acknowledged: the flush has not completed.
    expect(types(other, 's-1')).toEqual(['One']);
    expect(flushes).toHaveLength(1);

    const second = store.append('s-2', [newEvent('Two', {})], { expectedVersion: 'no_stream' });
    expect(await settled(second)).toBe('pending');
    const third = store.append('s-3', [newEvent('Three', {})], { expectedVersion: 'no_stream' });
    expect(await settled(third)).toBe('pending');
    // The flush under way started before these commits, so it cannot vouch for them.
    flushes.shift()!();
    expect(await settled(first)).toMatchObject({ nextExpectedVersion: 1n });
    expect(await settled(alongside)).toMatchObject({ nextExpectedVersion: 1n });
    expect(await settled(second)).toBe('pending');
    expect(await settled(third)).toBe('pending');
    expect(flushes).toHaveLength(1);

    flushes.shift()!();
    const acknowledged = await Promise.all([second, third]);
    expect(acknowledged.map((r: AppendResult) => r.nextExpectedVersion)).toEqual([1n, 1n]);
    other.close();
    await store.close();
  });

  it("a lone append with no flush under way commits with SQLite's own synchronous flush", async () => {
    const flushes: (() => void)[] = [];
    const fsync: SqliteEventStoreOptions['fsync'] = (_fd, done) =>
      void flushes.push(() => done(null));
    const store = new SqliteEventStore(freshFile(), { fsync });

    await store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' });
    await store.append('s-1', [newEvent('Two', {})], { expectedVersion: 1n });

    expect(flushes).toHaveLength(0);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('a read answers only once what it saw is on disk, so nothing is acted on before it is durable', async () => {
    const flushes: (() => void)[] = [];
    const fsync: SqliteEventStoreOptions['fsync'] = (_fd, done) =>
      void flushes.push(() => done(null));
    const store = new SqliteEventStore(freshFile(), { fsync });

    // Two appends in one turn: a group, flushed on the thread pool.
    const append = store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' });
    const alongside = store.append('s-2', [newEvent('Two', {})], { expectedVersion: 'no_stream' });
    expect(await settled(append)).toBe('pending');
    const stream = store.readStream('s-1');
    const log = store.readAll(null, 10);
    expect(await settled(stream)).toBe('pending');
    expect(await settled(log)).toBe('pending');

    flushes.shift()!();
    expect((await stream).events.map((e) => e.type)).toEqual(['One']);
    expect((await log).events.map((e) => e.type)).toEqual(['One', 'Two']);
    await Promise.all([append, alongside]);
    // With nothing waiting for the disk, a read answers at once.
    expect(await settled(store.readStream('s-1'))).toMatchObject({ version: 1n });
    expect(flushes).toHaveLength(0);
    await store.close();
  });

  it('after a failed flush the appends fail as unavailable and the store refuses further work', async () => {
    const fsync: SqliteEventStoreOptions['fsync'] = (_fd, done) =>
      done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    const store = new SqliteEventStore(freshFile(), { fsync });

    const group = await Promise.allSettled([
      store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' }),
      store.append('s-2', [newEvent('Two', {})], { expectedVersion: 'no_stream' }),
    ]);
    for (const outcome of group) expect(reasonOf(outcome)).toBeInstanceOf(EventStoreUnavailable);
    await expect(
      store.append('s-3', [newEvent('Three', {})], { expectedVersion: 'no_stream' }),
    ).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream('s-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
    await store.close();
  });

  it('keeps the connection at synchronous FULL for every other transaction', async () => {
    const store = new SqliteEventStore(freshFile());
    await Promise.all([
      store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' }),
      store.append('s-2', [newEvent('Two', {})], { expectedVersion: 'no_stream' }),
    ]);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('inside a transaction the caller holds, appends at once as part of it', async () => {
    const store = new SqliteEventStore(freshFile());
    store.db.exec('BEGIN IMMEDIATE');
    await store.append('s-1', [newEvent('One', {})], { expectedVersion: 'no_stream' });
    await expect(
      store.append('s-1', [newEvent('Two', {})], { expectedVersion: 'no_stream' }),
    ).rejects.toBeInstanceOf(StreamVersionConflict);
    store.db.exec('ROLLBACK');
    expect(types(store.db, 's-1')).toEqual([]);
    await store.close();
  });

  it('inside a transaction the caller holds, a stored id is a replay or a clash, and undoes only that append', async () => {
    const store = new SqliteEventStore(freshFile());
    const first = newEvent('One', { n: 1 });
    await store.append('s-1', [first], { expectedVersion: 'no_stream' });
    store.db.exec('BEGIN IMMEDIATE');
    await store.append('s-2', [newEvent('Kept', {})], { expectedVersion: 'no_stream' });
    // The stream is at the expected version, so the ids are only found when an insert hits the unique index.
    await expect(store.append('s-1', [first], { expectedVersion: 'any' })).resolves.toMatchObject({
      alreadyAppended: true,
      nextExpectedVersion: 1n,
    });
    await expect(
      store.append('s-3', [newEvent('Written', {}), { ...first, data: { n: 2 } }], {
        expectedVersion: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflict);
    await store.append('s-4', [newEvent('After', {})], { expectedVersion: 'no_stream' });
    store.db.exec('COMMIT');

    expect(types(store.db, 's-1')).toEqual(['One']);
    expect(types(store.db, 's-2')).toEqual(['Kept']);
    expect(types(store.db, 's-3')).toEqual([]);
    expect(types(store.db, 's-4')).toEqual(['After']);
    await expect(store.readStream('s-3')).resolves.toMatchObject({ streamExists: false });
    await store.close();
  });

  it('a process killed in the middle of a group loses no acknowledged append and keeps none of that group', () => {
    const file = freshFile();
    // The child acknowledges five groups of five appends, then is killed (SIGKILL) by a trigger while the sixth
    // group's transaction is half written.
    const child = spawnSync(process.execPath, ['-e', CRASHING_WRITER], {
      cwd: join(__dirname, '..', '..', '..', '..'),
      env: { ...process.env, STORE_MODULE: join(__dirname, 'sqlite.event-store.ts'), FILE: file },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.signal).toBe('SIGKILL');
    const acknowledged = child.stdout.split('\n').filter((line) => line !== '');
    expect(acknowledged).toHaveLength(25);

    const db = new Database(file);
    const streams = db
      .prepare('SELECT stream_id FROM es_events ORDER BY global_position')
      .pluck()
      .all();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(streams).toEqual(acknowledged);
  });
});

/**
 * Run by `node -e` in the crash test: loads the store's TypeScript through the compiler, appends five acknowledged
 * groups (printing each acknowledged stream, synchronously), then a sixth group whose fourth event fires a trigger
 * that kills the process in the middle of the transaction.
 */
const CRASHING_WRITER = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) =>
  module._compile(
    ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText,
    filename,
  );
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require(process.env.STORE_MODULE);
const store = new SqliteEventStore(process.env.FILE);
store.db.function('crash', () => process.kill(process.pid, 'SIGKILL'));
store.db.exec("CREATE TRIGGER crash AFTER INSERT ON es_events WHEN NEW.type = 'Crash' BEGIN SELECT crash(); END");
const event = (type) => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { recordedAt: '2025-01-01T00:00:00.000Z', actor: 't', correlationId: 'c', causationId: 'c', schemaVersion: 1 },
});
(async () => {
  for (let group = 0; group < 5; group++) {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store
          .append('s-' + group + '-' + i, [event('Fine')], { expectedVersion: 'no_stream' })
          .then(() => fs.writeSync(1, 's-' + group + '-' + i + '\\n')),
      ),
    );
  }
  for (let i = 0; i < 5; i++) {
    store
      .append('crashed-' + i, [event(i === 3 ? 'Crash' : 'Fine')], { expectedVersion: 'no_stream' })
      .then(() => fs.writeSync(1, 'crashed-' + i + '\\n'));
  }
})();
`;

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
