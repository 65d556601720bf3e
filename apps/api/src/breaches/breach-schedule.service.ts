import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { BreachDetector } from './breach-detector.service';

/** Runs the detector inside the service every BREACH_DETECTION_INTERVAL_MINUTES (0 = never), first at start. */
@Injectable()
export class BreachSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BreachSchedule');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly detector: BreachDetector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.breachDetectionIntervalMinutes;
    if (minutes === 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), minutes * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    const asOf = this.clock.today();
    this.running = this.detector
      .run(asOf)
      .then((report) => {
        if (report.breachesDetected > 0 || report.failures > 0) {
          this.logger.log(
            `Breach detection as of ${asOf}: ${report.casesChecked} cases, ${report.breachesDetected} new breaches, ${report.failures} failures.`,
          );
        }
      })
      .catch((error: unknown) => this.logger.error(`Breach detection failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
  }
}
