import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { instrumentEventStore } from '../ops/metrics/instrument-event-store';
import { Metrics } from '../ops/metrics/metrics';
import { openStores, type Stores } from './open-stores';
import { ProjectionService } from './projection.service';
import { EVENT_STORE, KEY_STORE, READ_MODEL_DB } from './persistence.tokens';

const STORES = Symbol('STORES');

/** The event store and the read-model database chosen by configuration, shared by every feature module. */
@Global()
@Module({
  providers: [
    {
      provide: STORES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openStores(config),
    },
    {
      provide: EVENT_STORE,
      // Metrics are absent in one-off commands that load only this module.
      inject: [STORES, { token: Metrics, optional: true }],
      useFactory: (stores: Stores, metrics: Metrics | undefined) =>
        metrics ? instrumentEventStore(stores.eventStore, metrics) : stores.eventStore,
    },
    { provide: READ_MODEL_DB, inject: [STORES], useFactory: (stores: Stores) => stores.readModels },
    { provide: KEY_STORE, inject: [STORES], useFactory: (stores: Stores) => stores.keys },
    ProjectionService,
  ],
  exports: [EVENT_STORE, READ_MODEL_DB, KEY_STORE, ProjectionService],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
