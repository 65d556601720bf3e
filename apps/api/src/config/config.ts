import { resolve } from 'node:path';
import { ROLES, type Role } from '../auth/viewer';
import { KURRENTDB_URL_PATTERN, loadOpsConfig, type OpsConfig } from './ops-config';

export type StoreKind = 'sqlite' | 'postgres' | 'memory' | 'kurrentdb';

/** How bearer tokens are verified: the embedded signing key (default) or an external OIDC issuer's JWKS. */
export type AuthMode = 'embedded' | 'oidc';

/** An external OpenID Connect issuer (production identity). */
export interface OidcConfig {
  /** Expected `iss`, exactly as the issuer writes it. */
  readonly issuer: string;
  /** Where its public keys are published (JWKS); default `<issuer>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Expected `aud`. */
  readonly audience: string;
  /** Signature algorithms accepted (asymmetric only). */
  readonly algorithms: readonly string[];
  /** Claim holding the role: a string or an array of strings; a dotted path reaches nested claims. */
  readonly roleClaim: string;
  /** Claim holding an advocate's organisation (dotted path allowed). */
  readonly organisationClaim: string;
  /** Claim value → role; values not listed are ignored, so a token must carry exactly one mapped role. */
  readonly roleMap: Readonly<Record<string, Role>>;
}

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly store: StoreKind;
  /** Directory for the SQLite file and the generated signing key. */
  readonly dataDir: string;
  readonly sqliteFile: string;
  readonly databaseUrl: string | null;
  /** KurrentDB connection string (STORE=kurrentdb: events there, read models in DATABASE_URL). */
  readonly kurrentDbUrl: string | null;
  /** Logging, health, metrics and the projector across replicas. */
  readonly ops: OpsConfig;
  /** PostgreSQL schema for events and read models (default `public`). */
  readonly databaseSchema: string;
  readonly auth: {
    readonly mode: AuthMode;
    /** Leeway for `exp`/`nbf`/`iat` between our clock and the issuer's, in seconds. */
    readonly clockToleranceSeconds: number;
    /** Set when `mode` is `oidc`. */
    readonly oidc: OidcConfig | null;
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
  /**
   * Statistics: counts from 1 to DISCLOSURE_THRESHOLD − 1 are suppressed (with secondary suppression) in every view
   * that is not restricted to the caller's own cases. 1 turns suppression off.
   */
  readonly disclosureThreshold: number;
  /** Per-request limits of the GraphQL API (README "Limits"; anchors B6). */
  readonly graphqlLimits: {
    /** Deepest field nesting, leaves counted: `{ me { id } }` is 2. */
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxDirectives: number;
    /** Lexical tokens per document; parsing stops beyond it. */
    readonly maxTokens: number;
    /** Estimated cost: object 2, scalar 1, lists × `first` or their expected size. */
    readonly maxCost: number;
    /** Characters of query text. */
    readonly maxQueryLength: number;
    /** Milliseconds a request may run before it is answered with TIMEOUT. */
    readonly timeoutMs: number;
  };
  /** Requests per minute per signed-in user (or per IP address without a valid token), as a token bucket. */
  readonly rateLimitPerMinute: number;
}

/** Defaults of the GraphQL limits (README "Limits" says why each was chosen). */
export const GRAPHQL_LIMIT_DEFAULTS = {
  GRAPHQL_MAX_DEPTH: 7,
  GRAPHQL_MAX_ALIASES: 15,
  GRAPHQL_MAX_DIRECTIVES: 50,
  GRAPHQL_MAX_TOKENS: 1000,
  GRAPHQL_MAX_COST: 5000,
  GRAPHQL_MAX_QUERY_LENGTH: 15000,
  GRAPHQL_TIMEOUT_MS: 10000,
  RATE_LIMIT_PER_MINUTE: 300,
} as const;

/** Allowed ranges: wide enough to tune, narrow enough that a typo cannot switch a limit off. */
const LIMIT_RANGES: Record<keyof typeof GRAPHQL_LIMIT_DEFAULTS, readonly [number, number]> = {
  GRAPHQL_MAX_DEPTH: [2, 50],
  GRAPHQL_MAX_ALIASES: [0, 1000],
  GRAPHQL_MAX_DIRECTIVES: [0, 1000],
  GRAPHQL_MAX_TOKENS: [100, 100000],
  GRAPHQL_MAX_COST: [10, 10000000],
  GRAPHQL_MAX_QUERY_LENGTH: [100, 100000],
  GRAPHQL_TIMEOUT_MS: [1, 300000],
  RATE_LIMIT_PER_MINUTE: [1, 1000000],
};

