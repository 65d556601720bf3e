import { SignJWT } from 'jose';
import { issuerKey, TestIssuer, type IssuerKey } from './support/jwks-server';
import { codeOf, TestApp } from './support/test-app';

const ME = '{ me { id role organisation } }';

describe('AUTH_MODE=oidc: tokens from an external issuer, verified against its JWKS', () => {
  let issuer: TestIssuer;
  let app: TestApp;
  let es: IssuerKey;
  let rs: IssuerKey;
  let stranger: IssuerKey;

  beforeAll(async () => {
    es = await issuerKey('es-1', 'ES256');
    rs = await issuerKey('rs-1', 'RS256');
    stranger = await issuerKey('es-1', 'ES256'); // same kid, different key: a forgery
    issuer = await TestIssuer.start([es, rs]);
    app = await TestApp.start({
      env: {
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: issuer.url,
        OIDC_AUDIENCE: 'send-tracker-api',
        OIDC_ROLE_CLAIM: 'realm_access.roles',
        OIDC_ROLE_MAP: 'parent:FAMILY,caseworker:ADVOCATE,analyst:POLICY,operator:ADMIN',
        OIDC_ORG_CLAIM: 'https://send.example/organisation',
        AUTH_CLOCK_TOLERANCE_SECONDS: '5',
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await issuer.stop();
  });

  const family = (extra: Record<string, unknown> = {}) => ({
    sub: 'oidc-parent-1',
    realm_access: { roles: ['offline_access', 'parent'] },
    ...extra,
  });
  const me = (token: string) =>
    app.gql<{ me: { id: string; role: string; organisation: string | null } }>(ME, {}, token);
  const refused = async (token: string, reason: RegExp) => {
    const r = await me(token);
    expect(r.status).not.toBe(500);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.message).toMatch(reason);
    expect(r.data ?? null).toBeNull();
  };

  it('accepts a valid token and maps its claims to role and organisation (ES256 and RS256 keys)', async () => {
    const parent = await me(await issuer.sign(family()));
    expect(parent.errors).toBeUndefined();
    expect(parent.data!.me).toEqual({ id: 'oidc-parent-1', role: 'FAMILY', organisation: null });

    const advocate = await me(
      await issuer.sign(
        {
          sub: 'oidc-adv-1',
          realm_access: { roles: ['caseworker'] },
          'https://send.example/organisation': 'ipsea',
        },
        { key: rs },
      ),
    );
    expect(advocate.data!.me).toEqual({
      id: 'oidc-adv-1',
      role: 'ADVOCATE',
      organisation: 'ipsea',
    });
  });

  it('lets an OIDC family work on its case end to end', async () => {
    const token = await issuer.sign(family({ sub: 'oidc-parent-2' }));
    const opened = await app.gql<{ openCase: { id: string } }>(
      'mutation { openCase(input: { localAuthorityCode: "886", childLabel: "Ash" }) { id } }',
      {},
      token,
    );
    expect(opened.errors).toBeUndefined();
    const read = await app.gql<{ case: { childLabel: string } }>(
      'query C($id: ID!) { case(id: $id) { childLabel } }',
      { id: opened.data!.openCase.id },
      token,
    );
    expect(read.data!.case.childLabel).toBe('Ash');
  });

  it('refuses an expired token (beyond the clock tolerance) but allows skew within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused(await issuer.sign(family(), { expiresAt: now - 60 }), /expired/);
    const skewed = await me(await issuer.sign(family(), { expiresAt: now - 1 }));
    expect(skewed.errors).toBeUndefined();
  });

  it('refuses a token signed with a key the issuer did not publish', async () => {
    await refused(await issuer.sign(family(), { key: stranger }), /signature/);
    await refused(await issuer.sign(family(), { key: stranger, kid: 'unknown-kid' }), /signature/);
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await refused(await issuer.sign(family(), { audience: 'someone-else' }), /another service/);
    await refused(
      await issuer.sign(family(), { issuer: 'https://evil.example' }),
      /issuer this service does not trust/,
    );
  });

  it('refuses unsigned and shared-secret tokens', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        ...family(),
        iss: issuer.url,
        aud: 'send-tracker-api',
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    await refused(`${header}.${body}.`, /not valid|algorithm/);
    const shared = await new SignJWT(family())
      .setProtectedHeader({ alg: 'HS256', kid: 'es-1' })
      .setIssuer(issuer.url)
      .setAudience('send-tracker-api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a shared secret anyone could guess'));
    await refused(shared, /algorithm/);
  });

  it('refuses tokens without exactly one known role, or an advocate without an organisation', async () => {
    await refused(
      await issuer.sign(family({ realm_access: { roles: ['offline_access'] } })),
      /no role/,
    );
    await refused(
      await issuer.sign(family({ realm_access: { roles: ['parent', 'operator'] } })),
      /more than one role/,
    );
    await refused(
      await issuer.sign(family({ realm_access: { roles: ['constructor'] } })),
      /no role/,
    );
    await refused(
      await issuer.sign({ sub: 'adv-x', realm_access: { roles: ['caseworker'] } }),
      /organisation/,
    );
    await refused(await issuer.sign(family({ sub: undefined })), /sub/);
  });

  it('still answers UNAUTHENTICATED (never 500) for garbage', async () => {
    await refused('not-a-jwt', /not valid/);
  });
});

describe('AUTH_MODE=oidc with the issuer unreachable', () => {
  it('answers UNAUTHENTICATED, not a server error', async () => {
    const key = await issuerKey('k', 'ES256');
    const issuer = await TestIssuer.start([key]);
    const token = await issuer.sign({ sub: 'p', role: 'FAMILY' });
    await issuer.stop();
    const app = await TestApp.start({
      env: { AUTH_MODE: 'oidc', OIDC_ISSUER: issuer.url, OIDC_AUDIENCE: 'send-tracker-api' },
    });
    try {
      const r = await app.gql(ME, {}, token);
      expect(r.status).not.toBe(500);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
    } finally {
      await app.stop();
    }
  });
});
