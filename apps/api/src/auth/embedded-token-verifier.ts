import { errors, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-key';
import { InvalidToken, viewerFromClaims, type TokenVerifier } from './token-claims';
import { ROLES, type Role } from './viewer';

const IDENTITY_ROLES: Readonly<Record<string, Role>> = Object.assign(
  Object.create(null) as Record<string, Role>,
  Object.fromEntries(ROLES.map((role) => [role, role])),
);

/** Tokens signed with the service's own key (the default; `npm run token` issues them). */
export class EmbeddedTokenVerifier implements TokenVerifier {
  constructor(
    private readonly keys: SigningKeys,
    private readonly expected: {
      readonly issuer: string;
      readonly audience: string;
      readonly clockToleranceSeconds: number;
    },
  ) {}

  async verify(token: string) {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: this.expected.issuer,
        audience: this.expected.audience,
        algorithms: [SIGNING_ALGORITHM],
        clockTolerance: this.expected.clockToleranceSeconds,
      });
      return viewerFromClaims(payload, {
        roleClaim: 'role',
        organisationClaim: 'org',
        roleMap: IDENTITY_ROLES,
      });
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidToken('The token has expired.');
      throw new InvalidToken('The token is not valid for this service.');
    }
  }
}
