import { errors, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-key';
import {
  InvalidToken,
  expiryOf,
  viewerFromClaims,
  type TokenVerifier,
  type VerifiedToken,
} from './token-claims';
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
    /** The time `exp` and `nbf` are checked against (tests); the system clock otherwise. */
    private readonly currentDate: () => Date = () => new Date(),
  ) {}

  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: this.expected.issuer,
        audience: this.expected.audience,
        algorithms: [SIGNING_ALGORITHM],
        clockTolerance: this.expected.clockToleranceSeconds,
        currentDate: this.currentDate(),
      });
      const viewer = viewerFromClaims(payload, {
        roleClaim: 'role',
        organisationClaim: 'org',
        roleMap: IDENTITY_ROLES,
      });
      // The key is loaded once at start and never changes while the process runs.
      return { viewer, expiresAt: expiryOf(payload), recheckKey: null };
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidToken('The token has expired.');
      throw new InvalidToken('The token is not valid for this service.');
    }
  }
}
