/**
 * Which fields of which events are personal data, and how each reads once its key is destroyed. The application
 * passes its list in (the domain owns it); this lib knows no event types.
 *
 * - `text`: a required string; reads as `erasedText` once erased, so code that expects a string keeps working.
 * - `optionalText`: a string or null; null is stored as null (nothing to protect); reads as null once erased.
 * - `textList`: an array of strings, each encrypted on its own (the count stays); each reads as `erasedText`.
 *
 * Only top-level fields of an event's `data` are named. Never drop a field from the list while events with it exist:
 * the reader decrypts exactly the fields the list names.
 */
export type PersonalFieldKind = 'text' | 'optionalText' | 'textList';

export type PersonalFieldMap = {
  readonly [eventType: string]: { readonly [field: string]: PersonalFieldKind } | undefined;
};

export interface PersonalDataPolicy {
  readonly fields: PersonalFieldMap;
  /** The data subject (whose key encrypts) of a stream's events; null when the stream holds no personal data. */
  subjectOf(streamId: string): string | null;
  /** What an erased `text` or `textList` element reads as, e.g. "[erased]". */
  readonly erasedText: string;
}

/** The personal fields of one event type, as [field, kind] pairs (empty when it has none). */
export const personalFieldsOf = (
  policy: PersonalDataPolicy,
  eventType: string,
): readonly (readonly [string, PersonalFieldKind])[] => {
  const fields = Object.hasOwn(policy.fields, eventType) ? policy.fields[eventType] : undefined;
  return fields ? Object.entries(fields) : [];
};

/** Subject = what follows the category prefix of a `category-id` stream name, for the given categories only. */
export const subjectAfterPrefix =
  (...categories: readonly string[]) =>
  (streamId: string): string | null => {
    for (const category of categories) {
      const prefix = `${category}-`;
      if (streamId.startsWith(prefix) && streamId.length > prefix.length) {
        return streamId.slice(prefix.length);
      }
    }
    return null;
  };
