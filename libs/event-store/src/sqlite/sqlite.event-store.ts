import Database from 'better-sqlite3';
import {
  assertExpectedVersion,
  assertValidBatch,
  judgeReplay,
  meetsExpectedVersion,
  type StoredEventSummary,
} from '../append-rules';
import {
  EventStoreUnavailable,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type ReadAllResult,
  type ReadStreamResult,
  type RecordedEvent,
} from '../event-store.port';
import { parseDecimalCheckpoint, readLimit } from '../read-options';
import { EVENT_KEY_SQL, migrateSqlite } from './sqlite.schema';
import { WalFile, type Fsync } from './wal-file';

interface EventRow {
  global_position: bigint;
  event_id: string;
  stream_id: string;
  stream_version: bigint;
  type: string;
  data: string;
  metadata: string;
}

interface QueuedAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** An append judged and ready to write: an exact replay (nothing to write), or its rows after the stream's version. */
type AppendPlan =
  | { readonly replayed: AppendResult }
  | {
      readonly streamId: string;
      readonly current: bigint;
      readonly rows: readonly { id: string; type: string; data: string; metadata: string }[];
      /** ISO 8601 in UTC with milliseconds, as `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` gives it. */
      readonly recordedAt: string;
    };

/**
 * Runs an optimistic attempt (`careful` false) and, if it failed on a unique index (an id already stored), runs it
 * again carefully. The failed attempt's transaction or savepoint was rolled back when it threw, so it left nothing.
 */
function retriedCarefully<T>(attempt: (careful: boolean) => T): T {
  try {
    return attempt(false);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    return attempt(true);
  }
}

export interface SqliteEventStoreOptions {
  /**
   * How the write-ahead log is flushed to disk before appends are acknowledged: `fs.fsync` (the default). Replaceable
   * so a test can hold a flush back and see that nothing is acknowledged before it completes.
   */
  readonly fsync?: Fsync;
}

interface SyncWaiter {
  /** The group (by commit number) that must be on disk. */
  readonly upTo: number;
  readonly done: () => void;
  readonly failed: (error: unknown) => void;
}

const EVENT_COLUMNS = 'global_position, event_id, stream_id, stream_version, type, data, metadata';
/** SQLite's LIMIT -1 means "no limit". */
const NO_LIMIT = -1;

