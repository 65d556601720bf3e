import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { caseStatusProjection } from './case-status/case-status.projection';
import { readCheckpoint } from './checkpoint.store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionRunnerContract } from './projection-runner.contract';
import { SqliteReadModelDb } from './sqlite.read-model-db';

const dirs = new Map<unknown, string>();

projectionRunnerContract(
  'SQLite file shared by events and read models',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-proj-'));
    const db = new Database(join(dir, 'test.sqlite'));
    const fixture = { store: new SqliteEventStore(db), db: new SqliteReadModelDb(db), raw: db };
    dirs.set(fixture, dir);
    return Promise.resolve(fixture);
  },
  (fixture) => {
    (fixture as unknown as { raw: Database.Database }).raw.close();
    rmSync(dirs.get(fixture) ?? '', { recursive: true, force: true });
    return Promise.resolve();
  },
);

describe('ProjectionRunner on SQLite with durableCommits: false', () => {
  it('commits batches and checkpoints without an fsync of their own, leaving the connection at FULL for others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-proj-'));
    const raw = new Database(join(dir, 'test.sqlite'));
    try {
      const store = new SqliteEventStore(raw);
      const db = new SqliteReadModelDb(raw);
      const observed: Projection = {
        name: 'observed',
        version: 1,
        handles: ['Noted'],
        tables: ['rm_observed'],
        schema: {
          sqlite: 'CREATE TABLE IF NOT EXISTS rm_observed (n INTEGER NOT NULL)',
          postgres: 'CREATE TABLE IF NOT EXISTS rm_observed (n INTEGER NOT NULL)',
        },
        apply: (events) =>
          Promise.resolve(
            // The connection's setting while the batch's statements run.
            events.map(() => ({
              sql: 'INSERT INTO rm_observed (n) SELECT synchronous FROM pragma_synchronous',
            })),
          ),
      };
      const runner = new ProjectionRunner(store, db, [observed, caseStatusProjection], {
        durableCommits: false,
      });
      await runner.init();
      await store.append('s-1', [newEvent('Noted')], { expectedVersion: 'no_stream' });

      expect(await runner.catchUp()).toBe(2);

      // NORMAL inside the batch's transaction, FULL again after it.
      expect(raw.prepare('SELECT n FROM rm_observed').pluck().all()).toEqual([1]);
      expect(raw.pragma('synchronous', { simple: true })).toBe(2);
      expect((await readCheckpoint(db, 'observed'))?.checkpoint).toBe(
        runner.checkpointOf('observed'),
      );
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ProjectionRunner on SQLite, a new version of a projection', () => {
  it('drops and recreates its tables (emptied first) on a connection that zeroes freed pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-proj-'));
    const raw = new Database(join(dir, 'test.sqlite'));
    try {
      const store = new SqliteEventStore(raw);
      const db = new SqliteReadModelDb(raw);
      raw.pragma('secure_delete = ON');
      const ddl = 'CREATE TABLE IF NOT EXISTS rm_counted (n INTEGER NOT NULL, pad TEXT NOT NULL)';
      const counted = (version: number): Projection => ({
        name: 'counted',
        version,
        handles: ['Noted'],
        tables: ['rm_counted'],
        schema: { sqlite: ddl, postgres: ddl },
        apply: (events) =>
          Promise.resolve(
            events.map(() => ({
              sql: 'INSERT INTO rm_counted (n, pad) VALUES ($1, $2)',
              params: [version, 'x'.repeat(5000)],
            })),
          ),
      });
      for (let i = 0; i < 20; i++) {
        await store.append(`s-${i}`, [newEvent('Noted')], { expectedVersion: 'no_stream' });
      }
      const first = new ProjectionRunner(store, db, [counted(1)]);
      await first.init();
      expect(await first.catchUp()).toBe(20);
      const second = new ProjectionRunner(store, db, [counted(2)]);
      await second.init();
      expect(raw.prepare('SELECT count(*) FROM rm_counted').pluck().get()).toBe(0);
      expect(await second.catchUp()).toBe(20);
      expect(raw.prepare('SELECT DISTINCT n FROM rm_counted').pluck().all()).toEqual([2]);
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const newEvent = (type: string) => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: {
    recordedAt: '2025-01-01T00:00:00.000Z',
    actor: 'tester',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});
