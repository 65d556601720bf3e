import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

export interface IssuerKey {
  readonly kid: string;
  readonly alg: 'ES256' | 'RS256';
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

export const issuerKey = async (kid: string, alg: 'ES256' | 'RS256'): Promise<IssuerKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
};

/**
 * A stand-in OIDC issuer on the loopback interface: publishes its public keys at /.well-known/jwks.json and signs
 * tokens with them (or with any key a test gives, to forge one).
 */
export class TestIssuer {
  requests = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly keys: IssuerKey[],
  ) {}

  static async start(keys: IssuerKey[]): Promise<TestIssuer> {
    const holder: { issuer?: TestIssuer } = {};
    const server = createServer((req, res) => {
      if (holder.issuer) holder.issuer.requests++;
      if (req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: (holder.issuer?.keys ?? keys).map((k) => k.publicJwk) }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    holder.issuer = new TestIssuer(server, `http://127.0.0.1:${port}`, keys);
    return holder.issuer;
  }

  /** A token; every standard claim can be overridden (or removed with `undefined`). */
  sign(
    claims: JWTPayload,
    options: {
      key?: IssuerKey;
      kid?: string;
      issuer?: string;
      audience?: string;
      expiresAt?: number;
    } = {},
  ): Promise<string> {
    const key = options.key ?? this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? 'send-tracker-api')
      .setIssuedAt(now - 60)
      .setExpirationTime(options.expiresAt ?? now + 600)
      .sign(key.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
