/** The only public entry of @app/event-store. */
export * from './event-store.port';
export { handleCommand } from './handle-command';
export { FoldedStates, type FoldedStream } from './folded-states';
export type {
  Decider,
  DecidedEvent,
  HandleCommandOptions,
  HandleCommandResult,
} from './handle-command';
export { deterministicId } from './deterministic-id';
export { newEventId } from './event-id';
export { canonicalJson } from './canonical-json';
export { InMemoryEventStore } from './in-memory/in-memory.event-store';
export { SqliteEventStore } from './sqlite/sqlite.event-store';
export { WalFile, type Fsync } from './sqlite/wal-file';
export { WalCheckpointer } from './sqlite/wal-checkpointer';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres.event-store';
export {
  KurrentDbEventStore,
  type KurrentDbConnectionOptions,
  type KurrentDbEventStoreOptions,
} from './kurrentdb/kurrentdb.event-store';
export { openEventStore, type EventStoreConfig } from './open-event-store';
export {
  startKurrentDbProtocolServer,
  type KurrentDbTestServer,
} from './kurrentdb/protocol-server/start-protocol-server';
export {
  postgresTestDatabase,
  describeWithPostgres,
  uniqueTestSchema,
  dropTestSchema,
  DEFAULT_TEST_DATABASE_URL,
  type PostgresTestDatabase,
} from './postgres/postgres-test-db';
export { PersonalDataEventStore } from './crypto/personal-data.event-store';
export { PersonalDataErased, PersonalDataTampered, type KeyStore } from './crypto/key-store.port';
export { InMemoryKeyStore } from './crypto/in-memory.key-store';
export { SqliteKeyStore } from './crypto/sqlite.key-store';
export { PostgresKeyStore, type PostgresKeyStoreOptions } from './crypto/postgres.key-store';
export {
  subjectAfterPrefix,
  type PersonalDataPolicy,
  type PersonalFieldKind,
  type PersonalFieldMap,
} from './crypto/personal-data-policy';
export { isEncryptedField, type EncryptedField } from './crypto/field-cipher';
