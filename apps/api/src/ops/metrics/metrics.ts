import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the lag gauges show, measured when Prometheus scrapes (see ProjectionLagProbe). */
export interface ProjectionLagSample {
  readonly projection: string;
  /** Events of the log after the stored checkpoint (capped by the probe's look-ahead). */
  readonly eventsBehind: number;
  /** Seconds the checkpoint has not moved while events were waiting (0 when caught up). */
  readonly stalledSeconds: number;
  /** Whether this replica runs the projection (the others stand by). */
  readonly active: boolean;
}

/**
 * The service's Prometheus instruments, in a registry of its own (never prom-client's global one: two apps in one
 * process — the two-replica test — would collide there). Labels hold only bounded, non-personal values.
 */
export class Metrics {
  readonly registry = new Registry();
  private lagSource: (() => Promise<readonly ProjectionLagSample[]>) | null = null;

  readonly appendSeconds = new Histogram({
    name: 'send_event_store_append_seconds',
    help: 'Time to append a batch of events to a stream, by store and outcome (ok, replayed, conflict, error).',
    labelNames: ['store', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly versionConflicts = new Counter({
    name: 'send_event_store_version_conflicts_total',
    help: 'Appends refused because the stream had moved on (handleCommand re-reads and retries them).',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly projectionEvents = new Counter({
    name: 'send_projection_events_processed_total',
    help: 'Events of the global log a projection moved past on this replica (handled or skipped).',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly graphqlSeconds = new Histogram({
    name: 'send_graphql_operation_duration_seconds',
    help: 'GraphQL operations over HTTP, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'send_graphql_errors_total',
    help: 'Errors in GraphQL responses, by operation name and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly subscriptionsActive = new Gauge({
    name: 'send_graphql_subscriptions_active',
    help: 'Open GraphQL subscriptions on this replica.',
    labelNames: ['subscription'] as const,
    registers: [this.registry],
  });

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const samples = async (): Promise<readonly ProjectionLagSample[]> => {
      try {
        return (await this.lagSource?.()) ?? [];
      } catch {
        return [];
      }
    };
    // Measured once per scrape for the three gauges below.
    let pending: Promise<readonly ProjectionLagSample[]> | null = null;
    const once = (): Promise<readonly ProjectionLagSample[]> => {
      // The three collects of one scrape start in the same tick and share one measurement.
      pending ??= samples().finally(() => {
        pending = null;
      });
      return pending;
    };
    const lagGauge = (name: string, help: string, value: (s: ProjectionLagSample) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const sample of await once())
            this.set({ projection: sample.projection }, value(sample));
        },
      });
    lagGauge(
      'send_projection_lag_events',
      'Events in the log after the projection checkpoint (capped at HEALTH_MAX_LAG_EVENTS + 1).',
      (s) => s.eventsBehind,
    );
    lagGauge(
      'send_projection_stalled_seconds',
      'Seconds the projection checkpoint has not moved while events were waiting (0 when caught up).',
      (s) => s.stalledSeconds,
    );
    lagGauge(
      'send_projection_active',
      '1 when this replica runs the projection, 0 while it stands by.',
      (s) => (s.active ? 1 : 0),
    );
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Where the lag gauges come from (set once the stores exist). */
  measureLagWith(source: () => Promise<readonly ProjectionLagSample[]>): void {
    this.lagSource = source;
  }
}
