import {
  IdempotencyConflict,
  StreamVersionConflict,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
} from '../event-store.port';
import { quoteIdent } from './postgres.schema';
import { formatCheckpoint } from './postgres.checkpoint';

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
): { text: string; values: unknown[] } {
  const kind = typeof expected === 'bigint' ? 'exact' : expected;
  return {
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
): { text: string; values: unknown[] } {
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
