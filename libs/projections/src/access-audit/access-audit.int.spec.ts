import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import Database from 'better-sqlite3';
import { PostgresReadModelDb } from '../postgres.read-model-db';
import type { ReadModelDb } from '../read-model-db';
import { SqliteReadModelDb } from '../sqlite.read-model-db';
import { CaseReadAuditLog, type CaseRead } from './access-audit.store';

interface Fixture {
  open(): ReadModelDb;
  close(db: ReadModelDb): Promise<void>;
  dispose(): Promise<void>;
}

const read = (n: number, caseId = 'case-1'): CaseRead => ({
  caseId,
  readAt: `2025-06-10T12:00:${String(n).padStart(2, '0')}.000Z`,
  readerId: n % 2 ? 'adv-1' : 'parent-a',
  readerRole: n % 2 ? 'ADVOCATE' : 'FAMILY',
  readerOrganisation: n % 2 ? 'ipsea' : null,
  operation: 'Query.case',
  purpose: n % 2 ? 'advocacy casework' : 'family viewing own case',
});

const auditTrail = (name: string, make: () => Promise<Fixture>) =>
  describe(`read audit trail on ${name}`, () => {
    let fx: Fixture;
    let db: ReadModelDb;
    let log: CaseReadAuditLog;
    beforeEach(async () => {
      fx = await make();
      db = fx.open();
      log = new CaseReadAuditLog(db);
      await log.init();
      await log.init(); // idempotent: a restart runs it again
    });
    afterEach(async () => {
      await fx.close(db);
      await fx.dispose();
    });

    it('appends reads and lists one case’s, newest first, with who/what/when/why', async () => {
      await log.append([read(1), read(2)]);
      await log.append([read(3, 'case-2')]);
      const page = await log.listForCase('case-1', 10, null);
      expect(page.entries.map(({ id: _id, ...rest }) => rest)).toEqual([read(2), read(1)]);
      expect(page.hasNextPage).toBe(false);
    });

    it('pages with the entry id as cursor', async () => {
      for (let n = 1; n <= 5; n++) await log.append([read(n)]);
      const first = await log.listForCase('case-1', 2, null);
      expect(first.entries.map((e) => e.readAt.slice(17, 19))).toEqual(['05', '04']);
      expect(first.hasNextPage).toBe(true);
      const next = await log.listForCase('case-1', 10, first.entries[1]!.id);
      expect(next.entries.map((e) => e.readAt.slice(17, 19))).toEqual(['03', '02', '01']);
    });

    it('commits concurrent appends together, and each caller learns when its rows are stored', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, n) => log.append([read(n)])));
      expect((await log.listForCase('case-1', 100, null)).entries).toHaveLength(20);
    });

    it('is append-only in the database too: UPDATE and DELETE are refused', async () => {
      await log.append([read(1)]);
      // What the database answers (SQLite's adapter throws synchronously, PostgreSQL's rejects).
      const attempt = async (run: () => Promise<unknown>): Promise<string> => {
        try {
          await run();
          return 'accepted';
        } catch (error) {
          return error instanceof Object && 'message' in error
            ? String(error.message)
            : String(error);
        }
      };
      const write = (sql: string) => attempt(() => db.writeTransaction([{ sql }]));
      expect(await write("UPDATE audit_case_reads SET reader_id = 'x'")).toMatch(/append-only/);
      expect(await write('DELETE FROM audit_case_reads')).toMatch(/append-only/);
      if (db.dialect === 'postgres') {
        expect(await attempt(() => db.exec('TRUNCATE audit_case_reads'))).toMatch(/append-only/);
      }
      const after = await log.listForCase('case-1', 10, null);
      expect(after.entries.map((e) => e.readerId)).toEqual(['adv-1']);
    });

    it('survives a restart (a new connection sees every committed read)', async () => {
      await log.append([read(1), read(2)]);
      await fx.close(db);
      db = fx.open();
      const reopened = new CaseReadAuditLog(db);
      await reopened.init();
      expect((await reopened.listForCase('case-1', 10, null)).entries).toHaveLength(2);
    });
  });

