import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { SqliteReadModelDb } from '../sqlite.read-model-db';
import {
  statisticsProjectionContract,
  type StatisticsFixture,
} from './statistics.projection-runner.contract';

const opened = new Map<StatisticsFixture, { dir: string; raw: Database.Database }>();

statisticsProjectionContract(
  'SQLite file shared by events and read models',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-stats-'));
    const raw = new Database(join(dir, 'test.sqlite'));
    const fixture = { store: new SqliteEventStore(raw), db: new SqliteReadModelDb(raw) };
    opened.set(fixture, { dir, raw });
    return Promise.resolve(fixture);
  },
  (fixture) => {
    const { dir, raw } = opened.get(fixture) ?? { dir: '', raw: null };
    raw?.close();
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  },
);
