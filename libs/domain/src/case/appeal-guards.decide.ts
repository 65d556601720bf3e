import { InvalidInput, InvalidTransition } from '../domain-error';
import type { AppealState } from './appeal.state';
import type { OpenCaseState } from './case.state';
import { requireDate, today, type DateBound } from './case.validation';

/** Shared checks of the appeal decisions: which appeal, where it stands, and dates within what is recorded. */

const OUTCOME_WORDS: Record<string, string> = {
  WITHDRAWN: 'was withdrawn',
  CONCEDED: 'was conceded by the council',
  CONSENT_ORDER: 'ended with a consent order',
  STRUCK_OUT: 'was struck out',
  DECIDED_IN_FAVOUR: 'was decided in the family’s favour',
  DISMISSED: 'was dismissed',
};

/** The appeal, or an InvalidTransition naming what cannot happen (`so …`). */
export const requireAppeal = (state: OpenCaseState, appealId: string, so: string): AppealState => {
  const appeal = state.appeals.appeals[appealId];
  if (!appeal) {
    throw new InvalidTransition(`No appeal with this id was lodged on this case, so ${so}.`);
  }
  return appeal;
};

/** The appeal, still running (no outcome yet). */
export const requireRunningAppeal = (
  state: OpenCaseState,
  appealId: string,
  so: string,
): AppealState => {
  const appeal = requireAppeal(state, appealId, so);
  if (appeal.outcome !== null) {
    const ended = OUTCOME_WORDS[appeal.outcome] ?? 'has ended';
    throw new InvalidTransition(`This appeal ${ended} on ${appeal.decidedOn ?? '?'}, so ${so}.`);
  }
  return appeal;
};

/** The appeal, registered by the tribunal (§1.5); returns the registration date. */
export const requireRegistered = (appeal: AppealState, so: string): string => {
  if (appeal.registeredOn === null) {
    throw new InvalidTransition(`This appeal has not been registered yet, so ${so}.`);
  }
  return appeal.registeredOn;
};

export const bound = (label: string, value: string): DateBound => ({ label, value });

/** A date that has happened: real, not after today, not before `notBefore`. */
export const pastDate = (
  field: string,
  value: string,
  todayIs: string,
  notBefore?: DateBound,
): string =>
  requireDate(
    field,
    value,
    notBefore ? { notAfter: today(todayIs), notBefore } : { notAfter: today(todayIs) },
  );

/** A date the tribunal directed: real, not before `notBefore`, and allowed in the future. */
export const directedDate = (field: string, value: string, notBefore: DateBound): string =>
  requireDate(field, value, { notBefore });

/** The latest of the recorded dates given (ISO dates compare as strings). */
export const latest = (...bounds: readonly (DateBound | null)[]): DateBound | undefined =>
  bounds.reduce<DateBound | undefined>(
    (best, next) => (next !== null && (!best || next.value > best.value) ? next : best),
    undefined,
  );

/** An id the client chose for something new: not blank, at most 100 characters. Kept exactly as given. */
export const requireId = (field: string, value: string): string => {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidInput(field, `${field} must not be empty.`);
  }
  if (value.length > 100) throw new InvalidInput(field, `${field} must be at most 100 characters.`);
  return value;
};

/** A value from a closed list (the API checks enums too; this keeps imports and replays honest). */
export const requireOneOf = <T extends string>(
  field: string,
  value: string,
  allowed: readonly T[],
  message: string,
): T => {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidInput(field, message);
  return value as T;
};

export const requireBoolean = (field: string, value: unknown): boolean => {
  if (typeof value !== 'boolean') throw new InvalidInput(field, `${field} must be true or false.`);
  return value;
};
