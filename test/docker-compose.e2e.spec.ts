import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../apps/api/src/config/config';

const ROOT = join(__dirname, '..');
const HEALTH_PATH = '/health/ready';

type Service = {
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number)[];
  healthcheck?: { test?: string | string[] };
};
type Compose = { services: Record<string, Service> };

/** `${NAME:-default}` → default (as Compose does for an unset variable); `${NAME}` → a placeholder. */
const interpolate = (value: string): string =>
  value.replace(
    /\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g,
    (_all, _name: string, fallback?: string) => fallback ?? 'set-by-operator',
  );

const environmentOf = (service: Service): Record<string, string> => {
  const env = service.environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((entry) => {
        const at = entry.indexOf('=');
        return [entry.slice(0, at), entry.slice(at + 1)] as const;
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)] as const);
  return Object.fromEntries(pairs.map(([k, v]) => [k, interpolate(v)]));
};

/** The container side of a port mapping: "4001:4000" → 4000, "127.0.0.1:4000:4000/tcp" → 4000. */
const containerPort = (mapping: string | number): number =>
  Number(String(mapping).split('/')[0]!.split(':').at(-1));

/** Every way a compose file can disagree with the app's configuration; [] when it agrees. */
const composeProblems = (compose: Compose): string[] => {
  const accepted = new Set<string>(CONFIG_VARIABLES);
  const problems: string[] = [];
  const apis = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
  if (apis.length === 0) problems.push('no api service (one with build:)');
  for (const [name, service] of apis) {
    const env = environmentOf(service);
    for (const key of Object.keys(env)) {
      if (!accepted.has(key))
        problems.push(`${name}: ${key} is not a variable the app's configuration reads`);
    }
    try {
      loadConfig(env, '/app');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => `${name}: ${p}`));
    }
    const port = Number(env['PORT'] ?? '4000');
    const ports = (service.ports ?? []).map(containerPort);
    if (ports.length === 0 || ports.some((p) => p !== port)) {
      problems.push(
        `${name}: ports ${JSON.stringify(service.ports)} do not publish the app's PORT ${port}`,
      );
    }
    if (env['HOST'] !== '0.0.0.0') problems.push(`${name}: HOST must be 0.0.0.0 in a container`);
    const test = service.healthcheck?.test;
    const text = Array.isArray(test) ? test.join(' ') : (test ?? '');
    if (!text.includes(`:${port}${HEALTH_PATH}`)) {
      problems.push(`${name}: the health check does not call http://…:${port}${HEALTH_PATH}`);
    }
  }
  return problems;
};

const load = (): Compose =>
  parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;

describe('docker-compose.yml and Dockerfile against the app', () => {
  it('sets only variables the app accepts, with valid values, and matching ports and health checks', () => {
    const compose = load();
    expect(composeProblems(compose)).toEqual([]);
    const apis = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
    expect(apis.map(([name]) => name)).toEqual(['api-1', 'api-2']);
    for (const [, service] of apis) {
      const config = loadConfig(environmentOf(service), '/app');
      expect(config.store).toBe('kurrentdb');
      expect(config.kurrentDbUrl).toBe('kurrentdb://kurrentdb:2113?tls=false');
    }
    expect(compose.services['kurrentdb']).toBeDefined();
    expect(compose.services['postgres']).toBeDefined();
  });

  it('fails on a variable the app does not read, a wrong port, a wrong health check or a bad value', () => {
    const broken = (change: (c: Compose) => void): string[] => {
      const compose = load();
      change(compose);
      return composeProblems(compose);
    };
    const env = (c: Compose) => c.services['api-1']!.environment as Record<string, string>;
    expect(broken((c) => (env(c)['KURRENT_URL'] = 'x'))).toEqual([
      "api-1: KURRENT_URL is not a variable the app's configuration reads",
    ]);
    expect(broken((c) => (c.services['api-2']!.ports = ['4001:4001']))).toEqual([
      'api-2: ports ["4001:4001"] do not publish the app\'s PORT 4000',
    ]);
    expect(
      broken(
        (c) =>
          (c.services['api-1']!.healthcheck = {
            test: ['CMD', 'curl', 'http://127.0.0.1:4000/health'],
          }),
      ),
    ).toEqual(['api-1: the health check does not call http://…:4000/health/ready']);
    expect(broken((c) => (env(c)['STORE'] = 'kurrent'))).toEqual([
      expect.stringContaining('api-1: STORE must be one of'),
    ]);
  });

  it('the image exposes the default PORT and checks /health/ready there', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const port = /ENV [^\n]*\bPORT=(\d+)/.exec(dockerfile)?.[1];
    expect(port).toBe('4000');
    expect(dockerfile).toMatch(new RegExp(`EXPOSE ${port}\\b`));
    expect(dockerfile).toContain(`http://127.0.0.1:${port}${HEALTH_PATH}`);
    expect(loadConfig({}, '/app').port).toBe(Number(port));
  });
});
