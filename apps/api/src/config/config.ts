import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'postgres' | 'memory';

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly store: StoreKind;
  /** Directory for the SQLite file and the generated signing key. */
  readonly dataDir: string;
  readonly sqliteFile: string;
  readonly databaseUrl: string | null;
  /** PostgreSQL schema for events and read models (default `public`). */
  readonly databaseSchema: string;
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    /** File holding the private signing key (JWK); generated on first start when missing. */
    readonly signingKeyFile: string;
    /** A private JWK given directly (takes precedence over the file). */
    readonly signingKey: string | null;
  };
  readonly graphiql: boolean;
  /** Minutes between automatic breach-detection runs inside the service; 0 turns the schedule off. */
  readonly breachDetectionIntervalMinutes: number;
}

/** Every problem found, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const STORES: readonly StoreKind[] = ['sqlite', 'postgres', 'memory'];
const ENVS = ['development', 'production', 'test'] as const;

/** Reads and validates the environment once, at start. */
export const loadConfig = (env: Env, cwd: string = process.cwd()): AppConfig => {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const nodeEnv = text('NODE_ENV') ?? 'development';
  if (!(ENVS as readonly string[]).includes(nodeEnv)) {
    problems.push(`NODE_ENV must be one of ${ENVS.join(', ')} (got "${nodeEnv}").`);
  }
  const store = (text('STORE') ?? 'sqlite') as StoreKind;
  if (!STORES.includes(store))
    problems.push(`STORE must be one of ${STORES.join(', ')} (got "${store}").`);

  const portText = text('PORT') ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${portText}").`);
  }

  const databaseUrl = text('DATABASE_URL') ?? null;
  if (store === 'postgres') {
    if (!databaseUrl)
      problems.push('STORE=postgres needs DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/send.');
    else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      problems.push('DATABASE_URL must start with postgres:// or postgresql://.');
    }
  }
  const databaseSchema = text('DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push('DATABASE_SCHEMA must be a lower-case PostgreSQL identifier.');
  }

  const intervalText = text('BREACH_DETECTION_INTERVAL_MINUTES') ?? '60';
  const breachDetectionIntervalMinutes = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || breachDetectionIntervalMinutes > 7 * 24 * 60) {
    problems.push(
      `BREACH_DETECTION_INTERVAL_MINUTES must be a whole number of minutes from 0 (off) to 10080 (got "${intervalText}").`,
    );
  }

  const dataDir = resolve(cwd, text('DATA_DIR') ?? 'data');
  if (problems.length > 0) throw new ConfigError(problems);
  const mode = nodeEnv as AppConfig['env'];
  return {
    env: mode,
    host: text('HOST') ?? '127.0.0.1',
    port,
    store,
    dataDir,
    sqliteFile: resolve(dataDir, text('SQLITE_FILE') ?? 'send-tracker.sqlite'),
    databaseUrl,
    databaseSchema,
    auth: {
      issuer: text('AUTH_ISSUER') ?? 'send-tracker',
      audience: text('AUTH_AUDIENCE') ?? 'send-tracker-api',
      signingKeyFile: resolve(dataDir, text('AUTH_SIGNING_KEY_FILE') ?? 'signing-key.jwk.json'),
      signingKey: text('AUTH_SIGNING_KEY') ?? null,
    },
    graphiql: mode !== 'production',
    breachDetectionIntervalMinutes,
  };
};

export const APP_CONFIG = Symbol('APP_CONFIG');
