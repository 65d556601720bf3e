import { createServer, type Server } from 'node:http';
import {
  SignJWT,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type KeyLike,
} from 'jose';
import type { OidcConfig } from '../config/config';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { InvalidToken, type TokenVerifier, type VerifiedToken } from './token-claims';
import { VerifiedTokenCache } from './verified-token-cache';

interface Key {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

const keyOf = async (kid: string): Promise<Key> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
};

class Counting implements TokenVerifier {
  calls = 0;
  constructor(private readonly inner: TokenVerifier) {}
  verify(token: string): Promise<VerifiedToken> {
    this.calls++;
    return this.inner.verify(token);
  }
}

/** An issuer on loopback whose published key set the test changes (rotation, withdrawal). */
describe('VerifiedTokenCache with an OIDC issuer: key rotation still counts', () => {
  let server: Server;
  let url: string;
  let published: Key[] = [];
  let fetches = 0;
  let oldKey: Key;
  let newKey: Key;

  beforeAll(async () => {
    oldKey = await keyOf('k-old');
    newKey = await keyOf('k-new');
    server = createServer((req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const config = (): OidcConfig => ({
    issuer: url,
    jwksUrl: `${url}/jwks.json`,
    audience: 'send-tracker-api',
    algorithms: ['ES256'],
    roleClaim: 'role',
    organisationClaim: 'org',
    roleMap: Object.assign(Object.create(null) as Record<string, never>, { parent: 'FAMILY' }),
  });

  const sign = (key: Key, sub = 'oidc-parent'): Promise<string> =>
    new SignJWT({ role: 'parent' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject(sub)
      .setIssuer(url)
      .setAudience('send-tracker-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey);

  const setUp = (options: { cacheMaxAge: number; cooldownDuration: number }) => {
    const jwks = createRemoteJWKSet(new URL(`${url}/jwks.json`), options);
    const verifier = new Counting(new OidcTokenVerifier(config(), 5, jwks));
    return { verifier, jwks, cache: new VerifiedTokenCache(verifier) };
  };

  beforeEach(() => {
    published = [oldKey];
    fetches = 0;
  });

  it('reuses a verification while the issuer still publishes the key', async () => {
    const { verifier, cache } = setUp({ cacheMaxAge: 60_000, cooldownDuration: 0 });
    const token = await sign(oldKey);
    for (let i = 0; i < 5; i++) expect((await cache.verify(token)).id).toBe('oidc-parent');
    expect(verifier.calls).toBe(1);
    expect(fetches).toBe(1);
  });

  it('refuses a cached token once the issuer has withdrawn its key and the new set is fetched', async () => {
    const { cache } = setUp({ cacheMaxAge: 60_000, cooldownDuration: 0 });
    const old = await sign(oldKey);
    await cache.verify(old);

    // Rotation: the issuer publishes only the new key. A token with the new key id makes jose fetch the set.
    published = [newKey];
    expect((await cache.verify(await sign(newKey, 'someone-else'))).id).toBe('someone-else');
    await expect(cache.verify(old)).rejects.toThrow(
      new InvalidToken("The token's signature does not match the identity provider's keys."),
    );
  });

  it("does not outlive jose's copy of the key set: when that is too old, the hit fetches it again", async () => {
    const { cache } = setUp({ cacheMaxAge: 100, cooldownDuration: 0 });
    const old = await sign(oldKey);
    await cache.verify(old);
    published = [newKey];
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(cache.verify(old)).rejects.toThrow(InvalidToken);
    expect(fetches).toBeGreaterThanOrEqual(2);
  });

  it('verifies again (and still accepts) after the set is fetched with the same key', async () => {
    const { verifier, jwks, cache } = setUp({ cacheMaxAge: 60_000, cooldownDuration: 0 });
    const token = await sign(oldKey);
    await cache.verify(token);
    await jwks.reload();
    expect((await cache.verify(token)).id).toBe('oidc-parent');
    expect(verifier.calls).toBe(2);
    // …and the fresh verification is reused again.
    await cache.verify(token);
    expect(verifier.calls).toBe(2);
  });
});
