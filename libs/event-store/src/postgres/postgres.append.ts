import {
  IdempotencyConflict,
  StreamVersionConflict,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
} from '../event-store.port';
import { createHash } from 'node:crypto';
import { quoteIdent } from './postgres.schema';
import { formatCheckpoint } from './postgres.checkpoint';

/**
 * A name for a statement of this schema, so `pg` prepares it once per connection (parse and plan are a third of a
 * single-event append otherwise). The text of a name never changes for a given schema and kind.
 */
export const statementName = (kind: string, schema: string): string =>
  `es_${kind}_${createHash('sha1').update(schema).digest('hex').slice(0, 16)}`;

/** The row `es_append` returns; int8 and xid8 are cast to text so no global type parser can change their shape. */
export interface AppendRow {
  status: 'appended' | 'already_appended' | 'version_conflict' | 'idempotency_conflict';
  next_version: string | null;
  last_position: string | null;
  last_txid: string | null;
  conflict_event_id: string | null;
  detail: string | null;
}

/**
 * The one statement of an append. Exported so a test can run exactly this inside a transaction it holds open.
 */
export function appendQuery(
  schema: string,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): { name: string; text: string; values: unknown[] } {
  const kind = typeof expected === 'bigint' ? 'exact' : expected;
  return {
    name: statementName('append', schema),
    text: `SELECT status, next_version::text, last_position::text, last_txid::text, conflict_event_id, detail
           FROM ${quoteIdent(schema)}.es_append($1, $2, $3, $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])`,
    values: [
      streamId,
      kind,
      typeof expected === 'bigint' ? expected.toString() : null,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ],
  };
}

/** The row of the fast path: the new version and last position, or nulls when it did not apply. */
export interface FastAppendRow {
  next_version: string | null;
  last_position: string | null;
  last_txid: string;
}

/**
 * The common case in one plain statement, without the stored procedure: a new stream (`no_stream`, or exact 0) or a
 * stream at an exact version gets its events. Returns nulls when it did not apply (the stream exists, or is not at
 * that version): then `es_append` decides (a retry of a write that succeeded, or a real conflict). An id already
 * stored makes it fail with a unique violation, and `es_append` judges that too. So every outcome other than a plain
 * success is still `es_append`'s. Null for `any` and `stream_exists` (always `es_append`).
 */
export function fastAppendQuery(
  schema: string,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): { name: string; text: string; values: unknown[] } | null {
  if (expected === 'any' || expected === 'stream_exists') return null;
  const s = quoteIdent(schema);
  const isNew = expected === 'no_stream' || expected === 0n;
  const stream = isNew
    ? `INSERT INTO ${s}.es_streams (stream_id, version) VALUES ($1, $2)
       ON CONFLICT (stream_id) DO NOTHING RETURNING version`
    : `UPDATE ${s}.es_streams SET version = version + $2 WHERE stream_id = $1 AND version = $7::bigint
       RETURNING version`;
  const only = events.length === 1 ? events[0] : undefined;
  if (only !== undefined) {
    // One event: plain parameters, no arrays to build and parse.
    return {
      name: statementName(isNew ? 'fast_new_1' : 'fast_exact_1', schema),
      text: `WITH st AS (${stream}), ins AS (
               INSERT INTO ${s}.es_events (event_id, stream_id, stream_version, type, data, metadata)
               SELECT $3::uuid, $1, st.version, $4, $5::jsonb, $6::jsonb FROM st
               RETURNING global_position)
             SELECT (SELECT version FROM st)::text AS next_version, (SELECT max(global_position) FROM ins)::text AS last_position,
                    pg_current_xact_id()::text AS last_txid`,
      values: [
        streamId,
        1,
        only.id,
        only.type,
        JSON.stringify(only.data),
        JSON.stringify(only.metadata),
        ...(isNew ? [] : [expected.toString()]),
      ],
    };
  }
  // Several events: data and metadata as one JSON array each (no jsonb[] literal to escape and parse).
  return {
    name: statementName(isNew ? 'fast_new_n' : 'fast_exact_n', schema),
    text: `WITH st AS (${stream}), ins AS (
             INSERT INTO ${s}.es_events (event_id, stream_id, stream_version, type, data, metadata)
             SELECT n.id, $1, st.version - $2 + n.ord, n.type, d.data, m.metadata
             FROM st, unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS n (id, type, ord)
             JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS d (data, ord) ON d.ord = n.ord
             JOIN jsonb_array_elements($6::jsonb) WITH ORDINALITY AS m (metadata, ord) ON m.ord = n.ord
             ORDER BY n.ord
             RETURNING global_position)
           SELECT (SELECT version FROM st)::text AS next_version, (SELECT max(global_position) FROM ins)::text AS last_position,
                  pg_current_xact_id()::text AS last_txid`,
    values: [
      streamId,
      events.length,
      events.map((e) => e.id),
      events.map((e) => e.type),
      JSON.stringify(events.map((e) => e.data)),
      JSON.stringify(events.map((e) => e.metadata)),
      ...(isNew ? [] : [expected.toString()]),
    ],
  };
}

