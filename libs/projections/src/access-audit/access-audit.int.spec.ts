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
