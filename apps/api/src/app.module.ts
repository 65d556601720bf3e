import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from './access/access.module';
import { AuditModule } from './access/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { BreachesModule } from './breaches/breaches.module';
import { CasesModule } from './cases/cases.module';
import { CLOCK, systemClock, type Clock } from './common/clock';
import { APP_CONFIG, type AppConfig } from './config/config';
import { ErasureModule } from './erasure/erasure.module';
import { graphqlOptions } from './graphql/graphql.config';
import { inputValidationPipe } from './graphql/validation.pipe';
import { RethrowToGraphqlFilter } from './graphql/rethrow.filter';
import { loggingModule } from './ops/logging/logging.module';
import { Metrics } from './ops/metrics/metrics';
import { OpsModule } from './ops/ops.module';
import { PersistenceModule } from './persistence/persistence.module';
import { ProcessModule } from './process/process.module';
import { ReferenceModule } from './reference/reference.module';
import { StatisticsModule } from './statistics/statistics.module';
import { PubSubModule, SubscriptionsModule } from './subscriptions/subscriptions.module';

/** Configuration and clock as a global module: given from outside, so tests choose their own file and date. */
export const configurationModule = (config: AppConfig, clock: Clock): DynamicModule => ({
  module: class ConfigModule {},
  global: true,
  providers: [
    { provide: APP_CONFIG, useValue: config },
    { provide: CLOCK, useValue: clock },
  ],
  exports: [APP_CONFIG, CLOCK],
});

/** Configuration and clock are given from outside, so tests can start the real app on their own file and date. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    const configModule = configurationModule(config, clock);
    return {
      module: AppModule,
      imports: [
        configModule,
        loggingModule(config),
        OpsModule,
        PubSubModule,
        CqrsModule.forRoot(),
        AuthModule,
        PersistenceModule,
        AuditModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AuthService, Metrics],
          useFactory: (auth: AuthService, metrics: Metrics) =>
            graphqlOptions(config, auth, metrics),
        }),
        ReferenceModule,
        CasesModule,
        ProcessModule,
        BreachesModule,
        StatisticsModule,
        SubscriptionsModule,
        AccessModule,
        ErasureModule,
      ],
      providers: [
        { provide: APP_PIPE, useValue: inputValidationPipe },
        { provide: APP_FILTER, useClass: RethrowToGraphqlFilter },
      ],
    };
  }
}
