import type { CaseEvent, CaseEventType } from './case.events';

/**
 * The personal data in case events (UK GDPR; send-domain §6), in one place. Each field listed is stored encrypted
 * with the case's own key and reads as erased once `erasePersonalData` destroys that key; everything not listed
 * (dates, types, outcomes, LA codes, the bodies that owe duties) stays readable for the statistics.
 *
 * - CaseOpened.childLabel — how the family names the child.
 * - BreachReported.notes — the family's own words.
 * - BreachReported.evidenceRefs — references to letters and reports (file names often carry the child's name).
 * - ExceptionRecorded.note — free text about the family's circumstances.
 * - HearingAdjourned.reason — free text, often about the child's health or the family.
 * - AppealRegistered.tribunalReference — the tribunal's case number: it identifies the child's appeal.
 *
 * Not listed: AdviceRequested.bodyName and duty holders' names (organisations, not people); the family's user id
 * (`ownerId`, metadata `actor`), which authorisation and the audit trail need and which names an account, not the
 * child. Pure data: the app hands it to the event store's encryption.
 */

/** The kind of a field, as the encryption layer knows it: which marker it reads as once erased. */
export type PersonalFieldKind = 'text' | 'optionalText' | 'textList';

type DataOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>['data'];
/** The kind a field of this TypeScript type must be declared as (never for anything but text). */
type KindOf<V> = [V] extends [string]
  ? 'text'
  : [V] extends [string | null]
    ? 'optionalText'
    : [V] extends [readonly string[]]
      ? 'textList'
      : never;

/** Event type → personal field → kind; the compiler checks each name and kind against the events. */
export type PersonalDataFields = {
  readonly [T in CaseEventType]?: { readonly [F in keyof DataOf<T>]?: KindOf<DataOf<T>[F]> };
};

/** What an erased text reads as (in events read back, read models and the API). */
export const ERASED_TEXT = '[erased]';

export const PERSONAL_DATA_FIELDS = {
  CaseOpened: { childLabel: 'text' },
  BreachReported: { notes: 'optionalText', evidenceRefs: 'textList' },
  ExceptionRecorded: { note: 'optionalText' },
  HearingAdjourned: { reason: 'optionalText' },
  AppealRegistered: { tribunalReference: 'text' },
} as const satisfies PersonalDataFields;
