import type { DomainEvent } from '../decider';

/** Who asked for the erasure: the family itself, or an operator processing the family's request. */
export type ErasureRequester = 'FAMILY' | 'ADMIN';

/**
 * The case's personal data was erased (UK GDPR Art 17, send-domain §6): its key is destroyed, so every personal
 * field (personal-data.ts) reads as erased from now on. Carries no personal data itself. The case stays, with every
 * date, appeal, outcome, deadline and breach, for the statistics; it can no longer be changed.
 */
export type PersonalDataErased = DomainEvent<
  'PersonalDataErased',
  { erasedOn: string; requestedBy: ErasureRequester }
>;

export type ErasureEvent = PersonalDataErased;
