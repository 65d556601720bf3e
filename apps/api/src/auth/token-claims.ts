import type { JWTPayload } from 'jose';
import type { Viewer, Role } from './viewer';

/** Why a token was refused; never echoes the token. Always answered as UNAUTHENTICATED. */
export class InvalidToken extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** What verifying a token established. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  /** The token's `exp` (seconds since the epoch); null when it has none. */
  readonly expiresAt: number | null;
  /**
   * Whether the key that verified the token is still the one that would verify it now (an external issuer may
   * rotate or withdraw keys); null when the key cannot change while the process runs (the embedded key).
   */
  readonly recheckKey: (() => Promise<boolean>) | null;
}

/** Verifies a bearer token and says who it is for; rejects with InvalidToken. */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

/** The `exp` claim when it is a number (jose has already checked it when present). */
export const expiryOf = (payload: JWTPayload): number | null =>
  typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp : null;

/** Where the role and organisation are in a token, and which claim values mean which role. */
export interface ClaimMapping {
  readonly roleClaim: string;
  readonly organisationClaim: string;
  readonly roleMap: Readonly<Record<string, Role>>;
}

const MAX_SUBJECT = 255;
const MAX_ORGANISATION = 100;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A claim by name, or by dotted path into nested objects (e.g. Keycloak's `realm_access.roles`). */
const claimAt = (payload: JWTPayload, path: string): unknown => {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
};

/**
 * The viewer a verified token names. Deny by default: exactly one mapped role (claim values not in the map are
 * ignored, so an identity provider's extra roles do no harm), a subject, and for an advocate an organisation.
 */
export const viewerFromClaims = (payload: JWTPayload, mapping: ClaimMapping): Viewer => {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_SUBJECT || CONTROL.test(sub)) {
    throw new InvalidToken('The token has no usable subject (sub).');
  }
  const raw = claimAt(payload, mapping.roleClaim);
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  const roles = new Set(
    values.filter((v) => Object.hasOwn(mapping.roleMap, v)).map((v) => mapping.roleMap[v]!),
  );
  if (roles.size === 0) throw new InvalidToken('The token has no role this service knows.');
  if (roles.size > 1)
    throw new InvalidToken('The token names more than one role; it must name one.');
  const [role] = [...roles] as [Role];
  const org = claimAt(payload, mapping.organisationClaim);
  const organisation =
    typeof org === 'string' &&
    org.trim() !== '' &&
    org.length <= MAX_ORGANISATION &&
    !CONTROL.test(org)
      ? org
      : null;
  if (role === 'ADVOCATE' && !organisation) {
    throw new InvalidToken('An advocate token must name an organisation.');
  }
  return { id: sub, role, organisation };
};