/** Every problem found, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const STORES: readonly StoreKind[] = ['sqlite', 'postgres', 'memory', 'kurrentdb'];
const AUTH_MODES: readonly AuthMode[] = ['embedded', 'oidc'];
/** Asymmetric algorithms only: a JWKS publishes public keys; `none` and shared secrets are never accepted. */
const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A claim name (namespaced URLs allowed) or a dotted path into nested claims: printable, no spaces. */
const CLAIM_PATH = /^[\x21-\x7e]{1,200}$/;

/** An https URL (plain http only on the loopback interface: tests and a local identity provider). */
const checkUrl = (name: string, value: string, problems: string[]): void => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} must be an absolute URL (got "${value}").`);
    return;
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return;
  problems.push(`${name} must be an https:// URL (plain http only on 127.0.0.1/localhost).`);
};

/** `value:ROLE` pairs, comma-separated, e.g. `parent:FAMILY,caseworker:ADVOCATE`. */
const parseRoleMap = (
  textValue: string | undefined,
  problems: string[],
): Readonly<Record<string, Role>> => {
  // No prototype: a claim value such as "constructor" must not find anything.
  const map: Record<string, Role> = Object.create(null) as Record<string, Role>;
  if (textValue === undefined) {
    for (const role of ROLES) map[role] = role;
    return map;
  }
  for (const pair of textValue.split(',')) {
    const at = pair.lastIndexOf(':');
    const value = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (at <= 0 || value === '' || !(ROLES as readonly string[]).includes(role)) {
      problems.push(
        `OIDC_ROLE_MAP entries must be "<claim value>:<${ROLES.join('|')}>" separated by commas (got "${pair.trim()}").`,
      );
      continue;
    }
    if (value in map) problems.push(`OIDC_ROLE_MAP names "${value}" twice.`);
    map[value] = role as Role;
  }
  return map;
};

