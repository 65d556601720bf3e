import { SignJWT, generateKeyPair, type KeyLike } from 'jose';
import { EmbeddedTokenVerifier } from './embedded-token-verifier';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-key';
import { InvalidToken, type TokenVerifier, type VerifiedToken } from './token-claims';
import { VerifiedTokenCache } from './verified-token-cache';

const ISSUER = 'send-tracker';
const AUDIENCE = 'send-tracker-api';
const TOLERANCE = 30;
const START = Date.parse('2026-03-02T09:00:00Z');

/** One clock for the cache and for jose's `exp` check, moved by the test. */
class TestClock {
  ms = START;
  readonly now = (): number => this.ms;
  readonly date = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** The real verifier, counting how often it is asked (what the cache saves). */
class Counting implements TokenVerifier {
  calls = 0;
  constructor(private readonly inner: TokenVerifier) {}
  verify(token: string): Promise<VerifiedToken> {
    this.calls++;
    return this.inner.verify(token);
  }
}

const keysOf = async (): Promise<SigningKeys> => {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM);
  return { privateKey, publicKey, kid: 'test' };
};

describe('VerifiedTokenCache (embedded ES256 tokens)', () => {
  let keys: SigningKeys;
  let otherKeys: SigningKeys;
  let clock: TestClock;
  let verifier: Counting;
  let cache: VerifiedTokenCache;

  const sign = (
    claims: { sub: string; role: string; org?: string },
    options: { expiresInSeconds?: number | null; key?: KeyLike } = {},
  ): Promise<string> => {
    const jwt = new SignJWT({ role: claims.role, ...(claims.org ? { org: claims.org } : {}) })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'test' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(clock.ms / 1000));
    const expiresIn = options.expiresInSeconds === undefined ? 600 : options.expiresInSeconds;
    if (expiresIn !== null) jwt.setExpirationTime(Math.floor(clock.ms / 1000) + expiresIn);
    return jwt.sign(options.key ?? keys.privateKey);
  };

  beforeAll(async () => {
    keys = await keysOf();
    otherKeys = await keysOf();
  });

  beforeEach(() => {
    clock = new TestClock();
    verifier = new Counting(
      new EmbeddedTokenVerifier(
        keys,
        { issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: TOLERANCE },
        clock.date,
      ),
    );
    cache = new VerifiedTokenCache(verifier, { now: clock.now });
  });

  it('verifies a token once and answers the same viewer from memory after that', async () => {
    const token = await sign({ sub: 'parent-1', role: 'FAMILY' });
    const first = await cache.verify(token);
    expect(first).toEqual({ id: 'parent-1', role: 'FAMILY', organisation: null });
    expect(await cache.verify(token)).toEqual(first);
    expect(await cache.verify(token)).toEqual(first);
    expect(verifier.calls).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('verifies a different token on its own (another user, another role, the same user re-signed)', async () => {
    const family = await sign({ sub: 'parent-1', role: 'FAMILY' });
    const advocate = await sign({ sub: 'adv-1', role: 'ADVOCATE', org: 'ipsea' });
    clock.advance(1);
    const reissued = await sign({ sub: 'parent-1', role: 'FAMILY' });
    expect(reissued).not.toBe(family);

    expect(await cache.verify(family)).toEqual({
      id: 'parent-1',
      role: 'FAMILY',
      organisation: null,
    });
    expect(await cache.verify(advocate)).toEqual({
      id: 'adv-1',
      role: 'ADVOCATE',
      organisation: 'ipsea',
    });
    expect(await cache.verify(reissued)).toEqual({
      id: 'parent-1',
      role: 'FAMILY',
      organisation: null,
    });
    expect(verifier.calls).toBe(3);
  });

  it('refuses a cached token once it has expired (the tolerance is applied by the verifier, not stretched)', async () => {
    const token = await sign({ sub: 'parent-1', role: 'FAMILY' }, { expiresInSeconds: 60 });
    await cache.verify(token);
    clock.advance(59);
    await cache.verify(token);
    expect(verifier.calls).toBe(1);

    // Past exp but within the clock tolerance: accepted, as without the cache, but verified every time.
    clock.advance(2);
    await expect(cache.verify(token)).resolves.toMatchObject({ id: 'parent-1' });
    await expect(cache.verify(token)).resolves.toMatchObject({ id: 'parent-1' });
    expect(verifier.calls).toBe(3);

    // Past exp + tolerance: refused, although it verified a moment ago.
    clock.advance(TOLERANCE);
    await expect(cache.verify(token)).rejects.toThrow(new InvalidToken('The token has expired.'));
    expect(cache.size).toBe(0);
  });

  it('never answers from memory for a token with a different signature or payload', async () => {
    const token = await sign({ sub: 'parent-1', role: 'FAMILY' });
    await cache.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];

    const forged = await sign({ sub: 'parent-1', role: 'FAMILY' }, { key: otherKeys.privateKey });
    await expect(cache.verify(forged)).rejects.toThrow(InvalidToken);

    const other = signature[10] === 'A' ? 'B' : 'A';
    const flipped = `${header}.${payload}.${signature.slice(0, 10)}${other}${signature.slice(11)}`;
    await expect(cache.verify(flipped)).rejects.toThrow(InvalidToken);

    const elevated = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
        role: 'ADMIN',
      }),
    ).toString('base64url');
    await expect(cache.verify(`${header}.${elevated}.${signature}`)).rejects.toThrow(InvalidToken);
    expect(cache.size).toBe(1);
  });

  it('does not remember refusals, nor tokens without exp', async () => {
    await expect(cache.verify('not-a-jwt')).rejects.toThrow(InvalidToken);
    await expect(cache.verify('not-a-jwt')).rejects.toThrow(InvalidToken);
    expect(verifier.calls).toBe(2);

    const forever = await sign({ sub: 'parent-1', role: 'FAMILY' }, { expiresInSeconds: null });
    await cache.verify(forever);
    await cache.verify(forever);
    expect(verifier.calls).toBe(4);
    expect(cache.size).toBe(0);
  });

  it('reuses a verification for at most maxAgeMs, even when exp is far away', async () => {
    cache = new VerifiedTokenCache(verifier, { now: clock.now, maxAgeMs: 60_000 });
    const token = await sign({ sub: 'parent-1', role: 'FAMILY' }, { expiresInSeconds: 3600 });
    await cache.verify(token);
    clock.advance(59);
    await cache.verify(token);
    expect(verifier.calls).toBe(1);
    clock.advance(1);
    await cache.verify(token);
    expect(verifier.calls).toBe(2);
  });

  it('keeps at most maxEntries tokens, forgetting the least recently used', async () => {
    cache = new VerifiedTokenCache(verifier, { now: clock.now, maxEntries: 2 });
    const [a, b, c] = (await Promise.all(
      ['a', 'b', 'c'].map((sub) => sign({ sub, role: 'FAMILY' })),
    )) as [string, string, string];
    await cache.verify(a);
    await cache.verify(b);
    await cache.verify(a); // a is now the most recent
    await cache.verify(c); // evicts b
    expect(cache.size).toBe(2);
    expect(verifier.calls).toBe(3);
    await cache.verify(a);
    expect(verifier.calls).toBe(3);
    await cache.verify(b);
    expect(verifier.calls).toBe(4);
  });

  it('verifies a new token once for concurrent requests, and shares a refusal too', async () => {
    const token = await sign({ sub: 'parent-1', role: 'FAMILY' });
    const viewers = await Promise.all(Array.from({ length: 10 }, () => cache.verify(token)));
    expect(new Set(viewers.map((v) => v.id))).toEqual(new Set(['parent-1']));
    expect(verifier.calls).toBe(1);

    const bad = await sign({ sub: 'parent-1', role: 'FAMILY' }, { key: otherKeys.privateKey });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => cache.verify(bad)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(verifier.calls).toBe(2);
    // The refusal is not kept: the next request is checked again.
    await expect(cache.verify(bad)).rejects.toThrow(InvalidToken);
    expect(verifier.calls).toBe(3);
  });
});
