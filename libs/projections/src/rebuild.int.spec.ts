import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseStreamId } from '@app/domain';
import {
  describeWithPostgres,
  dropTestSchema,
  handleCommand,
  PostgresEventStore,
  SqliteEventStore,
  uniqueTestSchema,
  type EventStore,
} from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection } from './case-status/case-status.projection';
import { readCheckpoint } from './checkpoint.store';
import { ALL_PROJECTIONS } from './index';
import { PostgresAdvisoryLocks } from './locks/postgres.advisory-locks';
import type { ProjectionLocks } from './locks/projection-locks';
import { PostgresReadModelDb } from './postgres.read-model-db';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { dumpReadModels, untilLogVisible } from './projections.property.contract';
import { generateHistory } from './random-history.spec-helper';
import type { ReadModelDb } from './read-model-db';
import {
  ProjectionBusyError,
  rebuildProjections,
  selectProjections,
  UnknownProjectionError,
  type RebuildProgress,
} from './rebuild';
import { SqliteReadModelDb } from './sqlite.read-model-db';

/** Writes a random valid history (a few cases) and lets the projections catch up, as the running service would. */
const seed = async (store: EventStore, db: ReadModelDb, projections: readonly Projection[]) => {
  const history = generateHistory(11, { commands: 40, cases: 3 });
  for (const [i, step] of history.steps.entries()) {
    await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
      actor: step.actor,
      now: step.now,
      idempotencyKey: `rebuild-${i}`,
    });
  }
  await untilLogVisible(store, history.eventCount);
  const runner = new ProjectionRunner(store, db, projections, { batchSize: 7 });
  await runner.init();
  await runner.catchUp();
  return history.eventCount;
};

/** A second, tiny read model, so `only` has something to leave alone: the streams seen, with their last version. */
const streamsSeen: Projection = {
  name: 'streams-seen',
  version: 1,
  handles: caseStatusProjection.handles,
  tables: ['rm_test_streams_seen'],
  schema: {
    sqlite:
      'CREATE TABLE IF NOT EXISTS rm_test_streams_seen (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL)',
    postgres:
      'CREATE TABLE IF NOT EXISTS rm_test_streams_seen (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL)',
  },
  apply: (events) =>
    Promise.resolve(
      events.map((e) => ({
        sql: `INSERT INTO rm_test_streams_seen (stream_id, version) VALUES ($1, $2)
              ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
              WHERE excluded.version > rm_test_streams_seen.version`,
        params: [e.streamId, Number(e.streamVersion)],
      })),
    ),
};

const updatedAt = async (db: ReadModelDb, projection: string): Promise<string | undefined> =>
  (
    await db.query<{ updated_at: string }>(
      'SELECT updated_at FROM rm_checkpoints WHERE projection = $1',
      [projection],
    )
  )[0]?.updated_at;

