import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EmbeddedTokenVerifier } from './embedded-token-verifier';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-key';
import type { TokenVerifier } from './token-claims';
import { VerifiedTokenCache } from './verified-token-cache';
import type { Role, Viewer } from './viewer';

export { InvalidToken } from './token-claims';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

/**
 * Verifies bearer tokens: with the embedded signing key (AUTH_MODE=embedded, the default) or against an external
 * OIDC issuer's JWKS (AUTH_MODE=oidc). A token that verified is remembered, by its hash, until its `exp` at the
 * latest (`VerifiedTokenCache` says why that is safe); what the viewer may see is still decided on every request.
 */
@Injectable()
export class AuthService {
  private readonly tokens: VerifiedTokenCache;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys | null,
  ) {
    const { auth } = config;
    let verifier: TokenVerifier;
    if (auth.mode === 'oidc') {
      if (!auth.oidc) throw new Error('AUTH_MODE=oidc without OIDC settings.');
      verifier = new OidcTokenVerifier(auth.oidc, auth.clockToleranceSeconds);
    } else {
      if (!keys) throw new Error('AUTH_MODE=embedded needs the signing key.');
      verifier = new EmbeddedTokenVerifier(keys, {
        issuer: auth.issuer,
        audience: auth.audience,
        clockToleranceSeconds: auth.clockToleranceSeconds,
      });
    }
    this.tokens = new VerifiedTokenCache(verifier);
  }

  /** The viewer of a verified bearer token, or an InvalidToken naming what was wrong. */
  verify(token: string): Promise<Viewer> {
    return this.tokens.verify(token);
  }

  /** Issues a token signed with the embedded key (for `npm run token` and tests). */
  sign(claims: { sub: string; role: Role; org?: string }, expiresIn = '12h'): Promise<string> {
    if (this.config.auth.mode !== 'embedded' || !this.keys) {
      return Promise.reject(
        new Error(
          'AUTH_MODE=oidc: tokens come from the identity provider; this service signs none.',
        ),
      );
    }
    return new SignJWT({ role: claims.role, ...(claims.org ? { org: claims.org } : {}) })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.keys.kid })
      .setSubject(claims.sub)
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.keys.privateKey);
  }
}