auditTrail('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-audit-'));
  const file = join(dir, 'audit.sqlite');
  const raws = new Map<ReadModelDb, Database.Database>();
  return Promise.resolve({
    open: () => {
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      const db = new SqliteReadModelDb(raw);
      raws.set(db, raw);
      return db;
    },
    close: (db) => {
      raws.get(db)?.close();
      return Promise.resolve();
    },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describeWithPostgres('read audit trail on PostgreSQL', ({ connectionString }) => {
  auditTrail('PostgreSQL', async () => {
    const schema = uniqueTestSchema('audit_test');
    // The app's event store creates its schema before anything else; here the test does.
    const admin = new PostgresReadModelDb({ connectionString });
    await admin.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.close();
    return {
      open: () => new PostgresReadModelDb({ connectionString, schema }),
      close: (db) => db.close(),
      dispose: () => dropTestSchema(connectionString, schema),
    };
  });
});

describe('read audit trail on a SQLite file in WAL mode: the commit waits for the disk off the event loop', () => {
  let dir: string;
  let raw: Database.Database;
  let db: SqliteReadModelDb;
  /** fsyncs the test has not let finish yet. */
  let held: { fd: number; done: (error: NodeJS.ErrnoException | null) => void }[];
  let failNext: NodeJS.ErrnoException | null;
  const fsync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
    held.push({ fd, done });
  };
  const release = async () => {
    // Let the queued work reach its fsync first.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const now = held;
    held = [];
    for (const { done } of now) done(failNext);
  };
  const settled = <T>(promise: Promise<T>) => {
    const state = { done: false, failed: null as unknown };
    promise.then(
      () => (state.done = true),
      (error: unknown) => (state.failed = error),
    );
    return state;
  };
  const count = () =>
    (raw.prepare('SELECT count(*) AS n FROM audit_case_reads').get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'send-audit-wal-'));
    raw = new Database(join(dir, 'audit.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    db = new SqliteReadModelDb(raw);
    held = [];
    failNext = null;
  });
  afterEach(() => {
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers an append only once the WAL is flushed, and leaves the connection at synchronous=FULL', async () => {
    const log = new CaseReadAuditLog(db, { fsync });
    await log.init();
    const appended = log.append([read(1)]);
    const state = settled(appended);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(held).toHaveLength(1);
    expect(count()).toBe(1); // committed…
    expect(state.done).toBe(false); // …but not acknowledged before the disk has it
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);

    // A listing waits for the flush too: it never shows a read that is not on disk.
    const listed = log.listForCase('case-1', 10, null);
    const listing = settled(listed);
    await new Promise((r) => setImmediate(r));
    expect(listing.done).toBe(false);
    await release();
    await appended;
    expect((await listed).entries).toHaveLength(1);
    log.close();
  });

  it('commits the appends made during a flush together, in the next transaction', async () => {
    const log = new CaseReadAuditLog(db, { fsync });
    await log.init();
    const first = log.append([read(1)]);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const more = Array.from({ length: 10 }, (_, n) => log.append([read(n + 2)]));
    await release();
    await first;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(count()).toBe(11);
    expect(held).toHaveLength(1); // ten reads, one commit, one flush
    await release();
    await Promise.all(more);
    log.close();
  });

  it('after a failed flush refuses every read (nothing unflushed is acknowledged), until a restart', async () => {
    const log = new CaseReadAuditLog(db, { fsync });
    await log.init();
    const appended = log.append([read(1)]);
    failNext = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    await release();
    await expect(appended).rejects.toThrow(/could not be flushed to disk \(EIO/);
    await expect(log.append([read(2)])).rejects.toThrow(/could not be flushed/);
    await expect(log.listForCase('case-1', 10, null)).rejects.toThrow(/could not be flushed/);
    log.close();

    const restarted = new CaseReadAuditLog(db);
    await restarted.init();
    await restarted.append([read(3)]);
    expect((await restarted.listForCase('case-1', 10, null)).entries.length).toBeGreaterThan(0);
    restarted.close();
  });

  it('flushes with the real fsync (the default)', async () => {
    const log = new CaseReadAuditLog(db);
    await log.init();
    await Promise.all([log.append([read(1)]), log.append([read(2)])]);
    expect(count()).toBe(2);
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    log.close();
  });
});
