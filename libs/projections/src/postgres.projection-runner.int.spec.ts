import {
  describeWithPostgres,
  dropTestSchema,
  PostgresEventStore,
  uniqueTestSchema,
} from '@app/event-store';
import { PostgresReadModelDb } from './postgres.read-model-db';
import { projectionRunnerContract, type RunnerFixture } from './projection-runner.contract';

describeWithPostgres('projections on PostgreSQL', ({ connectionString }) => {
  const schemas = new Map<RunnerFixture, string>();
  projectionRunnerContract(
    'PostgreSQL, events and read models in one database',
    async () => {
      const schema = uniqueTestSchema('rm_test');
      const store = await PostgresEventStore.open({ connectionString, schema });
      const fixture = { store, db: new PostgresReadModelDb({ connectionString, schema }) };
      schemas.set(fixture, schema);
      return fixture;
    },
    async (fixture) => {
      await fixture.db.close();
      await fixture.store.close();
      await dropTestSchema(connectionString, schemas.get(fixture) ?? '');
    },
  );
});
