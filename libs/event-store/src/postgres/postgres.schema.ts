import type { Pool } from 'pg';

/** `"name"` with embedded quotes doubled: schema names come from configuration, never from users, but still. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Numbered, append-only migrations; each step runs once per schema, recorded in `es_schema_migrations`. Objects are
 * schema-qualified everywhere (no reliance on `search_path`), so the store can live in any schema.
 */
const migrations = (s: string): readonly { readonly version: number; readonly sql: string }[] => [
  {
    version: 1,
    sql: `
CREATE TABLE ${s}.es_streams (
  stream_id text   PRIMARY KEY,
  version   bigint NOT NULL CHECK (version > 0)
);

CREATE TABLE ${s}.es_events (
  global_position bigserial NOT NULL,
  -- The writing transaction: readers only pass rows whose transaction is older than every running one (see readAll).
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL CONSTRAINT es_events_event_id_unique UNIQUE,
  stream_id       text        NOT NULL REFERENCES ${s}.es_streams (stream_id),
  stream_version  bigint      NOT NULL,
  type            text        NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT es_events_stream_version_pk PRIMARY KEY (stream_id, stream_version)
);

CREATE INDEX es_events_transaction_order ON ${s}.es_events (transaction_id, global_position);

-- Is this batch new (no row), an exact replay of an earlier write ('already_appended' + the original result), or a
-- clash ('idempotency_conflict' + the first offending id)? Metadata is not compared: a retry has a new recordedAt.
CREATE FUNCTION ${s}.es_judge_replay(p_stream_id text, p_ids uuid[], p_types text[], p_datas jsonb[])
RETURNS TABLE (status text, next_version bigint, last_position bigint, last_txid xid8,
               conflict_event_id uuid, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := cardinality(p_ids);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids)) THEN
    RETURN;
  END IF;

  RETURN QUERY
  WITH batch AS (
    SELECT n.id, n.type, n.data, n.ord
    FROM unnest(p_ids, p_types, p_datas) WITH ORDINALITY AS n (id, type, data, ord)
  ), judged AS (
    SELECT b.id, b.ord,
           CASE
             WHEN e.event_id IS NULL THEN 'only part of the batch was written before'
             WHEN e.stream_id <> p_stream_id THEN 'it belongs to stream ' || e.stream_id
             WHEN e.type <> b.type OR e.data <> b.data THEN 'the stored event has another type or data'
             -- A replay is the same batch: consecutive and in the same order as the first stored event.
             WHEN e.stream_version <> first_value(e.stream_version) OVER (ORDER BY b.ord) + b.ord - 1
               THEN 'the stored events are in another order'
           END AS problem
    FROM batch b LEFT JOIN ${s}.es_events e ON e.event_id = b.id
  )
  SELECT 'idempotency_conflict', NULL::bigint, NULL::bigint, NULL::xid8, j.id, j.problem
  FROM judged j WHERE j.problem IS NOT NULL ORDER BY j.ord LIMIT 1;
  IF FOUND THEN
    RETURN;
  END IF;

  RETURN QUERY
  SELECT 'already_appended', e.stream_version, e.global_position, e.transaction_id, NULL::uuid, NULL::text
  FROM ${s}.es_events e WHERE e.event_id = p_ids[v_count];
END
$fn$;

-- One round trip per append: replay check, expected-version check, insert. Returns one row:
-- ('appended' | 'already_appended', next_version, last_position, last_txid) or ('version_conflict', actual version)
-- or ('idempotency_conflict', ..., conflict_event_id, detail). p_expected_kind: any | no_stream | stream_exists | exact.
CREATE FUNCTION ${s}.es_append(p_stream_id text, p_expected_kind text, p_expected_version bigint,
                               p_ids uuid[], p_types text[], p_datas jsonb[], p_metadatas jsonb[])
RETURNS TABLE (status text, next_version bigint, last_position bigint, last_txid xid8,
               conflict_event_id uuid, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count int := cardinality(p_ids);
  v_next bigint;
  v_last_position bigint;
  v_constraint text;
BEGIN
  IF coalesce(v_count, 0) = 0 OR cardinality(p_types) IS DISTINCT FROM v_count
     OR cardinality(p_datas) IS DISTINCT FROM v_count OR cardinality(p_metadatas) IS DISTINCT FROM v_count THEN
    RAISE EXCEPTION 'es_append: empty batch or arrays of different lengths' USING ERRCODE = '22023';
  END IF;

  -- Before the version check: a retry of a write that succeeded must get the original result although the stream moved.
  RETURN QUERY SELECT * FROM ${s}.es_judge_replay(p_stream_id, p_ids, p_types, p_datas);
  IF FOUND THEN
    RETURN;
  END IF;

  BEGIN
    -- Each branch locks the stream row; a concurrent writer waits here, then sees the committed version.
    IF p_expected_kind = 'any' THEN
      INSERT INTO ${s}.es_streams AS st (stream_id, version) VALUES (p_stream_id, v_count)
      ON CONFLICT (stream_id) DO UPDATE SET version = st.version + v_count
      RETURNING st.version INTO v_next;
    ELSIF p_expected_kind = 'no_stream' OR (p_expected_kind = 'exact' AND p_expected_version = 0) THEN
      INSERT INTO ${s}.es_streams (stream_id, version) VALUES (p_stream_id, v_count)
      ON CONFLICT (stream_id) DO NOTHING
      RETURNING version INTO v_next;
    ELSIF p_expected_kind = 'stream_exists' THEN
      UPDATE ${s}.es_streams SET version = version + v_count WHERE stream_id = p_stream_id
      RETURNING version INTO v_next;
    ELSIF p_expected_kind = 'exact' THEN
      UPDATE ${s}.es_streams SET version = version + v_count
      WHERE stream_id = p_stream_id AND version = p_expected_version
      RETURNING version INTO v_next;
    ELSE
      RAISE EXCEPTION 'es_append: unknown expected kind %', p_expected_kind USING ERRCODE = '22023';
    END IF;

    IF v_next IS NOT NULL THEN
      -- ORDER BY ord: global positions are drawn in batch order.
      WITH inserted AS (
        INSERT INTO ${s}.es_events (event_id, stream_id, stream_version, type, data, metadata)
        SELECT n.id, p_stream_id, v_next - v_count + n.ord, n.type, n.data, n.metadata
        FROM unnest(p_ids, p_types, p_datas, p_metadatas) WITH ORDINALITY AS n (id, type, data, metadata, ord)
        ORDER BY n.ord
        RETURNING global_position
      )
      SELECT max(i.global_position) INTO v_last_position FROM inserted i;
    END IF;
  EXCEPTION WHEN unique_violation THEN
    -- The block (stream version bump included) is rolled back. An id already taken means a concurrent write of the
    -- same ids committed first: judged below like any replay.
    GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
    IF v_constraint <> 'es_events_event_id_unique' THEN
      RAISE;
    END IF;
    v_next := NULL;
  END;

  IF v_next IS NULL THEN
    -- Version conflict or lost id race; a concurrent identical retry may be the winner, so judge the replay again.
    RETURN QUERY SELECT * FROM ${s}.es_judge_replay(p_stream_id, p_ids, p_types, p_datas);
    IF FOUND THEN
      RETURN;
    END IF;
    RETURN QUERY
    SELECT 'version_conflict', coalesce((SELECT st.version FROM ${s}.es_streams st WHERE st.stream_id = p_stream_id), 0),
           NULL::bigint, NULL::xid8, NULL::uuid, NULL::text;
    RETURN;
  END IF;

  RETURN QUERY SELECT 'appended', v_next, v_last_position, pg_current_xact_id(), NULL::uuid, NULL::text;
END
$fn$;
`,
  },
  {
    version: 2,
    sql: `
-- The foreign key from es_events to es_streams checked every inserted event with a key-share lock on its stream row
-- (about 40% of a 100-event append). It guards nothing es_append does not: the only writers, es_append and
-- es_append_many, create or lock the stream row in the same transaction before inserting its events.
ALTER TABLE ${s}.es_events DROP CONSTRAINT IF EXISTS es_events_stream_id_fkey;

-- Many streams in one call (bulk imports): one result row per stream, in request order (ord). The events of all
-- streams come as flat arrays, stream i taking the next p_counts[i] of them.
-- Fast path, when every stream expects 'no_stream' or an exact version and none of the ids is stored yet: set-based
-- (one INSERT of the new streams, one UPDATE of the existing ones at their expected version, one INSERT of all the
-- events); a stream not at its expected version gets 'version_conflict' and writes nothing. Otherwise, or when a
-- concurrent writer stored one of the ids meanwhile, every stream goes through es_append one by one, so each is
-- judged exactly as a single append.
CREATE FUNCTION ${s}.es_append_many(p_stream_ids text[], p_kinds text[], p_expected bigint[], p_counts int[],
                                    p_ids uuid[], p_types text[], p_datas jsonb[], p_metadatas jsonb[])
RETURNS TABLE (ord int, status text, next_version bigint, last_position bigint, last_txid xid8,
               conflict_event_id uuid, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n int := coalesce(cardinality(p_stream_ids), 0);
  v_total int := coalesce(cardinality(p_ids), 0);
  v_first int := 1;
  v_status text[];
  v_next bigint[];
  v_position bigint[];
BEGIN
  IF v_n = 0 OR cardinality(p_kinds) IS DISTINCT FROM v_n OR cardinality(p_expected) IS DISTINCT FROM v_n
     OR cardinality(p_counts) IS DISTINCT FROM v_n
     OR (SELECT sum(c) FROM unnest(p_counts) c) IS DISTINCT FROM v_total::bigint
     OR EXISTS (SELECT 1 FROM unnest(p_counts) c WHERE c IS NULL OR c < 1)
     OR cardinality(p_types) IS DISTINCT FROM v_total OR cardinality(p_datas) IS DISTINCT FROM v_total
     OR cardinality(p_metadatas) IS DISTINCT FROM v_total THEN
    RAISE EXCEPTION 'es_append_many: empty batch or arrays of different lengths' USING ERRCODE = '22023';
  END IF;

  IF NOT EXISTS (SELECT 1 FROM unnest(p_kinds) k WHERE k NOT IN ('no_stream', 'exact'))
     AND NOT EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids)) THEN
    BEGIN
      WITH req AS (
        SELECT r.ord::int AS ord, r.stream_id, coalesce(r.expected, 0) AS expected, r.cnt,
               r.kind = 'no_stream' OR coalesce(r.expected, 0) = 0 AS is_new,
               (sum(r.cnt) OVER (ORDER BY r.ord) - r.cnt)::int AS first_index
        FROM unnest(p_stream_ids, p_kinds, p_expected, p_counts) WITH ORDINALITY AS r (stream_id, kind, expected, cnt, ord)
      ), created AS (
        INSERT INTO ${s}.es_streams (stream_id, version)
        SELECT req.stream_id, req.cnt FROM req WHERE req.is_new ORDER BY req.stream_id
        ON CONFLICT (stream_id) DO NOTHING
        RETURNING stream_id
      ), moved AS (
        UPDATE ${s}.es_streams st SET version = st.version + req.cnt
        FROM req
        WHERE st.stream_id = req.stream_id AND NOT req.is_new AND st.version = req.expected
        RETURNING st.stream_id
      ), ok AS (
        SELECT req.* FROM req
        WHERE req.stream_id IN (SELECT c.stream_id FROM created c UNION ALL SELECT m.stream_id FROM moved m)
      ), inserted AS (
        INSERT INTO ${s}.es_events (event_id, stream_id, stream_version, type, data, metadata)
        SELECT p_ids[ok.first_index + n], ok.stream_id, ok.expected + n, p_types[ok.first_index + n],
               p_datas[ok.first_index + n], p_metadatas[ok.first_index + n]
        FROM ok CROSS JOIN LATERAL generate_series(1, ok.cnt) AS n
        ORDER BY ok.ord, n
        RETURNING stream_id, global_position
      ), last AS (
        SELECT i.stream_id, max(i.global_position) AS position FROM inserted i GROUP BY i.stream_id
      )
      SELECT array_agg(CASE WHEN l.stream_id IS NULL THEN 'version_conflict' ELSE 'appended' END ORDER BY req.ord),
             array_agg(CASE WHEN l.stream_id IS NULL
                         THEN coalesce((SELECT st.version FROM ${s}.es_streams st WHERE st.stream_id = req.stream_id), 0)
                         ELSE req.expected + req.cnt END ORDER BY req.ord),
             array_agg(l.position ORDER BY req.ord)
      INTO v_status, v_next, v_position
      FROM req LEFT JOIN last l ON l.stream_id = req.stream_id;
    EXCEPTION WHEN unique_violation THEN
      -- A concurrent write of one of these ids committed first: everything above is undone; judge stream by stream.
      v_status := NULL;
    END;
    IF v_status IS NOT NULL THEN
      RETURN QUERY
      SELECT r.ord::int, r.status, r.next_version, r.position,
             CASE WHEN r.status = 'appended' THEN pg_current_xact_id() END, NULL::uuid, NULL::text
      FROM unnest(v_status, v_next, v_position) WITH ORDINALITY AS r (status, next_version, position, ord);
      RETURN;
    END IF;
  END IF;

  FOR i IN 1 .. v_n LOOP
    RETURN QUERY
    SELECT i, a.status, a.next_version, a.last_position, a.last_txid, a.conflict_event_id, a.detail
    FROM ${s}.es_append(p_stream_ids[i], p_kinds[i], p_expected[i], p_ids[v_first : v_first + p_counts[i] - 1],
                        p_types[v_first : v_first + p_counts[i] - 1], p_datas[v_first : v_first + p_counts[i] - 1],
                        p_metadatas[v_first : v_first + p_counts[i] - 1]) a;
    v_first := v_first + p_counts[i];
  END LOOP;
END
$fn$;
`,
  },
];

/**
 * Creates or upgrades the schema. Safe when several replicas start together: a transaction-scoped advisory lock keyed
 * by the schema name serialises them, and each step is recorded in the same transaction that applies it.
 */
export async function migratePostgres(pool: Pool, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `es_event_store_schema:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.es_schema_migrations (
      version    integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await client.query<{ version: number }>(
      `SELECT version FROM ${s}.es_schema_migrations`,
    );
    const done = new Set(applied.rows.map((r) => r.version));
    for (const migration of migrations(s)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${s}.es_schema_migrations (version) VALUES ($1)`, [
        migration.version,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-migration may be broken: destroy it rather than hand it to the next caller.
    client.release(failure !== undefined);
  }
}
