import {
  describeWithPostgres,
  dropTestSchema,
  PostgresEventStore,
  uniqueTestSchema,
} from '@app/event-store';
import { PostgresReadModelDb } from '../postgres.read-model-db';
import {
  statisticsProjectionContract,
  type StatisticsFixture,
} from './statistics.projection-runner.contract';

describeWithPostgres('statistics read models on PostgreSQL', ({ connectionString }) => {
  const schemas = new Map<StatisticsFixture, string>();
  statisticsProjectionContract(
    'PostgreSQL, events and read models in one database',
    async () => {
      const schema = uniqueTestSchema('rm_stats');
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
