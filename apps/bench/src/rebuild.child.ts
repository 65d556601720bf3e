import { parseArgs } from 'node:util';
import {
  ALL_PROJECTIONS,
  PostgresReadModelDb,
  SqliteReadModelDb,
  rebuildProjections,
} from '@app/projections';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PostgresBulkSink, SqliteBulkSink } from '../../api/src/bulk/bulk-sink';

/**
 * One rebuild of every read model in ALL_PROJECTIONS, in a process of its own so its peak RSS is its own; prints one
 * JSON line. `--ceiling`: instead, the bare ordered read of the PostgreSQL log (keyset pages, same columns and order
 * as the store's readAll), the ceiling a rebuild is measured against.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      db: { type: 'string' },
      url: { type: 'string' },
      schema: { type: 'string' },
      batch: { type: 'string', default: '1000' },
      ceiling: { type: 'boolean', default: false },
    },
  });
  const batchSize = Number(values.batch);
  if (values.ceiling) {
    const client = new Client({ connectionString: values.url });
    await client.connect();
    const s = values.schema!;
    let rows = 0;
    let after: [string, string] = ['0', '0'];
    const started = performance.now();
    for (;;) {
      const page = await client.query<{ transaction_id: string; global_position: string }>(
        `SELECT e.global_position::text, e.transaction_id::text, e.event_id, e.stream_id, e.stream_version::text, e.type,
                e.data, e.metadata
         FROM ${s}.es_events e
         WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id, e.global_position LIMIT $3`,
        [after[0], after[1], batchSize],
      );
      if (page.rows.length === 0) break;
      rows += page.rows.length;
      const last = page.rows[page.rows.length - 1]!;
      after = [last.transaction_id, last.global_position];
    }
    const ms = performance.now() - started;
    await client.end();
    console.log(
      JSON.stringify({
        events: rows,
        ms,
        rate: (rows * 1000) / ms,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
      }),
    );
    return;
  }
  const projections = ALL_PROJECTIONS;
  let result;
  const started = performance.now();
  if (values.store === 'sqlite') {
    const db = new Database(values.db ?? '');
    const sink = new SqliteBulkSink(db, true);
    result = await rebuildProjections(sink.store, new SqliteReadModelDb(db), projections, {
      batchSize,
    });
    await sink.close();
  } else {
    const sink = await PostgresBulkSink.open({
      connectionString: values.url!,
      schema: values.schema!,
    });
    const readModels = new PostgresReadModelDb({
      connectionString: values.url!,
      schema: values.schema!,
    });
    result = await rebuildProjections(sink.store, readModels, projections, { batchSize });
    await readModels.close();
    await sink.close();
  }
  const ms = performance.now() - started;
  const events = result[0]?.events ?? 0;
  console.log(
    JSON.stringify({
      events,
      ms,
      rate: (events * 1000) / ms,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      projections: result.map((r) => ({ name: r.name, events: r.events, ms: r.elapsedMs })),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
