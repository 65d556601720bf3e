import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Metrics } from './metrics';
import { mayReadMetrics } from './metrics-access';

/** Prometheus scrape endpoint, outside GraphQL. Access: see `mayReadMetrics`. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // @Res: answered by hand, so no exception ever reaches the app-wide GraphQL exception filter.
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const allowed = mayReadMetrics(this.config.ops.metricsToken, {
      remoteAddress: req.socket.remoteAddress,
      headers: req.headers,
    });
    if (!allowed) {
      res
        .status(this.config.ops.metricsToken ? 401 : 403)
        .type('text/plain')
        .send('Forbidden\n');
      return;
    }
    const body = await this.metrics.registry.metrics();
    res.status(200).type(this.metrics.registry.contentType).send(body);
  }
}
