/**
 * CSV for analysts (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break in double
 * quotes with quotes doubled). A suppressed figure is written `c` — the GSS symbol for "confidential" that DfE
 * uses — and the last column, `suppressed_fields`, names the suppressed fields of the row (`;`-separated); an empty
 * cell means "not applicable" (e.g. a success rate with nothing decided). Text that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab) gets a leading apostrophe.
 */
export const SUPPRESSED = 'c';

const QUOTE_NEEDED = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return QUOTE_NEEDED.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
  /** The row field this column shows, when it can be suppressed. */
  readonly field?: string;
}

export const toCsv = <T extends { readonly suppressedFields: readonly string[] }>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
): string => {
  const line = (fields: readonly string[]) => `${fields.join(',')}\r\n`;
  let text = line([...columns.map((c) => csvField(c.header)), 'suppressed_fields']);
  for (const row of rows) {
    text += line([
      ...columns.map((c) =>
        c.field !== undefined && row.suppressedFields.includes(c.field)
          ? SUPPRESSED
          : csvField(c.value(row)),
      ),
      csvField(row.suppressedFields.join(';')),
    ]);
  }
  return text;
};
