import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { ProjectionLagProbe } from './health/projection-lag.probe';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics';

/** Health (`/health/live`, `/health/ready`) and Prometheus metrics (`/metrics`), outside GraphQL. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController, MetricsController],
  providers: [{ provide: Metrics, useFactory: () => new Metrics() }, ProjectionLagProbe],
  exports: [Metrics],
})
export class OpsModule {}
