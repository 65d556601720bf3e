import {
  describeWithPostgres,
  dropTestSchema,
  PostgresEventStore,
  PostgresKeyStore,
  uniqueTestSchema,
} from '@app/event-store';
import { PostgresReadModelDb } from './postgres.read-model-db';
import {
  projectionPropertySuite,
  withPersonalData,
  type PropertyFixture,
} from './projections.property.contract';
import { importReferenceData } from './reference/reference-import';

/**
 * The read-model properties on PostgreSQL (events and read models in one schema, as the service keeps them), with
 * fewer seeds than on SQLite: every statement is a round trip. Each seed gets its own schema holding the reference data.
 */
describeWithPostgres('read-model properties on PostgreSQL', ({ connectionString }) => {
  const schemas = new Map<PropertyFixture, string>();
  projectionPropertySuite('PostgreSQL', {
    seeds: 10,
    open: async () => {
      const schema = uniqueTestSchema('rm_prop');
      const events = await PostgresEventStore.open({ connectionString, schema });
      const keys = await PostgresKeyStore.open({ pool: events.pool, schema });
      const db = new PostgresReadModelDb({ connectionString, schema });
      await importReferenceData(db, { now: () => new Date('2025-01-01') });
      const fixture = { store: withPersonalData(events, keys), db, keys };
      schemas.set(fixture, schema);
      return fixture;
    },
    close: async (fixture) => {
      await fixture.db.close();
      await fixture.store.close();
      await dropTestSchema(connectionString, schemas.get(fixture) ?? '');
    },
  });
});
