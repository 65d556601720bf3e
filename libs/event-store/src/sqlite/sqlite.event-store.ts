import Database from 'better-sqlite3';
import {
  assertExpectedVersion,
  assertValidBatch,
  judgeReplay,
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
import { migrateSqlite } from './sqlite.schema';

interface EventRow {
  global_position: bigint;
  event_id: string;
  stream_id: string;
  stream_version: bigint;
  type: string;
  data: string;
  metadata: string;
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
  private readonly appendTransaction: (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ) => AppendResult;
  private readonly readStreamTransaction: (
    streamId: string,
    from: bigint,
    limit: number,
  ) => ReadStreamResult;

  /**
   * @param source a file path (the store opens and later closes it), or an open connection shared with the app's read
   *   models (the store configures it but never closes it).
   */
  constructor(source: string | Database.Database) {
    this.ownsDatabase = typeof source === 'string';
    this.db = typeof source === 'string' ? new Database(source) : source;
    try {
      configure(this.db);
      migrateSqlite(this.db);
      this.statements = prepareStatements(this.db);
    } catch (error) {
      if (this.ownsDatabase) this.db.close();
      throw error;
    }
    const transaction = this.db.transaction(this.appendInTransaction.bind(this));
    this.appendTransaction = (streamId, events, expected) =>
      transaction.immediate(streamId, events, expected);
    // One read transaction, so the version and the events come from the same snapshot.
    this.readStreamTransaction = this.db.transaction(
      (streamId: string, from: bigint, limit: number) => {
        const version = this.statements.streamVersion.get(streamId)?.version ?? 0n;
        const rows = this.statements.readStream.all(streamId, from, limit);
        return { streamExists: version > 0n, version, events: rows.map(toRecorded) };
      },
    );
  }

  // better-sqlite3 is synchronous; the async signature is the port's.
  // eslint-disable-next-line @typescript-eslint/require-await
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    assertValidBatch(streamId, events);
    return this.guard(() => this.appendTransaction(streamId, events, options.expectedVersion));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async readStream(
    streamId: string,
    options: { fromVersion?: bigint; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const limit = options.maxCount === undefined ? NO_LIMIT : readLimit(options.maxCount);
    const from = options.fromVersion ?? 1n;
    return this.guard(() => this.readStreamTransaction(streamId, from, limit));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    const after = checkpoint === null ? 0n : parseDecimalCheckpoint(checkpoint);
    const limit = readLimit(maxCount);
    return this.guard(() => {
      const events = this.statements.readAll.all(after, limit).map(toRecorded);
      return { events, checkpoint: events.at(-1)?.checkpoint ?? checkpoint };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private appendInTransaction(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): AppendResult {
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
      return resultOf(stored[stored.length - 1]!, true);
    }

    const current = this.statements.streamVersion.get(streamId)?.version ?? 0n;
    assertExpectedVersion(streamId, expected, current);
    const next = current + BigInt(events.length);
    if (current === 0n) this.statements.insertStream.run(streamId, next);
    else this.statements.updateStream.run(next, streamId);

    let lastPosition = 0n;
    events.forEach((event, i) => {
      lastPosition = BigInt(
        this.statements.insertEvent.run(
          event.id,
          streamId,
          current + BigInt(i + 1),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
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
    if (!this.db.open) throw new EventStoreUnavailable('The SQLite event store is closed.');
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

/** WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an acknowledged append survives a power cut. */
function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function prepareStatements(db: Database.Database) {
  // safeIntegers: positions are 64-bit; reading them as JS numbers would silently round above 2^53.
  return {
    streamVersion: db
      .prepare<[string], { version: bigint }>('SELECT version FROM es_streams WHERE stream_id = ?')
      .safeIntegers(true),
    insertStream: db.prepare<[string, bigint]>(
      'INSERT INTO es_streams (stream_id, version) VALUES (?, ?)',
    ),
    updateStream: db.prepare<[bigint, string]>(
      'UPDATE es_streams SET version = ? WHERE stream_id = ?',
    ),
    eventById: db
      .prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE event_id = ?`)
      .safeIntegers(true),
    // No RETURNING: the position is the row id (run().lastInsertRowid), the version is known.
    insertEvent: db
      .prepare<[string, string, bigint, string, string, string]>(
        `INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true),
    eventsByIds: db
      .prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM es_events
         WHERE event_id IN (SELECT value FROM json_each(?))`,
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
