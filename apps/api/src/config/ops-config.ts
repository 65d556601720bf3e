/** Operations settings: logging, health, metrics, the projector across replicas. Read by `loadConfig`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OpsConfig {
  /** pino level; JSON lines on stdout. */
  readonly logLevel: LogLevel;
  /** `/health/ready` fails when a projection's oldest unprocessed event is older than this. */
  readonly healthMaxLagSeconds: number;
  /** `/health/ready` fails when a projection is this many events (or more) behind the head of the log. */
  readonly healthMaxLagEvents: number;
  /**
   * Bearer token `/metrics` requires. Null: `/metrics` answers only clients on the loopback interface (and never a
   * request that came through a proxy).
   */
  readonly metricsToken: string | null;
  /** How often a standby replica tries to take over a projection whose active runner went away. */
  readonly projectionStandbyRetryMs: number;
}

const wholeNumber = (
  name: string,
  value: string,
  min: number,
  max: number,
  unit: string,
  problems: string[],
): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    problems.push(
      `${name} must be a whole number of ${unit} from ${min} to ${max} (got "${value}").`,
    );
  }
  return n;
};

export const loadOpsConfig = (
  text: (name: string) => string | undefined,
  env: string,
  problems: string[],
): OpsConfig => {
  const logLevel = (text('LOG_LEVEL') ?? (env === 'test' ? 'warn' : 'info')) as LogLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
  }
  const metricsToken = text('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be 16 to 256 printable characters without spaces.');
  }
  return {
    logLevel,
    healthMaxLagSeconds: wholeNumber(
      'HEALTH_MAX_LAG_SECONDS',
      text('HEALTH_MAX_LAG_SECONDS') ?? '60',
      1,
      86_400,
      'seconds',
      problems,
    ),
    healthMaxLagEvents: wholeNumber(
      'HEALTH_MAX_LAG_EVENTS',
      text('HEALTH_MAX_LAG_EVENTS') ?? '1000',
      1,
      100_000,
      'events',
      problems,
    ),
    metricsToken,
    projectionStandbyRetryMs: wholeNumber(
      'PROJECTION_STANDBY_RETRY_MS',
      text('PROJECTION_STANDBY_RETRY_MS') ?? '2000',
      50,
      600_000,
      'milliseconds',
      problems,
    ),
  };
};

/** Connection strings the KurrentDB client accepts (tech-notes §1.3). */
export const KURRENTDB_URL_PATTERN = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/;
