import type { ReadModelDb, Row } from './read-model-db';

const CASE_STREAM = /^case-(.+)$/;

/** The cases (stream `case-<id>`) the events are about, each once, in order of first mention. */
export const caseIdsOf = (events: readonly { readonly streamId: string }[]): string[] => [
  ...new Set(events.map((e) => CASE_STREAM.exec(e.streamId)?.[1]).filter((id) => id !== undefined)),
];

const CHUNK = 500;

/**
 * `select` restricted to the given case ids, in chunks so no statement passes the drivers' parameter limits: a
 * statement without a WHERE clause, or one built around the condition (`case_id IN (…)`). Rows come back in chunk
 * order.
 */
export const selectForCases = async <T extends Row>(
  db: ReadModelDb,
  select: string | ((caseIdIn: string) => string),
  caseIds: readonly string[],
): Promise<T[]> => {
  const rows: T[] = [];
  for (let start = 0; start < caseIds.length; start += CHUNK) {
    const chunk = caseIds.slice(start, start + CHUNK);
    const condition = `case_id IN (${chunk.map((_, i) => `$${i + 1}`).join(', ')})`;
    const sql = typeof select === 'string' ? `${select} WHERE ${condition}` : select(condition);
    rows.push(...(await db.query<T>(sql, chunk)));
  }
  return rows;
};
