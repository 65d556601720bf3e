import type { DomainCommand } from '../decider';

/**
 * The family shares its case with an advocacy organisation (product §3.7): the organisation's advocates may see the
 * case and record events on it until the end of `expiresOn` (England's date), or until revoked when it is null.
 */
export type GrantAccess = DomainCommand<
  'GrantAccess',
  { organisation: string; expiresOn: string | null }
>;

/** The family withdraws its consent: the organisation loses access from the next request. */
export type RevokeAccess = DomainCommand<'RevokeAccess', { organisation: string }>;

export type AccessCommand = GrantAccess | RevokeAccess;