/** One stream's part of a multi-stream append (`appendManyQuery`). */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

/**
 * One statement appending to many streams (`es_append_many`): each stream is judged as a single append would be
 * (expected version, replay, idempotency clash), all in the statement's one transaction, so one round trip and one
 * commit for the lot. The events of all streams travel as flat arrays; each stream takes its slice. Rows come back
 * in request order (`ord`), one per stream.
 */
export function appendManyQuery(
  schema: string,
  requests: readonly StreamAppend[],
): { name: string; text: string; values: unknown[] } {
  const streamIds: string[] = [];
  const kinds: string[] = [];
  const expected: (string | null)[] = [];
  const counts: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const datas: string[] = [];
  const metadatas: string[] = [];
  for (const request of requests) {
    const version = request.expectedVersion;
    streamIds.push(request.streamId);
    kinds.push(typeof version === 'bigint' ? 'exact' : version);
    expected.push(typeof version === 'bigint' ? version.toString() : null);
    counts.push(request.events.length);
    for (const event of request.events) {
      ids.push(event.id);
      types.push(event.type);
      datas.push(JSON.stringify(event.data));
      metadatas.push(JSON.stringify(event.metadata));
    }
  }
  return {
    name: statementName('append_many', schema),
    text: `SELECT ord, status, next_version::text, last_position::text, last_txid::text, conflict_event_id, detail
           FROM ${quoteIdent(schema)}.es_append_many($1::text[], $2::text[], $3::bigint[], $4::int[],
                $5::uuid[], $6::text[], $7::jsonb[], $8::jsonb[])`,
    values: [streamIds, kinds, expected, counts, ids, types, datas, metadatas],
  };
}

/** Turns the function's answer into the port's result or error. */
export function interpretAppendRow(
  streamId: string,
  expected: ExpectedVersion,
  row: AppendRow | undefined,
): AppendResult {
  if (row === undefined) throw new Error('es_append returned no row.');
  switch (row.status) {
    case 'appended':
    case 'already_appended': {
      const position = BigInt(row.last_position!);
      return {
        nextExpectedVersion: BigInt(row.next_version!),
        lastGlobalPosition: position,
        lastCheckpoint: formatCheckpoint(BigInt(row.last_txid!), position),
        alreadyAppended: row.status === 'already_appended',
      };
    }
    case 'version_conflict':
      throw new StreamVersionConflict(streamId, expected, BigInt(row.next_version!));
    case 'idempotency_conflict':
      throw new IdempotencyConflict(streamId, row.conflict_event_id!, row.detail ?? 'unknown');
    default: {
      const unknown: never = row.status;
      throw new Error(`es_append returned an unknown status ${String(unknown)}.`);
    }
  }
}
