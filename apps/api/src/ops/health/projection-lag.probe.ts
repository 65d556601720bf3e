import type { EventStore } from '@app/event-store';
import type { ReadModelDb } from '@app/projections';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { EVENT_STORE, READ_MODEL_DB } from '../../persistence/persistence.tokens';
import { ProjectionService } from '../../persistence/projection.service';
import { Metrics, type ProjectionLagSample } from '../metrics/metrics';

export interface ProjectionLag extends ProjectionLagSample {
  /** Past a bound of HEALTH_MAX_LAG_EVENTS / HEALTH_MAX_LAG_SECONDS. */
  readonly lagging: boolean;
}

/**
 * How far each projection is behind the log, from the checkpoint stored in the read-model database (the same on
 * every replica, whichever runs the projection) and one read of the log after it. That read is also the cheapest
 * proof that the event store answers.
 *
 * Lagging = at least HEALTH_MAX_LAG_EVENTS events behind, or events waiting while the checkpoint has not moved for
 * HEALTH_MAX_LAG_SECONDS (the projector is stuck or gone). Time is the wall clock: checkpoints are stamped with it.
 */
@Injectable()
export class ProjectionLagProbe {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly projections: ProjectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    metrics.measureLagWith(() => this.measure());
  }

  /** Proves the event store answers (a read of at most one event). */
  async pingEventStore(): Promise<void> {
    await this.store.readAll(null, 1);
  }

  /** Proves the read-model database answers. */
  async pingReadModels(): Promise<void> {
    await this.db.query('SELECT 1 AS ok');
  }

  async measure(): Promise<ProjectionLag[]> {
    const { healthMaxLagEvents, healthMaxLagSeconds } = this.config.ops;
    const rows = await this.db.query<{
      projection: string;
      version: unknown;
      checkpoint: string | null;
      updated_at: string;
    }>('SELECT projection, version, checkpoint, updated_at FROM rm_checkpoints');
    const runner = this.projections.runner;
    const result: ProjectionLag[] = [];
    for (const projection of runner.projections) {
      const row = rows.find((r) => r.projection === projection.name);
      // Not stored yet, or stored by another version (a rebuild is due): everything is behind.
      const current = row !== undefined && Number(row.version) === projection.version;
      const checkpoint = current ? row.checkpoint : null;
      const { events } = await this.store.readAll(checkpoint, healthMaxLagEvents + 1);
      const since = current ? Date.parse(row.updated_at) : Number.NaN;
      const stalledSeconds =
        events.length === 0
          ? 0
          : Number.isNaN(since)
            ? Infinity
            : Math.max(0, (Date.now() - since) / 1000);
      result.push({
        projection: projection.name,
        eventsBehind: events.length,
        stalledSeconds: Number.isFinite(stalledSeconds) ? Math.round(stalledSeconds) : -1,
        active: runner.isActive(projection.name),
        lagging: events.length >= healthMaxLagEvents || stalledSeconds >= healthMaxLagSeconds,
      });
    }
    return result;
  }
}
