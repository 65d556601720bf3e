import {
  addDays,
  type BreachType,
  type CaseEvent,
  type DutyHolder,
  type DutyHolderType,
} from '@app/domain';

/** The events the breach-pattern read model reads. */
export const BREACH_PATTERN_EVENTS = [
  'CaseOpened',
  'BreachReported',
  'BreachDetected',
] as const satisfies readonly CaseEvent['type'][];

/**
 * One breach, reported by a family or advocate or detected from a missed deadline: both count (a detected breach
 * that was later remedied still happened). No personal data: no notes, no evidence references.
 */
export interface BreachOccurrence {
  readonly breachId: string;
  readonly caseId: string;
  readonly source: 'REPORTED' | 'DETECTED';
  readonly breachType: BreachType;
  /** Who owed the duty, as one key: `LA:886`, `SCHOOL:urn:123456`, `HEALTH_BODY:886:kent and medway icb`. */
  readonly holderKey: string;
  readonly holderKind: DutyHolderType;
  readonly holderName: string | null;
  readonly holderUrn: string | null;
  /** The holder's LA: the LA itself, else the code given with the holder, else the case's LA. */
  readonly holderLocalAuthorityCode: string | null;
  /** Reported: the date given; detected: the first day after the missed deadline. */
  readonly occurredOn: string;
}

const normaliseName = (name: string | null): string =>
  (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The duty-holder's identity. An LA by its DfE code; a school by its URN when known (national), otherwise — like a
 * health body or any other body — by its name within an LA area (names repeat across the country).
 */
export const dutyHolderIdentity = (
  holder: DutyHolder,
  caseLocalAuthorityCode: string,
): { key: string; localAuthorityCode: string | null } => {
  const area = holder.localAuthorityCode ?? caseLocalAuthorityCode;
  if (holder.kind === 'LA') return { key: `LA:${area}`, localAuthorityCode: area };
  const urn = holder.urn?.trim();
  if (holder.kind === 'SCHOOL' && urn)
    return { key: `SCHOOL:urn:${urn}`, localAuthorityCode: area };
  return { key: `${holder.kind}:${area}:${normaliseName(holder.name)}`, localAuthorityCode: area };
};

/** The occurrence a breach event records, or null for other events. */
export const breachOccurrenceOf = (
  caseId: string,
  caseLocalAuthorityCode: string,
  event: CaseEvent,
): BreachOccurrence | null => {
  if (event.type !== 'BreachReported' && event.type !== 'BreachDetected') return null;
  const holder = event.data.dutyHolder;
  const identity = dutyHolderIdentity(holder, caseLocalAuthorityCode);
  return {
    breachId: event.data.breachId,
    caseId,
    source: event.type === 'BreachReported' ? 'REPORTED' : 'DETECTED',
    breachType: event.data.breachType,
    holderKey: identity.key,
    holderKind: holder.kind,
    holderName: holder.name?.trim() || null,
    holderUrn: holder.urn?.trim() || null,
    holderLocalAuthorityCode: identity.localAuthorityCode,
    occurredOn:
      event.type === 'BreachReported' ? event.data.occurredOn : addDays(event.data.dueOn, 1),
  };
};
