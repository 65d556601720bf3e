import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SqliteKeyStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection } from './case-status/case-status.projection';
import type { Projection } from './projection';
import {
  checkProjectionProperties,
  fakeDateOnly,
  projectionPropertySuite,
  withPersonalData,
  type PropertyFixture,
} from './projections.property.contract';
import { importReferenceData } from './reference/reference-import';
import { SqliteReadModelDb } from './sqlite.read-model-db';

/**
 * The read-model properties on SQLite files (events and read models in one file, as the service keeps them). Each seed
 * starts from a copy of a file that already holds the reference data, as after the service's first start.
 */
const dir = mkdtempSync(join(tmpdir(), 'send-prop-'));
let template: Buffer;
const raw = new Map<PropertyFixture, Database.Database>();
let files = 0;

const open = (): Promise<PropertyFixture> => {
  const file = join(dir, `seed-${++files}.sqlite`);
  writeFileSync(file, template);
  const db = new Database(file);
  const keys = new SqliteKeyStore(db);
  const fixture = {
    store: withPersonalData(new SqliteEventStore(db), keys),
    db: new SqliteReadModelDb(db),
    keys,
  };
  raw.set(fixture, db);
  return Promise.resolve(fixture);
};
const close = (fixture: PropertyFixture): Promise<void> => {
  raw.get(fixture)?.close();
  return Promise.resolve();
};

beforeAll(async () => {
  const db = new Database(':memory:');
  await importReferenceData(new SqliteReadModelDb(db), { now: () => new Date('2025-01-01') });
  template = db.serialize();
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

projectionPropertySuite('SQLite file', { seeds: 30, open, close });

/** A read model of one table keyed by `key`, whose row for each event is `row(event)`. */
const brokenProjection = (
  name: string,
  columns: string,
  write: (event: { id: string; type: string; streamId: string }) => {
    sql: string;
    params: unknown[];
  },
): Projection => {
  const table = `rm_test_${name.replace(/-/g, '_')}`;
  const ddl = `CREATE TABLE IF NOT EXISTS ${table} (${columns})`;
  return {
    name,
    version: 1,
    handles: caseStatusProjection.handles,
    tables: [table],
    schema: { sqlite: ddl, postgres: ddl },
    apply: (events) => Promise.resolve(events.map((event) => write(event))),
  };
};

describe('the properties catch broken read models (SQLite)', () => {
  beforeAll(fakeDateOnly);
  afterAll(() => {
    jest.useRealTimers();
  });
  const check = async (projection: Projection): Promise<string> => {
    const fixture = await open();
    try {
      // Beside the case read model only, so the other read models' own state cannot change the verdict.
      await checkProjectionProperties(1, fixture, [caseStatusProjection, projection]);
      return 'passed';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await close(fixture);
    }
  };

  it('counting every delivery (not idempotent): a crash replay changes the counts', async () => {
    const counter = brokenProjection(
      'event-counter',
      'type TEXT PRIMARY KEY, n INTEGER NOT NULL',
      (event) => ({
        sql: `INSERT INTO rm_test_event_counter (type, n) VALUES ($1, 1)
              ON CONFLICT (type) DO UPDATE SET n = rm_test_event_counter.n + 1`,
        params: [event.type],
      }),
    );
    expect(await check(counter)).toMatch(
      /^Property "crash replay changes nothing" failed for seed 1 .*PROPERTY_SEED=1\.\ntable rm_test_event_counter \(event-counter\)/s,
    );
  });

  it('reading the clock: a rebuild differs from what was maintained incrementally', async () => {
    const clock = brokenProjection(
      'last-seen',
      'stream_id TEXT PRIMARY KEY, seen_at TEXT NOT NULL',
      (event) => ({
        sql: `INSERT INTO rm_test_last_seen (stream_id, seen_at) VALUES ($1, $2)
              ON CONFLICT (stream_id) DO UPDATE SET seen_at = excluded.seen_at`,
        params: [event.streamId, new Date().toISOString()],
      }),
    );
    expect(await check(clock)).toMatch(
      /^Property "incremental == rebuild" failed for seed 1 .*table rm_test_last_seen \(last-seen\).*only incrementally: .*2030-01-15.*only rebuilt: .*2031-06-01/s,
    );
  });

  it('random ids: a rebuild differs', async () => {
    const random = brokenProjection(
      'random-ids',
      'event_id TEXT PRIMARY KEY, row_id TEXT NOT NULL',
      (event) => ({
        sql: `INSERT INTO rm_test_random_ids (event_id, row_id) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`,
        params: [event.id, randomUUID()],
      }),
    );
    expect(await check(random)).toMatch(
      /^Property "incremental == rebuild" failed for seed 1 .*table rm_test_random_ids \(random-ids\)/s,
    );
  });
});
