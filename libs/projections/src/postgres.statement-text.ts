import type { Statement } from './read-model-db';

/**
 * A read-model statement as plain SQL text with its parameters inlined as quoted literals, so a whole batch of
 * writes goes to PostgreSQL in one round trip (the simple-query protocol runs several `;`-separated statements in
 * order) instead of one round trip per row.
 *
 * Semantics are those of the parameterised statement: `pg` sends every parameter as text of unknown type, which the
 * server resolves from context exactly as it resolves a quoted literal, and `prepareValue` is the very conversion `pg`
 * applies to a parameter (dates, arrays, objects as JSON). Only `$n` placeholders outside quotes are replaced; dollar
 * quoting is refused rather than parsed.
 */
export const inlineStatement = (statement: Statement): string => {
  const params = statement.params ?? [];
  const { texts, positions } = templateOf(statement.sql);
  const parts: string[] = [texts[0]!];
  for (let i = 0; i < positions.length; i += 1) {
    const position = positions[i]!;
    if (position > params.length)
      throw new RangeError(`Statement has no parameter $${position}: ${statement.sql}`);
    parts.push(literalOf(params[position - 1]), texts[i + 1]!);
  }
  return parts.join('');
};

/** SQL split at its `$n` placeholders: `texts` has one more entry than `positions`. */
interface Template {
  readonly texts: readonly string[];
  readonly positions: readonly number[];
}

const templates = new Map<string, Template>();

/** Parsed once per SQL text (the projections use a handful). */
const templateOf = (sql: string): Template => {
  const known = templates.get(sql);
  if (known) return known;
  const texts: string[] = [];
  const positions: number[] = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i += 1) {
    const char = sql[i]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '$') {
      let end = i + 1;
      while (end < sql.length && sql[end]! >= '0' && sql[end]! <= '9') end += 1;
      if (end === i + 1)
        throw new Error(`Cannot inline parameters into SQL with dollar quoting: ${sql}`);
      texts.push(sql.slice(start, i));
      positions.push(Number(sql.slice(i + 1, end)));
      start = end;
      i = end - 1;
    }
  }
  texts.push(sql.slice(start));
  const template = { texts, positions };
  if (templates.size < 1000) templates.set(sql, template);
  return template;
};

// `pg` ships no type declarations for its value conversion.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pgUtils = require('pg/lib/utils') as {
  prepareValue: (value: unknown) => string | Buffer | null | undefined;
};

/**
 * Text as a quoted literal, character for character what `pg`'s `escapeLiteral` writes (quotes and backslashes
 * doubled, and an ` E` prefix when there was a backslash), but by whole-string replacement: `escapeLiteral` appends
 * one character at a time, which for a batch of case documents was a tenth of a PostgreSQL rebuild.
 */
export const quoteLiteral = (text: string): string => {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
};

const literalOf = (value: unknown): string => {
  const prepared = pgUtils.prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  return quoteLiteral(prepared);
};

/** An `INSERT … VALUES (<placeholders only>) …` statement, cut around its one row (null: not of that shape). */
interface OneRowInsert {
  readonly head: string;
  readonly row: string;
  readonly tail: string;
}

const ONE_ROW_INSERT =
  /^(\s*INSERT\s+INTO\s+[\w."]+\s*\([^()]*\)\s*VALUES\s*)(\([^()]*\))([^$]*)$/i;
const PLACEHOLDER_ROW = /^\(\s*\$\d+(?:\s*,\s*\$\d+)*\s*\)$/;
const oneRowInserts = new Map<string, OneRowInsert | null>();

const oneRowInsertOf = (sql: string): OneRowInsert | null => {
  let known = oneRowInserts.get(sql);
  if (known === undefined) {
    const match = ONE_ROW_INSERT.exec(sql);
    known =
      match && PLACEHOLDER_ROW.test(match[2]!)
        ? { head: match[1]!, row: match[2]!, tail: match[3]! }
        : null;
    if (oneRowInserts.size < 1000) oneRowInserts.set(sql, known);
  }
  return known;
};

/**
 * Joins statements into `;`-separated texts of at most about `maxChars` each (one text at least per statement).
 *
 * `rows`: consecutive inserts of the same one-row `INSERT … VALUES (…) [ON CONFLICT …]` statement go as ONE insert of
 * several rows, which the server parses and plans once instead of once per row (most of its work for a batch of small
 * rows). Same outcome as one by one, except that an `ON CONFLICT DO UPDATE` that meets the same key twice fails
 * (cardinality_violation) where one by one it would update twice: the caller then sends the batch again without
 * `rows`. (`DO NOTHING` skips a repeated key either way; a plain insert fails on it either way.)
 */
export const batchTexts = (
  statements: readonly Statement[],
  maxChars = 1_000_000,
  rows = false,
): string[] => {
  const texts: string[] = [];
  let parts: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    if (parts.length > 0 && length + text.length > maxChars) {
      texts.push(parts.join(';\n'));
      parts = [];
      length = 0;
    }
    parts.push(text);
    length += text.length + 2;
  };
  let group: { sql: string; insert: OneRowInsert; values: string[]; chars: number } | null = null;
  const flush = (): void => {
    if (!group) return;
    push(group.insert.head + group.values.join(',\n') + group.insert.tail);
    group = null;
  };
  for (const statement of statements) {
    const insert = rows ? oneRowInsertOf(statement.sql) : null;
    if (!insert) {
      flush();
      push(inlineStatement(statement));
      continue;
    }
    const values = inlineStatement({ sql: insert.row, params: statement.params ?? [] });
    if (group && (group.sql !== statement.sql || group.chars + values.length > maxChars)) flush();
    group ??= { sql: statement.sql, insert, values: [], chars: 0 };
    group.values.push(values);
    group.chars += values.length + 2;
  }
  flush();
  if (parts.length > 0) texts.push(parts.join(';\n'));
  return texts;
};
