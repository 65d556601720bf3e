import type { ReadModelDb, Row } from './read-model-db';

const CHUNK = 500;

/**
 * `select` (a statement without a WHERE clause) restricted to the given case ids, in chunks so no statement passes
 * the drivers' parameter limits. Rows come back in chunk order.
 */
export const selectForCases = async <T extends Row>(
  db: ReadModelDb,
  select: string,
  caseIds: readonly string[],
): Promise<T[]> => {
  const rows: T[] = [];
  for (let start = 0; start < caseIds.length; start += CHUNK) {
    const chunk = caseIds.slice(start, start + CHUNK);
    const placeholders = chunk.map((_, i) => `$${i + 1}`).join(', ');
    rows.push(...(await db.query<T>(`${select} WHERE case_id IN (${placeholders})`, chunk)));
  }
  return rows;
};
