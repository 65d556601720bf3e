import { mkdirSync } from 'node:fs';
import { ERASED_TEXT, PERSONAL_DATA_FIELDS } from '@app/domain';
import {
  InMemoryEventStore,
  InMemoryKeyStore,
  KurrentDbEventStore,
  PersonalDataEventStore,
  PostgresEventStore,
  PostgresKeyStore,
  SqliteEventStore,
  SqliteKeyStore,
  subjectAfterPrefix,
  WalCheckpointer,
  type EventStore,
  type KeyStore,
} from '@app/event-store';
import { PostgresReadModelDb, SqliteReadModelDb, type ReadModelDb } from '@app/projections';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config/config';

export interface Stores {
  /** Encrypts personal fields on the way in and decrypts them on the way out (crypto-shredding). */
  readonly eventStore: EventStore;
  /** The per-case data keys, outside the event log: destroying one erases that case's personal data. */
  readonly keys: KeyStore;
  readonly readModels: ReadModelDb;
  close(): Promise<void>;
}

/** The domain's personal fields, encrypted per case (stream `case-<id>`) with that case's own key. */
export const withPersonalData = (inner: EventStore, keys: KeyStore): EventStore =>
  new PersonalDataEventStore(inner, keys, {
    fields: PERSONAL_DATA_FIELDS,
    subjectOf: subjectAfterPrefix('case'),
    erasedText: ERASED_TEXT,
  });

/**
 * SQLite: events and read models in one file and one connection, so a projection's writes and its checkpoint share
 * a transaction. PostgreSQL: both in the same database. Memory: events in memory, read models in in-memory SQLite.
 * Every kind keeps the per-case data keys outside the event log, in a table of their own beside the read models
 * (the same SQLite file or PostgreSQL schema).
 */
export const openStores = async (config: AppConfig): Promise<Stores> => {
  switch (config.store) {
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      const db = new Database(config.sqliteFile, { timeout: 5000 });
      const keys = new SqliteKeyStore(db);
      const eventStore = withPersonalData(new SqliteEventStore(db), keys);
      const checkpointer = WalCheckpointer.start(db, {
        onFailure: (message) =>
          new Logger('SQLite').warn(
            `Background checkpoints stopped (${message}); the service's connection checkpoints instead.`,
          ),
      });
      return {
        eventStore,
        keys,
        readModels: new SqliteReadModelDb(db),
        close: async () => {
          await checkpointer?.stop();
          db.close();
        },
      };
    }
    case 'postgres': {
      const connectionString = config.databaseUrl ?? '';
      const events = await PostgresEventStore.open({
        connectionString,
        schema: config.databaseSchema,
      });
      const keys = await PostgresKeyStore.open({
        pool: events.pool,
        schema: config.databaseSchema,
      });
      const eventStore = withPersonalData(events, keys);
      const readModels = new PostgresReadModelDb({
        connectionString,
        schema: config.databaseSchema,
      });
      return {
        eventStore,
        keys,
        readModels,
        close: async () => {
          await readModels.close();
          await eventStore.close();
        },
      };
    }
    case 'kurrentdb': {
      // Events in KurrentDB; read models and their checkpoints in PostgreSQL, in one transaction per batch.
      const events = await KurrentDbEventStore.open({
        connectionString: config.kurrentDbUrl ?? '',
      });
      const readModels = new PostgresReadModelDb({
        connectionString: config.databaseUrl ?? '',
        schema: config.databaseSchema,
      });
      // With STORE=postgres the event store's migration creates the schema; here nothing else would.
      await readModels.exec(`CREATE SCHEMA IF NOT EXISTS "${config.databaseSchema}"`);
      // The keys never go to KurrentDB (its log is append-only): they live in PostgreSQL beside the read models.
      const keys = await PostgresKeyStore.open({
        connectionString: config.databaseUrl ?? '',
        schema: config.databaseSchema,
      });
      const eventStore = withPersonalData(events, keys);
      return {
        eventStore,
        keys,
        readModels,
        close: async () => {
          await readModels.close();
          await eventStore.close();
        },
      };
    }
    case 'memory': {
      const db = new Database(':memory:');
      const keys = new InMemoryKeyStore();
      return {
        eventStore: withPersonalData(new InMemoryEventStore(), keys),
        keys,
        readModels: new SqliteReadModelDb(db),
        close: () => Promise.resolve(void db.close()),
      };
    }
  }
};
