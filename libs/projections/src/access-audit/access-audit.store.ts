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

/**
 * The append-only trail of reads, written by the API directly (not as events: a read is not a fact of the case, and
 * an event per read would grow every case stream, move its version under concurrent writers and wake every
 * projection). It lives in the same database as the read models, so it survives restarts like they do.
 *
 * `append` resolves once the rows are committed; callers await it before returning case data, so a read is never
 * answered unaudited (if the trail cannot be written, the read fails). Appends made while a commit is under way, or
 * in the same turn of the event loop, are committed together in one transaction (group commit), which keeps the
 * cost per read to a share of one commit.
 *
 * There is deliberately no update or delete here.
 */
export class CaseReadAuditLog {
  private waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly db: ReadModelDb) {}

  /** Creates the table and its append-only guards (idempotent). */
  async init(): Promise<void> {
    await this.db.exec(accessAuditSchema[this.db.dialect]);
  }

  append(reads: readonly CaseRead[]): Promise<void> {
    if (reads.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ reads, resolve, reject });
      this.draining ??= new Promise<void>((started) => setImmediate(started)).then(() =>
        this.drain(),
      );
    });
  }

  /** The reads of one case, newest first; `after` is an entry id from a previous page. */
  async listForCase(caseId: string, first: number, after: string | null): Promise<CaseReadPage> {
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
          await this.db.writeTransaction(batch.flatMap((w) => w.reads.map(insert)));
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.draining = null;
    }
  }
}
