import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type FlattenedJWSInput,
  type JWTHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import type { OidcConfig } from '../config/config';
import {
  InvalidToken,
  expiryOf,
  viewerFromClaims,
  type TokenVerifier,
  type VerifiedToken,
} from './token-claims';

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

/** A compact JWS has no unprotected header: the key lookup needs only the protected one. */
const NO_UNPROTECTED_HEADER: FlattenedJWSInput = { payload: '', signature: '' };

/**
 * Tokens from an external OpenID Connect issuer (AUTH_MODE=oidc): the signature is checked against the issuer's
 * published keys (JWKS, fetched and cached by jose, re-fetched when an unknown key id appears, so key rotation needs
 * no restart), then issuer, audience, expiry (with the configured clock tolerance) and the mapped role claims.
 * A verified token may be reused until its `exp` (`VerifiedTokenCache`) only while the JWKS still gives the same key
 * for it (`recheckKey`).
 */
export class OidcTokenVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly oidc: OidcConfig,
    private readonly clockToleranceSeconds: number,
    keys?: JWTVerifyGetKey,
    /** The time `exp` and `nbf` are checked against (tests); the system clock otherwise. */
    private readonly currentDate: () => Date = () => new Date(),
  ) {
    this.keys =
      keys ??
      createRemoteJWKSet(new URL(oidc.jwksUrl), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
  }

  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload, protectedHeader, key } = await jwtVerify(token, this.keys, {
        issuer: this.oidc.issuer,
        audience: this.oidc.audience,
        algorithms: [...this.oidc.algorithms],
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.currentDate(),
      });
      const viewer = viewerFromClaims(payload, this.oidc);
      return {
        viewer,
        expiresAt: expiryOf(payload),
        recheckKey: () => this.sameKey(protectedHeader, key),
      };
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      throw new InvalidToken(reasonFor(error));
    }
  }

  /**
   * Whether the issuer's key set, as jose holds it now, still gives this very key for the token's header. jose
   * imports the keys again whenever it fetches the set, so a fetched set — rotated, withdrawn or merely refreshed —
   * makes this false and the token is verified afresh. Asking may make jose fetch the set (its copy is too old, or
   * the key id is unknown), exactly as verifying the token again would.
   */
  private async sameKey(header: JWTHeaderParameters, verifiedWith: unknown): Promise<boolean> {
    try {
      return (await this.keys(header, NO_UNPROTECTED_HEADER)) === verifiedWith;
    } catch {
      return false;
    }
  }
}
