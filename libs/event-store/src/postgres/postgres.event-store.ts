import { Pool } from 'pg';
import { assertValidBatch } from '../append-rules';
import {
  IdempotencyConflict,
  StreamVersionConflict,
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
import { readLimit } from '../read-options';
import {
  appendManyQuery,
  appendQuery,
  fastAppendQuery,
  statementName,
  type FastAppendRow,
  interpretAppendRow,
  type AppendRow,
  type StreamAppend,
} from './postgres.append';
import { formatCheckpoint, parseCheckpoint } from './postgres.checkpoint';
import { mapUnavailable } from './postgres.errors';
import { migratePostgres, quoteIdent } from './postgres.schema';

export interface PostgresEventStoreOptions {
  /** Used to create a pool the store owns (and ends on close). Ignored when `pool` is given. */
  readonly connectionString?: string;
  /** A pool shared with the rest of the app; the store never ends it. */
  readonly pool?: Pool;
  /** PostgreSQL schema holding the `es_` tables; created if missing. Default `public`. */
  readonly schema?: string;
  /** Size of an owned pool. Default 10. */
  readonly poolSize?: number;
}

const UNIQUE_VIOLATION = '23505';

/** int8 and xid8 selected as text: pg returns them as strings anyway, and a global type parser cannot change that. */
interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

const EVENT_COLUMNS = `e.global_position::text, e.transaction_id::text, e.event_id, e.stream_id,
  e.stream_version::text, e.type, e.data, e.metadata`;

/**
 * PostgreSQL store on `pg`. Create it with `PostgresEventStore.open`, which migrates the schema first.
 * Checkpoint = `<transaction id>:<global position>` (see postgres.checkpoint.ts for why).
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly ownsPool: boolean;
  private readonly sql: ReturnType<typeof statements>;
  private closed = false;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    ownsPool: boolean,
  ) {
    this.ownsPool = ownsPool;
    this.sql = statements(quoteIdent(schema));
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`Invalid PostgreSQL schema name ${schema}.`);
    }
    let pool = options.pool;
    const ownsPool = pool === undefined;
    if (pool === undefined) {
      if (options.connectionString === undefined) {
        throw new Error('PostgresEventStore needs a connectionString or a pool.');
      }
      pool = new Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 10,
        // Fail (as EventStoreUnavailable) instead of queueing forever when the server is gone.
        connectionTimeoutMillis: 10_000,
      });
      // An idle client losing its connection emits 'error' on the pool; unhandled, that would crash the process.
      // The next query on a fresh client reports the outage instead.
      pool.on('error', () => undefined);
    }
    const store = new PostgresEventStore(pool, schema, ownsPool);
    try {
      await mapUnavailable(() => migratePostgres(store.pool, schema));
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    assertValidBatch(streamId, events);
    const expected = options.expectedVersion;
    // The common case (a new stream, or one at the version read) as one plain statement; anything else (a retry, a
    // conflict, an id already used) falls through to es_append, which judges it exactly as before.
    const fast = fastAppendQuery(this.schema, streamId, events, expected);
    if (fast !== null) {
      try {
        const result = await mapUnavailable(() => this.pool.query<FastAppendRow>(fast));
        const row = result.rows[0];
        if (row?.next_version != null && row.last_position != null) {
          const position = BigInt(row.last_position);
          return {
            nextExpectedVersion: BigInt(row.next_version),
            lastGlobalPosition: position,
            lastCheckpoint: formatCheckpoint(BigInt(row.last_txid), position),
            alreadyAppended: false,
          };
        }
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      }
    }
    const query = appendQuery(this.schema, streamId, events, expected);
    const result = await mapUnavailable(() => this.pool.query<AppendRow>(query));
    return interpretAppendRow(streamId, expected, result.rows[0]);
  }

  /**
   * Appends to many streams in one statement (one round trip, one transaction, one commit): for bulk imports. Each
   * stream is judged exactly as `append` judges it (expected version, replay, idempotency clash), and gets its own
   * result or error; a conflict on one stream does not stop the others. A failure of the statement itself (server
   * gone, a bad batch) rejects the whole call and nothing is written.
   */
  async appendMany(
    requests: readonly StreamAppend[],
  ): Promise<(AppendResult | StreamVersionConflict | IdempotencyConflict)[]> {
    if (requests.length === 0) return [];
    const streams = new Set<string>();
    for (const request of requests) {
      assertValidBatch(request.streamId, request.events);
      if (streams.has(request.streamId)) {
        throw new Error(`Stream ${request.streamId} appears twice in one multi-stream append.`);
      }
      streams.add(request.streamId);
    }
    const query = appendManyQuery(this.schema, requests);
    const result = await mapUnavailable(() => this.pool.query<AppendRow & { ord: number }>(query));
    const rows = new Map(result.rows.map((row) => [row.ord, row]));
    return requests.map((request, i) => {
      try {
        return interpretAppendRow(request.streamId, request.expectedVersion, rows.get(i + 1));
      } catch (error) {
        if (error instanceof StreamVersionConflict || error instanceof IdempotencyConflict) {
          return error;
        }
        throw error;
      }
    });
  }

  /** The current version of each stream that exists (absent: no such stream), in one query. */
  async streamVersions(streamIds: readonly string[]): Promise<Map<string, bigint>> {
    if (streamIds.length === 0) return new Map();
    const result = await mapUnavailable(() =>
      this.pool.query<{ stream_id: string; version: string }>(
        `SELECT stream_id, version::text FROM ${quoteIdent(this.schema)}.es_streams
         WHERE stream_id = ANY ($1::text[])`,
        [streamIds],
      ),
    );
    return new Map(result.rows.map((row) => [row.stream_id, BigInt(row.version)]));
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: bigint; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const limit = options.maxCount === undefined ? null : readLimit(options.maxCount);
    const from = (options.fromVersion ?? 1n).toString();
    // One statement = one snapshot: the version and the events agree.
    const result = await mapUnavailable(() =>
      this.pool.query<{ version: string } & Partial<EventRow>>({
        name: statementName('read_stream', this.schema),
        text: this.sql.readStream,
        values: [streamId, from, limit],
      }),
    );
    const first = result.rows[0];
    if (first === undefined) return { streamExists: false, version: 0n, events: [] };
    const events = result.rows
      .filter((row): row is { version: string } & EventRow => row.event_id != null)
      .map(toRecorded);
    return { streamExists: true, version: BigInt(first.version), events };
  }

  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    const after = parseCheckpoint(checkpoint);
    const limit = readLimit(maxCount);
    const result = await mapUnavailable(() =>
      this.pool.query<EventRow>(this.sql.readAll, [
        after.transactionId.toString(),
        after.globalPosition.toString(),
        limit,
      ]),
    );
    const events = result.rows.map(toRecorded);
    const next = events.at(-1)?.checkpoint ?? checkpoint;
    if (events.length >= limit) return { events, checkpoint: next };
    // Fewer than asked: the log may be done, or later commits may wait behind an open transaction.
    const held = await mapUnavailable(() =>
      this.pool.query<{ pending: boolean }>(this.sql.pendingAfter, [
        after.transactionId.toString(),
        after.globalPosition.toString(),
      ]),
    );
    return held.rows[0]?.pending === true
      ? { events, checkpoint: next, pending: true }
      : { events, checkpoint: next };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}

function statements(s: string) {
  return {
    readStream: `
      SELECT st.version::text AS version, ${EVENT_COLUMNS}
      FROM ${s}.es_streams st
      LEFT JOIN LATERAL (
        SELECT * FROM ${s}.es_events ev
        WHERE ev.stream_id = st.stream_id AND ev.stream_version >= $2::bigint
        ORDER BY ev.stream_version
        LIMIT $3
      ) e ON true
      WHERE st.stream_id = $1
      ORDER BY e.stream_version`,
    // Only rows of transactions older than the oldest still running one: every row such a transaction wrote is
    // already visible, so there is no hole behind the rows returned. Order and resume by (transaction, position).
    readAll: `
      SELECT ${EVENT_COLUMNS}
      FROM ${s}.es_events e
      WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id, e.global_position
      LIMIT $3`,
    pendingAfter: `
      SELECT EXISTS (
        SELECT 1 FROM ${s}.es_events e
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          AND e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
      ) AS pending`,
  };
}

function toRecorded(row: EventRow): RecordedEvent {
  const globalPosition = BigInt(row.global_position);
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamVersion: BigInt(row.stream_version),
    globalPosition,
    checkpoint: formatCheckpoint(BigInt(row.transaction_id), globalPosition),
  };
}
