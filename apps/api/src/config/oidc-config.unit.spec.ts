import { ConfigError, loadConfig } from './config';

const oidc = (env: Record<string, string> = {}) =>
  loadConfig({
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://login.example.org/realms/send',
    OIDC_AUDIENCE: 'send-api',
    ...env,
  });

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('OIDC configuration', () => {
  it('embedded signing stays the default', () => {
    const config = loadConfig({});
    expect(config.auth.mode).toBe('embedded');
    expect(config.auth.oidc).toBeNull();
    expect(config.auth.clockToleranceSeconds).toBe(30);
  });

  it('defaults the JWKS URL, algorithms, claims and an identity role map', () => {
    const { auth } = oidc();
    expect(auth.mode).toBe('oidc');
    expect(auth.oidc).toMatchObject({
      issuer: 'https://login.example.org/realms/send',
      jwksUrl: 'https://login.example.org/realms/send/.well-known/jwks.json',
      audience: 'send-api',
      algorithms: ['RS256', 'ES256'],
      roleClaim: 'role',
      organisationClaim: 'org',
    });
    expect({ ...auth.oidc?.roleMap }).toEqual({
      FAMILY: 'FAMILY',
      ADVOCATE: 'ADVOCATE',
      POLICY: 'POLICY',
      ADMIN: 'ADMIN',
    });
  });

  it('takes every setting from the environment', () => {
    const { auth } = oidc({
      OIDC_JWKS_URL: 'https://login.example.org/keys',
      OIDC_ALGORITHMS: 'PS256, EdDSA',
      OIDC_ROLE_CLAIM: 'https://send.example/roles',
      OIDC_ORG_CLAIM: 'org.id',
      OIDC_ROLE_MAP: 'parent:FAMILY, caseworker:ADVOCATE',
      AUTH_CLOCK_TOLERANCE_SECONDS: '0',
    });
    expect(auth.clockToleranceSeconds).toBe(0);
    expect(auth.oidc).toMatchObject({
      jwksUrl: 'https://login.example.org/keys',
      algorithms: ['PS256', 'EdDSA'],
      roleClaim: 'https://send.example/roles',
      organisationClaim: 'org.id',
    });
    expect({ ...auth.oidc?.roleMap }).toEqual({ parent: 'FAMILY', caseworker: 'ADVOCATE' });
  });

  it('allows plain http only on loopback', () => {
    expect(oidc({ OIDC_ISSUER: 'http://127.0.0.1:8080' }).auth.oidc?.jwksUrl).toBe(
      'http://127.0.0.1:8080/.well-known/jwks.json',
    );
    expect(
      problemsOf({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://idp.example', OIDC_AUDIENCE: 'a' }),
    ).toEqual([
      expect.stringMatching(/OIDC_ISSUER must be an https/),
      expect.stringMatching(/OIDC_JWKS_URL must be an https/),
    ]);
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf({
        AUTH_MODE: 'oidc',
        OIDC_ALGORITHMS: 'HS256,none',
        OIDC_ROLE_MAP: 'parent:FAMILY,parent:ADMIN,bad,x:ROOT',
        OIDC_ROLE_CLAIM: 'has space',
        AUTH_CLOCK_TOLERANCE_SECONDS: '301',
      }),
    ).toEqual([
      expect.stringMatching(/AUTH_CLOCK_TOLERANCE_SECONDS/),
      expect.stringMatching(/needs OIDC_ISSUER/),
      expect.stringMatching(/needs OIDC_AUDIENCE/),
      expect.stringMatching(/OIDC_ALGORITHMS .*"HS256"/),
      expect.stringMatching(/OIDC_ALGORITHMS .*"none"/),
      expect.stringMatching(/OIDC_ROLE_CLAIM/),
      expect.stringMatching(/names "parent" twice/),
      expect.stringMatching(/OIDC_ROLE_MAP entries .*"bad"/),
      expect.stringMatching(/OIDC_ROLE_MAP entries .*"x:ROOT"/),
    ]);
    expect(problemsOf({ AUTH_MODE: 'ldap' })).toEqual([expect.stringMatching(/AUTH_MODE must be/)]);
  });
});
