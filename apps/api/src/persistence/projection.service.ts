import { hostname } from 'node:os';
import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  PostgresAdvisoryLocks,
  ProjectionRunner,
  SingleProcessLocks,
  type ProjectionLocks,
  type ReadModelDb,
} from '@app/projections';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { describeError } from '../ops/logging/safe-error';
import { Metrics } from '../ops/metrics/metrics';
import { PUBSUB, type PubSub } from '../subscriptions/pubsub';
import { EVENT_STORE, READ_MODEL_DB } from './persistence.tokens';

/** While a standby waits for another replica's runner, it looks at the read model this often. */
const STANDBY_POLL_MS = 50;
/** While this replica's runner is active, a slow safety poll (the lock may be lost during the wait). */
const ACTIVE_POLL_MS = 500;
/** How many streams' last projected versions are remembered per projection (the most recently projected ones). */
const REMEMBERED_STREAMS = 10_000;

/**
 * Runs the projections inside the service: initialised (and rebuilt if their version changed) before the app
 * listens, stopped after the last batch's checkpoint is stored on shutdown.
 *
 * With several replicas (STORE=postgres or kurrentdb) each projection runs on exactly one of them at a time, the
 * holder of its PostgreSQL advisory lock; the others stand by and take over when it goes away.
 */
@Injectable()
export class ProjectionService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;
  private readonly locks: ProjectionLocks;
  private stopped = false;
  /** Per projection: the highest stream version this runner has committed, for recently projected streams. */
  private readonly projected = new Map<string, Map<string, bigint>>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) readModels: ReadModelDb,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() metrics?: Metrics,
    @Optional() @Inject(PUBSUB) private readonly pubsub?: PubSub,
  ) {
    const shared = config.store === 'postgres' || config.store === 'kurrentdb';
    this.locks = shared
      ? new PostgresAdvisoryLocks({
          connectionString: config.databaseUrl ?? '',
          scope: config.databaseSchema,
          applicationName: `send-tracker projector ${hostname()}:${process.pid}`.slice(0, 63),
          onLost: (projections, reason) =>
            this.logger.warn(
              `Lost the lock of ${projections.join(', ')} (${reason}); standing by.`,
            ),
        })
      : new SingleProcessLocks();
    this.runner = new ProjectionRunner(store, readModels, ALL_PROJECTIONS, {
      idleMs: 200,
      // SQLite: a batch commits without blocking the event loop on an fsync of its own. The read models can always
      // be replayed from the log, and are caught up before the service answers after a restart (onModuleInit).
      durableCommits: config.store !== 'sqlite',
      locks: this.locks,
      standbyRetryMs: config.ops.projectionStandbyRetryMs,
      onError: (projection, error) =>
        this.logger.error(`Projection ${projection} failed (${describeError(error)}); retrying.`),
      onRoleChange: (projection, active) => {
        if (shared)
          this.logger.log(
            `${active ? 'Running' : 'Standing by for'} projection ${projection} on this replica.`,
          );
      },
    });
    this.runner.onCommitted((projection, events) => this.remember(projection, events));
    if (metrics) {
      this.runner.onCommitted((projection, _events, batch) =>
        metrics.projectionEvents.inc({ projection }, batch.moved),
      );
    }
    // Another replica appended while its runner stood by: look now rather than at the next idle tick.
    this.pubsub?.subscribe('projector_wake', () => this.runner.wake());
  }

  async onModuleInit(): Promise<void> {
    await this.runner.init();
    // Whatever was written while the service was down is in the read models before the first request
    // (by this replica if it runs the projection; the active replica does the same for its own).
    await this.runner.catchUp();
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  /** After the HTTP server has drained: the last batch commits with its checkpoint, then the locks go. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.runner.stop();
    await this.locks.close();
  }

  /** Whether this replica runs the projection now. */
  isActive(projection: string): boolean {
    return this.runner.isActive(projection);
  }

  /** A local append happened: wake the runner that will project it, here or on another replica. */
  wake(projection: string): void {
    this.runner.wake();
    if (!this.runner.isActive(projection)) {
      this.pubsub?.publish('projector_wake', ['']).catch(() => undefined);
    }
  }

  private remember(projection: string, events: readonly RecordedEvent[]): void {
    let versions = this.projected.get(projection);
    if (!versions) this.projected.set(projection, (versions = new Map<string, bigint>()));
    for (const event of events) {
      const known = versions.get(event.streamId);
      if (known !== undefined && known >= event.streamVersion) continue;
      // Re-inserted, so the map's order is least recently projected first.
      versions.delete(event.streamId);
      versions.set(event.streamId, event.streamVersion);
    }
    for (const oldest of versions.keys()) {
      if (versions.size <= REMEMBERED_STREAMS) break;
      versions.delete(oldest);
    }
  }

  /**
   * Read-your-writes for a mutation: resolves true once `projection` has committed the stream up to `version`
   * (or `isVisible` already says so), false after `timeoutMs`. When this replica's runner is the active one and has
   * recently projected the stream, it answers from what the runner committed: the version, or a later one, is
   * there; or only an earlier one is, and the runner will commit this one after the call (the listener hears it, a
   * slow poll of `isVisible` is the safety net), so the read model need not be read. Otherwise (a stream not
   * projected lately, or another replica projects) it checks `isVisible` at once and polls it.
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
      let poller: NodeJS.Timeout | null = null;
      const finish = (result: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (poller) clearTimeout(poller);
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
      const check = () => {
        if (done) return;
        isVisible().then(
          (visible) => {
            if (visible) finish(true);
            else schedule();
          },
          () => schedule(),
        );
      };
      const schedule = () => {
        if (done) return;
        poller = setTimeout(
          check,
          this.runner.isActive(projection) ? ACTIVE_POLL_MS : STANDBY_POLL_MS,
        );
      };
      // Subscribed first, then checked: a batch committed in between is seen one way or the other.
      const known = this.runner.isActive(projection)
        ? this.projected.get(projection)?.get(streamId)
        : undefined;
      if (known === undefined) check();
      else if (known >= version) finish(true);
      // This runner committed the stream only up to an earlier version: the listener will hear this one.
      else schedule();
      this.wake(projection);
    });
  }
}
