import { InvalidInput } from '../domain-error';
import { BANK_HOLIDAY_YEARS } from '../deadlines/bank-holidays';
import { isValidLocalDate } from '../deadlines/local-date';

/** A named date another date is checked against, e.g. `{ label: 'today', value: '2025-03-03' }`. */
export interface DateBound {
  readonly label: string;
  readonly value: string;
}

/**
 * A calendar date the user typed: real, in the years the deadline clocks can count (the bank holiday table,
 * 2014–2030), and within the bounds given. A date outside those years would start clocks the engine cannot
 * count, so its deadlines would silently be missing: it is refused instead (e.g. 1800-01-01, 9999-12-31).
 */
export const requireDate = (
  field: string,
  value: string,
  bounds: { notAfter?: DateBound; notBefore?: DateBound },
): string => {
  const text: string = value;
  if (!isValidLocalDate(text)) {
    throw new InvalidInput(
      field,
      `${field} must be a real date written YYYY-MM-DD, not ${JSON.stringify(value)}.`,
    );
  }
  const year = Number(text.slice(0, 4));
  if (year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last) {
    throw new InvalidInput(
      field,
      `${field} (${value}) must be in ${BANK_HOLIDAY_YEARS.first}–${BANK_HOLIDAY_YEARS.last}: the deadline calendar covers those years.`,
    );
  }
  // ISO dates compare correctly as strings.
  const { notAfter, notBefore } = bounds;
  if (notAfter && value > notAfter.value) {
    throw new InvalidInput(
      field,
      `${field} (${value}) cannot be later than ${notAfter.label} (${notAfter.value}).`,
    );
  }
  if (notBefore && value < notBefore.value) {
    throw new InvalidInput(
      field,
      `${field} (${value}) cannot be earlier than ${notBefore.label} (${notBefore.value}).`,
    );
  }
  return value;
};

export const today = (value: string): DateBound => ({ label: 'today', value });

export const requireText = (field: string, value: string, maxLength: number): string => {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvalidInput(field, `${field} must not be empty.`);
  if (trimmed.length > maxLength) {
    throw new InvalidInput(field, `${field} must be at most ${maxLength} characters.`);
  }
  // Control characters (other than ordinary whitespace) are never meaningful in a label or note.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) {
    throw new InvalidInput(field, `${field} contains control characters.`);
  }
  return trimmed;
};
