import { WalFile, type Fsync } from '@app/event-store';
import type { ReadModelDb, Statement } from '../read-model-db';
import { accessAuditSchema } from './access-audit.schema';

/** One read of one case's data: who, what, when and why. */
export interface CaseRead {
  readonly caseId: string;
  /** ISO 8601 instant, from the service clock. */
  readonly readAt: string;
  readonly readerId: string;
  readonly readerRole: string;
  readonly readerOrganisation: string | null;
  /** The GraphQL field that returned the data, e.g. `Query.case`, `Mutation.lodgeAppeal`. */
  readonly operation: string;
  /** Why: the reader's stated purpose (`x-access-purpose`) or the default for their role. */
  readonly purpose: string;
}

export interface CaseReadEntry extends CaseRead {
  /** Position in the trail (increasing); the cursor for paging. */
  readonly id: string;
}

export interface CaseReadPage {
  readonly entries: readonly CaseReadEntry[];
  readonly hasNextPage: boolean;
}

interface Waiting {
  readonly reads: readonly CaseRead[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const insert = (read: CaseRead): Statement => ({
  sql: `INSERT INTO audit_case_reads
          (case_id, read_at, reader_id, reader_role, reader_organisation, operation, purpose)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  params: [
    read.caseId,
    read.readAt,
    read.readerId,
    read.readerRole,
    read.readerOrganisation,
    read.operation,
    read.purpose,
  ],
});

export interface CaseReadAuditLogOptions {
  readonly fsync?: Fsync;
}

/**
 * The append-only trail of reads, written by the API directly (not as events: a read is not a fact of the case, and
 * an event per read would grow every case stream, move its version under concurrent writers and wake every
 * projection). It lives in the same database as the read models, so it survives restarts like they do.
 *
 * `append` resolves once the rows are committed and on disk; callers await it before returning case data, so a read
 * is never answered unaudited (if the trail cannot be written, the read fails). Appends made while a commit is under
 * way, or in the same turn of the event loop, are committed together in one transaction (group commit), which keeps
 * the cost per read to a share of one commit.
 *
 * On a SQLite file in WAL mode the commit does not wait for the disk on the event loop: the transaction is committed
 * with `synchronous=NORMAL` (the WAL is written, not flushed), then the WAL file is fsynced on the thread pool, and
 * only then do the appends resolve — the durability of `synchronous=FULL`, which the connection keeps for everything
 * else. A crash before that fsync can lose only reads that were not answered yet (the WAL's checksums make recovery
 * stop at the last complete commit; a later commit is never kept without the earlier ones). An fsync on a busy disk
 * takes milliseconds, sometimes tens of them, and the connection is the whole service's: on the event loop, every
 * request in flight would wait for it. If an fsync fails, nothing more is acknowledged: every later read fails until
 * the service is restarted (after a failed fsync the kernel may have dropped the unwritten pages, and a later fsync
 * would succeed regardless).
 *
 * There is deliberately no update or delete here.
 */
export class CaseReadAuditLog {
  private waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;
  /** The WAL file to fsync after each commit, found by `init` (SQLite file in WAL mode); null otherwise. */
  private wal: WalFile | null = null;
  /** The fsync under way (what `listForCase` waits for, so it never lists a read that is not on disk yet). */
  private syncing: Promise<void> | null = null;
  private broken: unknown = null;
  constructor(
    private readonly db: ReadModelDb,
    private readonly options: CaseReadAuditLogOptions = {},
  ) {}

  /** Creates the table and its append-only guards (idempotent). */
  async init(): Promise<void> {
    await this.db.exec(accessAuditSchema[this.db.dialect]);
    const walPath = this.db.dialect === 'sqlite' ? await walFileOf(this.db) : null;
    this.wal = walPath === null ? null : new WalFile(walPath, this.options.fsync);
  }

  append(reads: readonly CaseRead[]): Promise<void> {
    if (reads.length === 0) return Promise.resolve();
    if (this.broken !== null) return Promise.reject(this.unavailable());
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ reads, resolve, reject });
      this.draining ??= new Promise<void>((started) => setImmediate(started)).then(() =>
        this.drain(),
      );
    });
  }

  /** The reads of one case, newest first; `after` is an entry id from a previous page. */
  async listForCase(caseId: string, first: number, after: string | null): Promise<CaseReadPage> {
    if (this.syncing) await this.syncing.catch(() => undefined);
    if (this.broken !== null) throw this.unavailable();
    const params: unknown[] = [caseId, first + 1];
    let where = 'case_id = $1';
    if (after !== null) {
      params.push(Number(after));
      where += ' AND id < $3';
    }
    const rows = await this.db.query<{
      id: number | string;
      case_id: string;
      read_at: string;
      reader_id: string;
      reader_role: string;
      reader_organisation: string | null;
      operation: string;
      purpose: string;
    }>(
      `SELECT id, case_id, read_at, reader_id, reader_role, reader_organisation, operation, purpose
       FROM audit_case_reads WHERE ${where} ORDER BY id DESC LIMIT $2`,
      params,
    );
    return {
      entries: rows.slice(0, first).map((row) => ({
        id: String(row.id),
        caseId: row.case_id,
        readAt: row.read_at,
        readerId: row.reader_id,
        readerRole: row.reader_role,
        readerOrganisation: row.reader_organisation,
        operation: row.operation,
        purpose: row.purpose,
      })),
      hasNextPage: rows.length > first,
    };
  }

  /** Waits for every append made so far to be committed (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          if (this.broken !== null) throw this.unavailable();
          const statements = batch.flatMap((w) => w.reads.map(insert));
          if (this.wal === null) await this.db.writeTransaction(statements);
          else {
            const committed = this.commitWithoutFlush(statements, await this.synchronousSetting());
            // Whatever the outcome, what was written is flushed before anyone is answered or lists it.
            this.syncing = this.syncWal();
            const [commit, sync] = await Promise.allSettled([committed, this.syncing]);
            if (commit.status === 'rejected') throw commit.reason;
            if (sync.status === 'rejected') throw sync.reason;
          }
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        } finally {
          this.syncing = null;
        }
      }
    } finally {
      this.draining = null;
    }
  }

  /**
   * Commits with `synchronous=NORMAL` and sets the connection back to `setting` at once. better-sqlite3 runs the
   * three statements synchronously, in this order (their promises are settled when they are returned), so nothing
   * else uses the connection (shared with the event store and the projections) while the setting differs. The
   * promises are awaited after, so an error is the caller's either way.
   */
  private async commitWithoutFlush(
    statements: readonly Statement[],
    setting: number,
  ): Promise<void> {
    const steps: Promise<unknown>[] = [this.db.exec('PRAGMA synchronous = NORMAL')];
    try {
      steps.push(this.db.writeTransaction(statements));
    } finally {
      steps.push(this.db.exec(`PRAGMA synchronous = ${setting}`));
    }
    await Promise.all(steps);
  }

  /** The connection's `synchronous` setting (FULL in the service); anyone who changes it sets it back at once. */
  private async synchronousSetting(): Promise<number> {
    const [row] = await this.db.query<{ setting: number | bigint }>(
      'SELECT synchronous AS setting FROM pragma_synchronous',
    );
    return row ? Number(row.setting) : 2;
  }

  /** Flushes the WAL file (and so every commit before this call) on the thread pool. */
  private async syncWal(): Promise<void> {
    try {
      await this.wal!.flush();
    } catch (error) {
      this.broken = error;
      throw this.unavailable();
    }
  }

  private unavailable(): Error {
    const reason = this.broken instanceof Error ? this.broken.message : 'unknown error';
    return new Error(
      `The read audit could not be flushed to disk (${reason}); reads that cannot be audited are refused until the service is restarted.`,
    );
  }

  /** Closes the WAL descriptor (on shutdown, after `flush`). */
  close(): void {
    this.wal?.close();
  }
}

/** The WAL file of a file-backed SQLite database in WAL mode, or null (in memory, another journal mode). */
const walFileOf = async (db: ReadModelDb): Promise<string | null> => {
  const [mode] = await db.query<{ mode: string }>(
    'SELECT journal_mode AS mode FROM pragma_journal_mode',
  );
  const [main] = await db.query<{ file: string }>(
    "SELECT file FROM pragma_database_list WHERE name = 'main'",
  );
  return mode?.mode.toLowerCase() === 'wal' && main?.file ? `${main.file}-wal` : null;
};
