import type Database from 'better-sqlite3';
import type { EventStore } from './event-store.port';
import { InMemoryEventStore } from './in-memory/in-memory.event-store';
import { PostgresEventStore } from './postgres/postgres.event-store';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

export type EventStoreConfig =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'sqlite'; readonly database: Database.Database }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

/** One place that turns configuration into a ready store (schema created or migrated). */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'memory':
      return new InMemoryEventStore();
    case 'sqlite':
      return new SqliteEventStore('file' in config ? config.file : config.database);
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: config.connectionString,
        schema: config.schema,
      });
    default: {
      const unknown: never = config;
      throw new Error(`Unknown event store kind ${JSON.stringify(unknown)}.`);
    }
  }
}
