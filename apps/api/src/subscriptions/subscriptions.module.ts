import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppealUpdatedResolver } from './appeal-updated.resolver';
import { CaseUpdates } from './case-updates.service';
import { InMemoryPubSub } from './in-memory.pubsub';
import { PostgresPubSub } from './postgres.pubsub';
import { PUBSUB, type PubSub } from './pubsub';

/**
 * The pub/sub between replicas: PostgreSQL LISTEN/NOTIFY whenever several replicas can share the data
 * (STORE=postgres or kurrentdb), in memory only when one process owns it (sqlite, memory).
 */
export const openPubSub = async (config: AppConfig): Promise<PubSub> => {
  if (config.store === 'postgres' || config.store === 'kurrentdb') {
    const logger = new Logger('PubSub');
    return PostgresPubSub.open({
      connectionString: config.databaseUrl ?? '',
      scope: config.databaseSchema,
      onError: (reason) => logger.warn(`Lost the LISTEN session (${reason}); reconnecting.`),
    });
  }
  return new InMemoryPubSub();
};

/** Provides the pub/sub to every module (the projection service wakes other replicas' runners through it). */
@Global()
@Module({
  providers: [{ provide: PUBSUB, inject: [APP_CONFIG], useFactory: openPubSub }],
  exports: [PUBSUB],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  /** Last: after the projection runner (which publishes) has stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.pubsub.close();
  }
}

/** GraphQL subscriptions (`appealUpdated`), fed by the case-status projection's commits. */
@Module({
  imports: [CasesModule],
  providers: [CaseUpdates, AppealUpdatedResolver],
  exports: [CaseUpdates],
})
export class SubscriptionsModule {}
