import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-key';
import { isRole, type Role, type Viewer } from './viewer';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

/** Why a token was refused; never echoes the token. */
export class InvalidToken extends Error {
  readonly code = 'UNAUTHENTICATED';
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
  ) {}

  /** The viewer of a verified bearer token, or an InvalidToken naming what was wrong. */
  async verify(token: string): Promise<Viewer> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        algorithms: [SIGNING_ALGORITHM],
        clockTolerance: 30,
      });
      const role = payload['role'];
      if (!payload.sub) throw new InvalidToken('The token has no subject (sub).');
      if (!isRole(role)) throw new InvalidToken('The token has no valid role.');
      const organisation = typeof payload['org'] === 'string' ? payload['org'] : null;
      if (role === 'ADVOCATE' && !organisation)
        throw new InvalidToken('An advocate token must name an organisation (org).');
      return { id: payload.sub, role, organisation };
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidToken('The token has expired.');
      throw new InvalidToken('The token is not valid for this service.');
    }
  }

  /** Issues a token signed with the embedded key (for `npm run token` and tests). */
  sign(claims: { sub: string; role: Role; org?: string }, expiresIn = '12h'): Promise<string> {
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
