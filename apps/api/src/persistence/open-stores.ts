import { mkdirSync } from 'node:fs';
import {
  InMemoryEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@app/event-store';
import { PostgresReadModelDb, SqliteReadModelDb, type ReadModelDb } from '@app/projections';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config/config';

export interface Stores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelDb;
  close(): Promise<void>;
}

/**
 * SQLite: events and read models in one file and one connection, so a projection's writes and its checkpoint share
 * a transaction. PostgreSQL: both in the same database. Memory: events in memory, read models in in-memory SQLite.
 */
export const openStores = async (config: AppConfig): Promise<Stores> => {
  switch (config.store) {
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      const db = new Database(config.sqliteFile, { timeout: 5000 });
      const eventStore = new SqliteEventStore(db);
      return {
        eventStore,
        readModels: new SqliteReadModelDb(db),
        close: () => Promise.resolve(void db.close()),
      };
    }
    case 'postgres': {
      const connectionString = config.databaseUrl ?? '';
      const eventStore = await PostgresEventStore.open({
        connectionString,
        schema: config.databaseSchema,
      });
      const readModels = new PostgresReadModelDb({
        connectionString,
        schema: config.databaseSchema,
      });
      return {
        eventStore,
        readModels,
        close: async () => {
          await readModels.close();
          await eventStore.close();
        },
      };
    }
    case 'memory': {
      const db = new Database(':memory:');
      return {
        eventStore: new InMemoryEventStore(),
        readModels: new SqliteReadModelDb(db),
        close: () => Promise.resolve(void db.close()),
      };
    }
  }
};
