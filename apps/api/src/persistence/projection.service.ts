import type { EventStore, RecordedEvent } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionRunner, type ReadModelDb } from '@app/projections';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE, READ_MODEL_DB } from './persistence.tokens';

/**
 * Runs the projections inside the service: initialised (and rebuilt if their version changed) before the app
 * listens, stopped after the last batch's checkpoint is stored on shutdown.
 */
@Injectable()
export class ProjectionService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) readModels: ReadModelDb,
  ) {
    this.runner = new ProjectionRunner(store, readModels, ALL_PROJECTIONS, {
      idleMs: 200,
      onError: (projection, error) =>
        this.logger.error(
          `Projection ${projection} failed; retrying: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.init();
    // Whatever was written while the service was down is in the read models before the first request.
    await this.runner.catchUp();
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /**
   * Read-your-writes for a mutation: resolves true once `projection` has committed the stream up to `version`
   * (or `isVisible` already says so), false after `timeoutMs`.
   */
  waitUntilProjected(
    projection: string,
    streamId: string,
    version: bigint,
    isVisible: () => Promise<boolean>,
    timeoutMs = 5000,
  ): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      };
      const unsubscribe = this.runner.onCommitted((name, events: readonly RecordedEvent[]) => {
        if (
          name === projection &&
          events.some((e) => e.streamId === streamId && e.streamVersion >= version)
        ) {
          finish(true);
        }
      });
      const timer = setTimeout(() => finish(false), timeoutMs);
      // Subscribed first, then checked: a batch committed in between is seen one way or the other.
      isVisible().then(
        (visible) => visible && finish(true),
        () => undefined,
      );
      this.runner.wake();
    });
  }
}
