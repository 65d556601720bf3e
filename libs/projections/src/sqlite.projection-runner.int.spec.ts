import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
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
