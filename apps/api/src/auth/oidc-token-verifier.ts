import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { OidcConfig } from '../config/config';
import { InvalidToken, viewerFromClaims, type TokenVerifier } from './token-claims';
import type { Viewer } from './viewer';

/** Why the token failed, in words a user (or their admin) can act on; never the token itself. */
const reasonFor = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token was issued for another service (audience).';
    if (error.claim === 'iss')
      return 'The token was issued by an issuer this service does not trust.';
    return `The token's ${error.claim} claim is not acceptable.`;
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    return "The token's signature does not match the identity provider's keys.";
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The token is signed with an algorithm this service does not accept.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return "The identity provider's keys could not be fetched; please try again shortly.";
  }
  return 'The token is not valid for this service.';
};

/**
 * Tokens from an external OpenID Connect issuer (AUTH_MODE=oidc): the signature is checked against the issuer's
 * published keys (JWKS, fetched and cached by jose, re-fetched when an unknown key id appears, so key rotation needs
 * no restart), then issuer, audience, expiry (with the configured clock tolerance) and the mapped role claims.
 * Nothing is cached per token: every request is verified again.
 */
export class OidcTokenVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly oidc: OidcConfig,
    private readonly clockToleranceSeconds: number,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys =
      keys ??
      createRemoteJWKSet(new URL(oidc.jwksUrl), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
  }

  async verify(token: string): Promise<Viewer> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.oidc.issuer,
        audience: this.oidc.audience,
        algorithms: [...this.oidc.algorithms],
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      return viewerFromClaims(payload, this.oidc);
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      throw new InvalidToken(reasonFor(error));
    }
  }
}