/**
 * Embedded store on better-sqlite3. Writes take the write lock up front (BEGIN IMMEDIATE), so there is one writer at a
 * time and commit order equals `global_position` order: a reader of the global log can never see a hole.
 * Checkpoint = the global position as a decimal string.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** One append in its own transaction, or in a savepoint when a transaction is open. */
  private readonly appendOne: (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ) => AppendResult;
  /** Commits a group of appends in one transaction, each judged before it writes. */
  private readonly groupTransaction: (group: readonly QueuedAppend[]) => Outcome[];
  /** Appends waiting for the next group commit (at the end of this turn of the event loop). */
  private queued: QueuedAppend[] = [];
  private flushScheduled = false;
  /** The WAL file this connection writes, when it has one (a file database in WAL mode); null for `:memory:`. */
  private readonly wal: WalFile | null;
  /** Groups committed without a synchronous flush so far, and how many of them are known to be on disk. */
  private committedGroups = 0;
  private durableGroups = 0;
  /** Who waits for groups to reach the disk (their appends, and reads that saw them). */
  private syncWaiters: SyncWaiter[] = [];
  /** The fsync under way, if any. */
  private syncing: Promise<void> | null = null;
  /** Set when an fsync failed: what was written may not be on disk, and the store refuses all further work. */
  private broken: unknown = null;
  private readonly readStreamTransaction: (
    streamId: string,
    from: bigint,
    limit: number,
  ) => ReadStreamResult;

  /**
   * @param source a file path (the store opens and later closes it), or an open connection shared with the app's read
   *   models (the store configures it but never closes it).
   */
  constructor(source: string | Database.Database, options: SqliteEventStoreOptions = {}) {
    this.ownsDatabase = typeof source === 'string';
    this.db = typeof source === 'string' ? new Database(source) : source;
    try {
      configure(this.db);
      migrateSqlite(this.db);
      this.statements = prepareStatements(this.db);
      const walPath = walFileOf(this.db);
      this.wal = walPath === null ? null : new WalFile(walPath, options.fsync);
    } catch (error) {
      if (this.ownsDatabase) this.db.close();
      throw error;
    }
    // Inside a transaction the caller holds, better-sqlite3 runs this one in a SAVEPOINT: an append that fails rolls
    // back only its own writes, and the caller's transaction goes on.
    const one = this.db.transaction(
      (
        streamId: string,
        events: readonly NewEvent[],
        expected: ExpectedVersion,
        careful: boolean,
      ) => this.write(this.plan(streamId, events, expected, careful)),
    );
    this.appendOne = (streamId, events, expected) =>
      retriedCarefully((careful) => one(streamId, events, expected, careful));
    // A group needs no savepoints (which would copy every page an append touches to a statement journal): every
    // refusal (conflict, idempotency clash, data that cannot be serialised) is decided by `plan`, before the append
    // writes anything. A failure while writing throws out of the group, whose transaction then rolls back whole.
    const group = this.db.transaction((appends: readonly QueuedAppend[], careful: boolean) =>
      appends.map((a): Outcome => {
        let plan: AppendPlan;
        try {
          plan = this.plan(a.streamId, a.events, a.expected, careful);
        } catch (error) {
          // A driver failure may have rolled back the whole transaction: then the group fails as one.
          if (isUnavailable(error) || !this.db.inTransaction) throw error;
          return { ok: false, error };
        }
        return { ok: true, result: this.write(plan) };
      }),
    );
    this.groupTransaction = (appends) =>
      retriedCarefully((careful) => group.immediate(appends, careful));
    // One read transaction, so the version and the events come from the same snapshot.
    this.readStreamTransaction = this.db.transaction(
      (streamId: string, from: bigint, limit: number) => {
        const version = this.statements.streamVersion.get(streamId)?.version ?? 0n;
        const rows = this.statements.readStream.all(streamId, from, limit);
        return { streamExists: version > 0n, version, events: rows.map(toRecorded) };
      },
    );
  }

  /**
   * Group commit: the appends made in one turn of the event loop (e.g. by concurrent requests) are written in one
   * `BEGIN IMMEDIATE` transaction, in the order they were made. Each is judged on its own, before it writes, exactly as
   * if it ran alone after the ones before it (its expected version, its idempotency), so one conflict fails that
   * append only; if the transaction fails as a whole, every append of the group fails and none was written.
   *
   * Durability is that of `synchronous=FULL`, without blocking the event loop on the disk (except for a lone append
   * with nothing else under way, which commits FULL): the group commits without the synchronous WAL flush, then the
   * WAL file is fsynced on the thread pool, and only then does any promise of the group settle. So nothing is
   * acknowledged before it is on disk; a crash before the fsync can lose only unacknowledged appends (whole
   * transactions: the WAL's checksums make recovery stop at the last complete commit, and a later commit is never kept
   * without the earlier ones). Reads wait the same way (see `whenDurable`), so in this process nothing is seen,
   * projected or replayed before it is durable. Groups committed while an fsync is under way share the next one.
   * Inside a transaction the caller holds on this connection (a bulk import), an append runs at once as a savepoint of
   * it, and the caller's commit makes it durable.
   */
  // Async so that a refusal before queueing is a rejection, like every other outcome.
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    assertValidBatch(streamId, events);
    this.assertUsable();
    if (this.db.inTransaction) {
      return this.guard(() => this.appendOne(streamId, events, options.expectedVersion));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queued.push({ streamId, events, expected: options.expectedVersion, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append as one group; their promises settle once the commit is on disk. */
  private flush(): void {
    this.flushScheduled = false;
    const appends = this.queued;
    this.queued = [];
    if (appends.length === 0) return;
    // A lone append with no flush under way (a sequential writer) commits with SQLite's own synchronous flush: the
    // process has nothing else to do meanwhile, and handing the fsync to the thread pool would only add a round trip.
    // Under concurrency the event loop serves other requests while the disk syncs.
    const syncLater =
      this.wal !== null && !this.db.inTransaction && (appends.length > 1 || this.syncing !== null);
    let outcomes: Outcome[];
    try {
      outcomes = this.guard(() => {
        if (!syncLater) return this.groupTransaction(appends);
        // Only this commit skips the synchronous flush: the connection (shared with the read models) keeps its
        // setting (FULL) for every other transaction.
        // (Not prepared once: SQLite applies this pragma when the statement is compiled.)
        const setting = Number(this.db.pragma('synchronous', { simple: true }));
        this.db.pragma('synchronous = NORMAL');
        try {
          return this.groupTransaction(appends);
        } finally {
          this.db.pragma(`synchronous = ${setting}`);
        }
      });
    } catch (error) {
      for (const a of appends) a.reject(error);
      return;
    }
    const settle = () =>
      appends.forEach((a, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) a.resolve(outcome.result);
        else a.reject(outcome.error);
      });
    if (!syncLater) {
      settle();
      return;
    }
    // Refusals wait too: a conflict or a replay reports versions that must not be acted on before they are durable.
    this.durableUpTo(++this.committedGroups).then(settle, (error: unknown) => {
      for (const a of appends) a.reject(error);
    });
  }

  /**
   * Resolves once every group committed so far is on disk. A read waits for it before it answers, so that nothing
   * this store returns (a stream, the log a projection reads, a replayed result) is ahead of what would survive a
   * power cut, as with synchronous=FULL.
   */
  private whenDurable(): Promise<void> {
    return this.durableUpTo(this.committedGroups);
  }

  private durableUpTo(group: number): Promise<void> {
    if (this.durableGroups >= group) return Promise.resolve();
    return new Promise((done, failed) => {
      this.syncWaiters.push({ upTo: group, done, failed });
      this.syncing ??= this.syncLoop();
    });
  }

  /** Runs fsyncs while anyone waits for one; each covers every group committed before it started. */
  private async syncLoop(): Promise<void> {
    // Starts on the next microtask, so that `syncing` is set before the loop can end and clear it.
    await Promise.resolve();
    try {
      while (this.syncWaiters.length > 0) {
        const covered = this.committedGroups;
        try {
          await this.syncWal();
        } catch (error) {
          // After a failed fsync the kernel may have dropped the unwritten pages and a later fsync would succeed
          // regardless: acknowledging anything more could lie, so the store stops here (SQLite recovers on restart).
          this.broken = error;
          const unavailable = new EventStoreUnavailable(
            `SQLite event store: the write-ahead log could not be flushed to disk (${messageOf(error)}); what was written since the last flush may not be durable. Restart the service.`,
            error,
          );
          for (const w of this.syncWaiters.splice(0)) w.failed(unavailable);
          return;
        }
        this.durableGroups = covered;
        const waiting = this.syncWaiters;
        this.syncWaiters = waiting.filter((w) => w.upTo > covered);
        for (const w of waiting) if (w.upTo <= covered) w.done();
      }
    } finally {
      this.syncing = null;
    }
  }

  private syncWal(): Promise<void> {
    return this.wal!.flush();
  }

  private assertUsable(): void {
    if (!this.db.open) throw new EventStoreUnavailable('The SQLite event store is closed.');
    if (this.broken !== null) {
      throw new EventStoreUnavailable(
        `The SQLite event store stopped after a failed fsync (${messageOf(this.broken)}); restart the service.`,
        this.broken,
      );
    }
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: bigint; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const limit = options.maxCount === undefined ? NO_LIMIT : readLimit(options.maxCount);
    const from = options.fromVersion ?? 1n;
    const result = this.guard(() => this.readStreamTransaction(streamId, from, limit));
    await this.whenDurable();
    return result;
  }

  /** The current version of each stream that exists (absent: no such stream), in one query. */
  async streamVersions(streamIds: readonly string[]): Promise<Map<string, bigint>> {
    if (streamIds.length === 0) return new Map();
    const rows = this.guard(() => this.statements.streamVersions.all(JSON.stringify(streamIds)));
    await this.whenDurable();
    return new Map(rows.map((row) => [row.stream_id, row.version]));
  }

  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    const after = checkpoint === null ? 0n : parseDecimalCheckpoint(checkpoint);
    const limit = readLimit(maxCount);
    const result = this.guard(() => {
      const events = this.statements.readAll.all(after, limit).map(toRecorded);
      return { events, checkpoint: events.at(-1)?.checkpoint ?? checkpoint };
    });
    await this.whenDurable();
    return result;
  }

  async close(): Promise<void> {
    // Appends already made are committed (or fail) and flushed to disk before the connection goes.
    if (this.db.open) this.flush();
    await this.syncing;
    this.wal?.close();
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  /**
   * Everything an append decides before it writes: replay or new, the expected version, the rows. Reads only, so a
   * refusal thrown here leaves the transaction as it was.
   *
   * Optimistic unless `careful`: when the stream is at the expected version, the ids are not looked up first, because
   * the unique index on them is searched by the inserts anyway. If one of them is already stored, an insert fails
   * with a unique violation, and the whole attempt is rolled back and made again carefully (see `retriedCarefully`),
   * which looks the ids up before anything else and so tells a replay from a clash exactly as before.
   */
  private plan(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    careful: boolean,
  ): AppendPlan {
    if (!careful) {
      const current = this.statements.streamVersion.get(streamId)?.version ?? 0n;
      // A stale version may still be a replay of an append that succeeded: the careful path decides.
      if (meetsExpectedVersion(expected, current)) return this.planRows(streamId, events, current);
    }
    // One lookup for the whole batch (usually finding nothing): is any id already stored?
    const found =
      events.length === 1
        ? [this.statements.eventById.get(events[0]!.id)].filter((r) => r !== undefined)
        : this.statements.eventsByIds.all(JSON.stringify(events.map((e) => e.id)));
    if (found.length > 0) {
      const byId = new Map(found.map((row) => [row.event_id, row]));
      const stored = events.map((e) => byId.get(e.id));
      judgeReplay(
        streamId,
        events,
        stored.map((row) => row && toSummary(row)),
      );
      // judgeReplay throws unless the whole batch is an exact replay.
      return { replayed: resultOf(stored[stored.length - 1]!, true) };
    }

    const current = this.statements.streamVersion.get(streamId)?.version ?? 0n;
    assertExpectedVersion(streamId, expected, current);
    return this.planRows(streamId, events, current);
  }

  private planRows(streamId: string, events: readonly NewEvent[], current: bigint): AppendPlan {
    // Serialised up front: a value JSON cannot hold fails this append here, not halfway through its inserts.
    const rows = events.map((event) => ({
      id: event.id,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    }));
    // One time for the append (the column's default would evaluate strftime for every row), in the same format.
    return { streamId, current, rows, recordedAt: new Date().toISOString() };
  }

  private write(plan: AppendPlan): AppendResult {
    if ('replayed' in plan) return plan.replayed;
    const { streamId, current, rows, recordedAt } = plan;
    const next = current + BigInt(rows.length);
    if (current === 0n) this.statements.insertStream.run(streamId, next);
    else this.statements.updateStream.run(next, streamId);

    let lastPosition = 0n;
    rows.forEach((row, i) => {
      lastPosition = BigInt(
        this.statements.insertEvent.run(
          row.id,
          streamId,
          current + BigInt(i + 1),
          row.type,
          row.data,
          row.metadata,
          recordedAt,
        ).lastInsertRowid,
      );
    });
    return {
      nextExpectedVersion: next,
      lastCheckpoint: lastPosition.toString(),
      lastGlobalPosition: lastPosition,
      alreadyAppended: false,
    };
  }

  /** Driver failures that mean "the store is not usable right now" become EventStoreUnavailable. */
  private guard<T>(work: () => T): T {
    this.assertUsable();
    try {
      return work();
    } catch (error) {
      if (isUnavailable(error)) {
        throw new EventStoreUnavailable(
          `SQLite event store unavailable: ${messageOf(error)}`,
          error,
        );
      }
      throw error;
    }
  }
}

/**
 * WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an acknowledged append survives a
 * power cut (a group of appends commits without the sync and is flushed before it is acknowledged: see `append`).
 */
function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

/** The WAL file of the connection's main database, or null when it has none (in memory, not in WAL mode). */
function walFileOf(db: Database.Database): string | null {
  if (db.memory) return null;
  const mode = db.pragma('journal_mode', { simple: true });
  const main = (db.pragma('database_list') as { name: string; file: string }[]).find(
    (d) => d.name === 'main',
  );
  return mode === 'wal' && main?.file ? `${main.file}-wal` : null;
}

function prepareStatements(db: Database.Database) {
  // safeIntegers: positions are 64-bit; reading them as JS numbers would silently round above 2^53.
  return {
    streamVersion: db
      .prepare<[string], { version: bigint }>('SELECT version FROM es_streams WHERE stream_id = ?')
      .safeIntegers(true),
    streamVersions: db
      .prepare<[string], { stream_id: string; version: bigint }>(
        `SELECT stream_id, version FROM es_streams
         WHERE stream_id IN (SELECT value FROM json_each(?))`,
      )
      .safeIntegers(true),
    insertStream: db.prepare<[string, bigint]>(
      'INSERT INTO es_streams (stream_id, version) VALUES (?, ?)',
    ),
    updateStream: db.prepare<[bigint, string]>(
      'UPDATE es_streams SET version = ? WHERE stream_id = ?',
    ),
    eventById: db
      .prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${EVENT_KEY_SQL('event_id')} = ${EVENT_KEY_SQL('?')}`,
      )
      .safeIntegers(true),
    // No RETURNING: the position is the row id (run().lastInsertRowid), the version is known.
    insertEvent: db
      .prepare<[string, string, bigint, string, string, string, string]>(
        `INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true),
    eventsByIds: db
      .prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM es_events
         WHERE ${EVENT_KEY_SQL('event_id')} IN (SELECT ${EVENT_KEY_SQL('value')} FROM json_each(?))`,
      )
      .safeIntegers(true),
    readStream: db
      .prepare<[string, bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM es_events
         WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
      )
      .safeIntegers(true),
    readAll: db
      .prepare<[bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM es_events
         WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .safeIntegers(true),
  };
}

const resultOf = (last: EventRow, alreadyAppended: boolean): AppendResult => ({
  nextExpectedVersion: last.stream_version,
  lastCheckpoint: last.global_position.toString(),
  lastGlobalPosition: last.global_position,
  alreadyAppended,
});

const toSummary = (row: EventRow): StoredEventSummary => ({
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
});

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as JsonObject,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: row.global_position,
  checkpoint: row.global_position.toString(),
});

const UNAVAILABLE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
]);

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return [...UNAVAILABLE_CODES].some((c) => code === c || code.startsWith(`${c}_`));
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
