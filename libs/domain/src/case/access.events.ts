import type { DomainEvent } from '../decider';

/**
 * The family shared the case with an advocacy organisation. A later grant to the same organisation replaces the
 * earlier one (a new expiry date, or none).
 */
export type AccessGranted = DomainEvent<
  'AccessGranted',
  {
    /** The organisation's identifier, as the identity provider puts it in advocates' tokens. */
    organisation: string;
    /** The user who gave consent (the family that owns the case). */
    grantedBy: string;
    grantedOn: string;
    /** Last day of access (inclusive, England's date); null = until revoked. */
    expiresOn: string | null;
  }
>;

/** The family withdrew its consent. */
export type AccessRevoked = DomainEvent<
  'AccessRevoked',
  { organisation: string; revokedBy: string; revokedOn: string }
>;

export type AccessEvent = AccessGranted | AccessRevoked;
