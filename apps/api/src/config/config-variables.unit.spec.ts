import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config';

/** Runs loadConfig on `env` and returns every variable name it looked up. */
const namesRead = (env: Record<string, string>): Set<string> => {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  try {
    loadConfig(recording, '/app');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  return read;
};

describe('CONFIG_VARIABLES: the environment variables the app accepts', () => {
  const accepted = new Set<string>(CONFIG_VARIABLES);

  it('lists every variable loadConfig reads, in every store and auth mode', () => {
    const shapes: Record<string, string>[] = [
      {},
      { STORE: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1/db' },
      {
        STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
        DATABASE_URL: 'postgres://x@h/db',
      },
      { AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example.org', OIDC_AUDIENCE: 'api' },
      { NODE_ENV: 'production', METRICS_TOKEN: 'a-long-enough-metrics-token' },
    ];
    const read = new Set(shapes.flatMap((shape) => [...namesRead(shape)]));
    expect([...read].filter((name) => !accepted.has(name))).toEqual([]);
  });

  it("lists every text('NAME') in the configuration sources, and nothing they never read", () => {
    const sources = ['config.ts', 'ops-config.ts']
      .map((file) => readFileSync(join(__dirname, file), 'utf8'))
      .join('\n');
    const named = new Set([...sources.matchAll(/text\('([A-Z0-9_]+)'\)/g)].map((m) => m[1]!));
    expect([...named].filter((name) => !accepted.has(name))).toEqual([]);
    const everRead = new Set([
      ...named,
      ...namesRead({ AUTH_MODE: 'oidc', STORE: 'kurrentdb' }),
      ...namesRead({}),
    ]);
    expect(CONFIG_VARIABLES.filter((name) => !everRead.has(name))).toEqual([]);
  });
});

describe('operations and KurrentDB configuration', () => {
  it('needs KURRENTDB_URL and DATABASE_URL with STORE=kurrentdb', () => {
    expect(() => loadConfig({ STORE: 'kurrentdb' }, '/app')).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining('STORE=kurrentdb needs DATABASE_URL'),
          expect.stringContaining('STORE=kurrentdb needs KURRENTDB_URL'),
        ],
      }) as Error,
    );
    expect(() =>
      loadConfig(
        { STORE: 'kurrentdb', KURRENTDB_URL: 'http://x', DATABASE_URL: 'postgres://x@h/db' },
        '/app',
      ),
    ).toThrow(/KURRENTDB_URL must start with kurrentdb:\/\//);
    const config = loadConfig(
      {
        STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb+discover://admin:changeit@cluster.local:2113',
        DATABASE_URL: 'postgres://x@h/db',
      },
      '/app',
    );
    expect(config).toMatchObject({ store: 'kurrentdb', databaseUrl: 'postgres://x@h/db' });
  });

  it('has defaults for logs, health and metrics, and validates them', () => {
    expect(loadConfig({}, '/app').ops).toEqual({
      logLevel: 'info',
      healthMaxLagSeconds: 60,
      healthMaxLagEvents: 1000,
      metricsToken: null,
      projectionStandbyRetryMs: 2000,
    });
    expect(loadConfig({ NODE_ENV: 'test' }, '/app').ops.logLevel).toBe('warn');
    expect(() =>
      loadConfig(
        {
          LOG_LEVEL: 'loud',
          HEALTH_MAX_LAG_SECONDS: '0',
          METRICS_TOKEN: 'short',
          PROJECTION_STANDBY_RETRY_MS: '1',
        },
        '/app',
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining('LOG_LEVEL must be one of'),
          expect.stringContaining('METRICS_TOKEN must be'),
          expect.stringContaining('HEALTH_MAX_LAG_SECONDS must be'),
          expect.stringContaining('PROJECTION_STANDBY_RETRY_MS must be'),
        ],
      }) as Error,
    );
  });
});
