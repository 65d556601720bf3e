import { Controller, Get, Res } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { ProjectionLagProbe } from './projection-lag.probe';

/** A check that hangs is a failed check: readiness must answer before the orchestrator's own timeout. */
const CHECK_TIMEOUT_MS = 3000;

const withTimeout = <T>(work: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/**
 * Liveness and readiness for orchestrators and load balancers, outside GraphQL and without auth. They say only
 * up/down and which projections lag: no host names, versions, error messages or counts of anyone's data.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probe: ProjectionLagProbe,
  ) {}

  /** The process is up and its event loop turns. Never checks dependencies (a restart would not fix them). */
  @Get('live')
  live(@Res() res: Response): void {
    res.status(200).json({ status: 'ok' });
  }

  /** Ready for traffic: the event store and the read-model database answer and no projection lags. */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.indicator('eventStore', () => this.probe.pingEventStore()),
        () => this.indicator('readModels', () => this.probe.pingReadModels()),
        () => this.projections(),
      ]);
    } catch (error) {
      // Terminus throws a 503 exception carrying the result; answered by hand so no filter sees it.
      const body = (error as { getResponse?: () => unknown }).getResponse?.() ?? {
        status: 'error',
      };
      res.status(503).json(body);
      return;
    }
    res.status(200).json(result);
  }

  private async indicator(key: string, check: () => Promise<void>): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    try {
      await withTimeout(check());
      return session.up();
    } catch {
      return session.down();
    }
  }

  private async projections(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('projections');
    try {
      const lags = await withTimeout(this.probe.measure());
      const lagging = lags.filter((l) => l.lagging).map((l) => l.projection);
      return lagging.length === 0 ? session.up() : session.down({ lagging });
    } catch {
      return session.down();
    }
  }
}