const loadOidcConfig = (
  text: (name: string) => string | undefined,
  problems: string[],
): OidcConfig => {
  const issuer = text('OIDC_ISSUER') ?? '';
  if (!issuer)
    problems.push('AUTH_MODE=oidc needs OIDC_ISSUER, e.g. https://login.example.org/realms/send.');
  else checkUrl('OIDC_ISSUER', issuer, problems);
  const jwksUrl = text('OIDC_JWKS_URL') ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
  if (issuer || text('OIDC_JWKS_URL')) checkUrl('OIDC_JWKS_URL', jwksUrl, problems);
  const audience = text('OIDC_AUDIENCE') ?? '';
  if (!audience)
    problems.push(
      'AUTH_MODE=oidc needs OIDC_AUDIENCE (the aud the issuer puts in tokens for this API).',
    );
  const algorithms = (text('OIDC_ALGORITHMS') ?? 'RS256,ES256').split(',').map((a) => a.trim());
  for (const algorithm of algorithms) {
    if (!(OIDC_ALGORITHMS as readonly string[]).includes(algorithm)) {
      problems.push(
        `OIDC_ALGORITHMS may list only ${OIDC_ALGORITHMS.join(', ')} (got "${algorithm}").`,
      );
    }
  }
  const roleClaim = text('OIDC_ROLE_CLAIM') ?? 'role';
  const organisationClaim = text('OIDC_ORG_CLAIM') ?? 'org';
  for (const [name, claim] of [
    ['OIDC_ROLE_CLAIM', roleClaim],
    ['OIDC_ORG_CLAIM', organisationClaim],
  ] as const) {
    if (!CLAIM_PATH.test(claim))
      problems.push(`${name} must be a claim name or dotted path (got "${claim}").`);
  }
  return {
    issuer,
    jwksUrl,
    audience,
    algorithms,
    roleClaim,
    organisationClaim,
    roleMap: parseRoleMap(text('OIDC_ROLE_MAP'), problems),
  };
};
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
  if (store === 'postgres' || store === 'kurrentdb') {
    if (!databaseUrl)
      problems.push(
        `STORE=${store} needs DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/send${store === 'kurrentdb' ? ' (for the read models)' : ''}.`,
      );
    else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      problems.push('DATABASE_URL must start with postgres:// or postgresql://.');
    }
  }
  const kurrentDbUrl = text('KURRENTDB_URL') ?? null;
  if (store === 'kurrentdb') {
    if (!kurrentDbUrl)
      problems.push(
        'STORE=kurrentdb needs KURRENTDB_URL, e.g. kurrentdb://127.0.0.1:2113?tls=false.',
      );
    else if (!KURRENTDB_URL_PATTERN.test(kurrentDbUrl))
      problems.push(
        'KURRENTDB_URL must start with kurrentdb://, kurrentdb+discover:// (or kurrent://, kdb://, esdb://).',
      );
  }
  const ops = loadOpsConfig(text, nodeEnv, problems);
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

  const thresholdText = text('DISCLOSURE_THRESHOLD') ?? '5';
  const disclosureThreshold = Number(thresholdText);
  if (!/^\d+$/.test(thresholdText) || disclosureThreshold < 1 || disclosureThreshold > 100) {
    problems.push(
      `DISCLOSURE_THRESHOLD must be a whole number from 1 (no suppression) to 100 (got "${thresholdText}").`,
    );
  }

  const authMode = (text('AUTH_MODE') ?? 'embedded') as AuthMode;
  if (!AUTH_MODES.includes(authMode)) {
    problems.push(`AUTH_MODE must be one of ${AUTH_MODES.join(', ')} (got "${authMode}").`);
  }
  const toleranceText = text('AUTH_CLOCK_TOLERANCE_SECONDS') ?? '30';
  const clockToleranceSeconds = Number(toleranceText);
  if (!/^\d+$/.test(toleranceText) || clockToleranceSeconds > 300) {
    problems.push(
      `AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300 (got "${toleranceText}").`,
    );
  }
  const oidc = authMode === 'oidc' ? loadOidcConfig(text, problems) : null;

  const limit = (name: keyof typeof GRAPHQL_LIMIT_DEFAULTS): number => {
    const given = text(name) ?? String(GRAPHQL_LIMIT_DEFAULTS[name]);
    const [min, max] = LIMIT_RANGES[name];
    const value = Number(given);
    if (!/^\d+$/.test(given) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${given}").`);
    }
    return value;
  };
  const graphqlLimits = {
    maxDepth: limit('GRAPHQL_MAX_DEPTH'),
    maxAliases: limit('GRAPHQL_MAX_ALIASES'),
    maxDirectives: limit('GRAPHQL_MAX_DIRECTIVES'),
    maxTokens: limit('GRAPHQL_MAX_TOKENS'),
    maxCost: limit('GRAPHQL_MAX_COST'),
    maxQueryLength: limit('GRAPHQL_MAX_QUERY_LENGTH'),
    timeoutMs: limit('GRAPHQL_TIMEOUT_MS'),
  };
  const rateLimitPerMinute = limit('RATE_LIMIT_PER_MINUTE');

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
    kurrentDbUrl,
    ops,
    databaseSchema,
    auth: {
      mode: authMode,
      clockToleranceSeconds,
      oidc,
      issuer: text('AUTH_ISSUER') ?? 'send-tracker',
      audience: text('AUTH_AUDIENCE') ?? 'send-tracker-api',
      signingKeyFile: resolve(dataDir, text('AUTH_SIGNING_KEY_FILE') ?? 'signing-key.jwk.json'),
      signingKey: text('AUTH_SIGNING_KEY') ?? null,
    },
    graphiql: mode !== 'production',
    breachDetectionIntervalMinutes,
    disclosureThreshold,
    graphqlLimits,
    rateLimitPerMinute,
  };
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Every environment variable `loadConfig` reads, so deployment files can be checked against it
 * (test/docker-compose.e2e.spec.ts); config-variables.unit.spec.ts fails when `loadConfig` reads one missing here.
 */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'STORE',
  'DATA_DIR',
  'SQLITE_FILE',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'KURRENTDB_URL',
  'BREACH_DETECTION_INTERVAL_MINUTES',
  'AUTH_MODE',
  'AUTH_CLOCK_TOLERANCE_SECONDS',
  'AUTH_SIGNING_KEY',
  'AUTH_SIGNING_KEY_FILE',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'OIDC_ISSUER',
  'OIDC_JWKS_URL',
  'OIDC_AUDIENCE',
  'OIDC_ALGORITHMS',
  'OIDC_ROLE_CLAIM',
  'OIDC_ORG_CLAIM',
  'OIDC_ROLE_MAP',
  'LOG_LEVEL',
  'HEALTH_MAX_LAG_SECONDS',
  'HEALTH_MAX_LAG_EVENTS',
  'METRICS_TOKEN',
  'PROJECTION_STANDBY_RETRY_MS',
  'DISCLOSURE_THRESHOLD',
  ...(Object.keys(GRAPHQL_LIMIT_DEFAULTS) as (keyof typeof GRAPHQL_LIMIT_DEFAULTS)[]),
] as const;