describe('rebuildProjections (SQLite file)', () => {
  let dir: string;
  let raw: Database.Database;
  let store: EventStore;
  let db: ReadModelDb;
  const projections = [...ALL_PROJECTIONS, streamsSeen];
  let events: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-rebuild-'));
    raw = new Database(join(dir, 'rebuild.sqlite'));
    store = new SqliteEventStore(raw);
    db = new SqliteReadModelDb(raw);
    events = await seed(store, db, projections);
  });
  afterEach(() => {
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const indexNames = (): string[] =>
    (
      raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);

  it('rebuilds every read model to exactly what was there, reporting its progress', async () => {
    const before = await dumpReadModels(db);
    const progress: RebuildProgress[] = [];
    const synchronous = (): unknown => raw.pragma('synchronous', { simple: true });
    const during: unknown[] = [];
    const checkpointPages: unknown[] = [];
    const indexesBefore = indexNames();
    let indexesDuringBatches: string[] = [];
    const rebuilt = await rebuildProjections(store, db, projections, {
      batchSize: 10,
      onProgress: (p) => {
        progress.push(p);
        during.push(synchronous());
        checkpointPages.push(raw.pragma('wal_autocheckpoint', { simple: true }));
        if (p.phase === 'batch') indexesDuringBatches = [...indexesDuringBatches, ...indexNames()];
      },
    });
    expect(await dumpReadModels(db)).toEqual(before);
    // Batches commit without waiting for the disk (NORMAL = 1); the connection is durable again afterwards (FULL = 2).
    expect(new Set(during)).toEqual(new Set([1]));
    expect(synchronous()).toBe(2);
    // The log was checkpointed in larger steps meanwhile, and is back to SQLite's default.
    expect(new Set(checkpointPages)).toEqual(new Set([10_000]));
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Indexes only queries use were left out while the batches were written, and are all there again.
    const deferred = projections.flatMap((p) => p.queryOnlyIndexes ?? []);
    expect(deferred).toContain('rm_cases_owner');
    expect(indexesDuringBatches.filter((name) => deferred.includes(name))).toEqual([]);
    expect(indexNames()).toEqual(expect.arrayContaining(deferred));
    expect(indexNames()).toEqual(indexesBefore);
    expect(rebuilt.map((r) => [r.name, r.version, r.events])).toEqual(
      projections.map((p) => [p.name, p.version, events]),
    );
    const ofCaseStatus = progress.filter((p) => p.projection === 'case-status');
    expect(ofCaseStatus[0]).toMatchObject({ phase: 'reset', events: 0 });
    expect(ofCaseStatus.at(-1)).toMatchObject({ phase: 'done', events });
    const batches = ofCaseStatus.filter((p) => p.phase === 'batch').map((p) => p.events);
    expect(batches).toEqual(
      Array.from({ length: Math.ceil(events / 10) }, (_, i) => Math.min(events, (i + 1) * 10)),
    );
  });

  it('folding the case documents on a worker thread gives the very same read models', async () => {
    const before = await dumpReadModels(db);
    for (const batchSize of [3, 10, 1000]) {
      await rebuildProjections(store, db, projections, { batchSize, foldOnWorker: true });
      expect(await dumpReadModels(db)).toEqual(before);
    }
  });

  it('hands the batches to the fold in log order even when the first batch loads slowest', async () => {
    const before = await dumpReadModels(db);
    let loads = 0;
    // The first batch's loads answer late: the second batch (read meanwhile) must still be folded after it.
    const slowFirst: ReadModelDb = {
      ...db,
      dialect: db.dialect,
      query: async (sql, params) => {
        const rows = await db.query(sql, params);
        if (/^SELECT (doc|case_id, local_authority_code) FROM rm_/.test(sql) && loads++ === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return rows as never;
      },
      writeTransaction: (statements, guard) => db.writeTransaction(statements, guard),
      setDurableCommits: (durable) => db.setDurableCommits(durable),
      setBulkWrites: (bulk) => db.setBulkWrites?.(bulk) ?? Promise.resolve(),
      exec: (ddl) => db.exec(ddl),
    };
    await rebuildProjections(store, slowFirst, projections, { batchSize: 3, foldOnWorker: false });
    expect(loads).toBeGreaterThan(1);
    expect(await dumpReadModels(db)).toEqual(before);
  });

  it('interrupted by a failing projection, leaves every index and setting as they were', async () => {
    const indexesBefore = indexNames();
    let calls = 0;
    const failing: Projection = {
      ...caseStatusProjection,
      apply: (batch, rm) => {
        calls += 1;
        if (calls === 3) return Promise.reject(new Error('projection bug'));
        return caseStatusProjection.apply(batch, rm);
      },
    };
    await expect(rebuildProjections(store, db, [failing], { batchSize: 10 })).rejects.toThrow(
      'projection bug',
    );
    expect(calls).toBe(3);
    expect(indexNames()).toEqual(indexesBefore);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('rebuilds only the projection named, leaving the others untouched', async () => {
    const otherBefore = await db.query('SELECT * FROM rm_test_streams_seen ORDER BY stream_id');
    const otherStamp = await updatedAt(db, 'streams-seen');
    const casesBefore = await dumpReadModels(db);
    const rebuilt = await rebuildProjections(store, db, projections, {
      only: ['case-status'],
      now: () => new Date('2040-01-01T00:00:00Z'),
    });
    expect(rebuilt.map((r) => r.name)).toEqual(['case-status']);
    expect(await updatedAt(db, 'case-status')).toBe('2040-01-01T00:00:00.000Z');
    expect(await updatedAt(db, 'streams-seen')).toBe(otherStamp);
    expect(await db.query('SELECT * FROM rm_test_streams_seen ORDER BY stream_id')).toEqual(
      otherBefore,
    );
    expect(await dumpReadModels(db)).toEqual(casesBefore);
  });

  it('refuses an unknown projection before touching anything', async () => {
    const before = await dumpReadModels(db);
    const stamp = await updatedAt(db, 'case-status');
    const attempt = rebuildProjections(store, db, projections, { only: ['case-status', 'nope'] });
    await expect(attempt).rejects.toThrow(UnknownProjectionError);
    await expect(attempt).rejects.toThrow(
      `Unknown projection: nope. Known projections: ${projections.map((p) => p.name).join(', ')}.`,
    );
    expect(await dumpReadModels(db)).toEqual(before);
    expect(await updatedAt(db, 'case-status')).toBe(stamp);
    await expect(rebuildProjections(store, db, projections, { batchSize: 0 })).rejects.toThrow(
      RangeError,
    );
  });

  it('refuses, touching nothing, when another runner holds a projection’s lock', async () => {
    const before = await dumpReadModels(db);
    const heldElsewhere: ProjectionLocks = {
      tryAcquire: (projection) => Promise.resolve(projection !== 'case-status'),
      holds: (projection) => projection !== 'case-status',
      release: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    await expect(
      rebuildProjections(store, db, projections, { locks: heldElsewhere }),
    ).rejects.toThrow(new ProjectionBusyError(['case-status']));
    expect(await dumpReadModels(db)).toEqual(before);
  });

  it('creates and fills a projection that never ran', async () => {
    const fresh: Projection = {
      ...streamsSeen,
      name: 'streams-seen-2',
      tables: ['rm_test_streams_seen_2'],
    };
    const ddl = streamsSeen.schema.sqlite.replace('rm_test_streams_seen', 'rm_test_streams_seen_2');
    const withFresh: Projection = {
      ...fresh,
      schema: { sqlite: ddl, postgres: ddl },
      apply: async (batch, rm) =>
        (await streamsSeen.apply(batch, rm)).map((w) => ({
          ...w,
          sql: w.sql.replace(/rm_test_streams_seen/g, 'rm_test_streams_seen_2'),
        })),
    };
    await rebuildProjections(store, db, [...projections, withFresh], { only: ['streams-seen-2'] });
    expect(await db.query('SELECT * FROM rm_test_streams_seen_2 ORDER BY stream_id')).toEqual(
      await db.query('SELECT * FROM rm_test_streams_seen ORDER BY stream_id'),
    );
    expect((await readCheckpoint(db, 'streams-seen-2'))?.version).toBe(1);
  });

  it('selectProjections keeps the registry order and all of them without a filter', () => {
    expect(
      selectProjections(projections, ['streams-seen', 'case-status']).map((p) => p.name),
    ).toEqual(['case-status', 'streams-seen']);
    expect(selectProjections(projections)).toEqual(projections);
  });
});

describeWithPostgres('rebuildProjections on PostgreSQL', ({ connectionString }) => {
  let schema: string;
  let store: PostgresEventStore;
  let db: PostgresReadModelDb;

  beforeEach(async () => {
    schema = uniqueTestSchema('rm_rebuild');
    store = await PostgresEventStore.open({ connectionString, schema });
    db = new PostgresReadModelDb({ connectionString, schema });
    await seed(store, db, ALL_PROJECTIONS);
  });
  afterEach(async () => {
    await db.close();
    await store.close();
    await dropTestSchema(connectionString, schema);
  });

  it('stores case documents compressed with lz4 (this server has it), set once', async () => {
    const compression = async () =>
      (
        await db.query<{ c: string }>(
          `SELECT attcompression::text AS c FROM pg_attribute
           WHERE attrelid = 'rm_cases'::regclass AND attname = 'doc'`,
        )
      )[0]?.c;
    expect(await compression()).toBe('l');
    await db.exec(caseStatusProjection.schema.postgres);
    expect(await compression()).toBe('l');
  });

  it('empties the tables by truncating them: the old rows leave with their files, not as dead rows', async () => {
    const tables = ALL_PROJECTIONS.flatMap((p) => p.tables);
    const files = async () =>
      new Map(
        (
          await db.query<{ relname: string; relfilenode: number }>(
            `SELECT relname, relfilenode FROM pg_class
             WHERE relnamespace = current_schema()::regnamespace AND relname = ANY($1)`,
            [tables],
          )
        ).map((row) => [row.relname, row.relfilenode]),
      );
    const before = await dumpReadModels(db);
    const filesBefore = await files();
    expect([...filesBefore.keys()].sort()).toEqual([...tables].sort());
    await rebuildProjections(store, db, ALL_PROJECTIONS, { batchSize: 7 });
    expect(await dumpReadModels(db)).toEqual(before);
    const filesAfter = await files();
    for (const table of tables) expect(filesAfter.get(table)).not.toBe(filesBefore.get(table));
  });

  it('rebuilds to what was there, and waits its turn behind the service’s projection lock', async () => {
    const before = await dumpReadModels(db);
    const locks = (name: string) =>
      new PostgresAdvisoryLocks({ connectionString, scope: schema, applicationName: name });
    const service = locks('test service');
    const rebuild = locks('test rebuild');
    try {
      expect(await service.tryAcquire('case-status')).toBe(true);
      await expect(
        rebuildProjections(store, db, ALL_PROJECTIONS, { locks: rebuild }),
      ).rejects.toThrow(ProjectionBusyError);
      expect(await dumpReadModels(db)).toEqual(before);

      await service.release('case-status');
      await rebuildProjections(store, db, ALL_PROJECTIONS, { locks: rebuild, batchSize: 5 });
      expect(await dumpReadModels(db)).toEqual(before);
      // While the rebuild's process holds the locks, the service cannot take the projection over.
      expect(await service.tryAcquire('case-status')).toBe(false);
      await rebuild.close();
      expect(await service.tryAcquire('case-status')).toBe(true);
    } finally {
      await rebuild.close();
      await service.close();
    }
  });
});
