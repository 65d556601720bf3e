import type { ReadModelDb } from '../read-model-db';

/** The cases a family opened, as the statistics read model knows them (for the exact view of one's own cases). */
export const caseIdsOwnedBy = async (db: ReadModelDb, ownerId: string): Promise<string[]> =>
  (
    await db.query<{ case_id: string }>(
      'SELECT case_id FROM rm_stat_cases WHERE owner_id = $1 ORDER BY case_id',
      [ownerId],
    )
  ).map((row) => row.case_id);

/**
 * Where the given projections stand in the log, as one string: statistics computed from the read model at this
 * point can be reused until it changes (on any replica, since it is read from the database).
 */
export const statisticsCheckpoint = async (
  db: ReadModelDb,
  projections: readonly string[],
): Promise<string> => {
  const rows = await db.query<{
    projection: string;
    version: number | string;
    checkpoint: string | null;
  }>(
    `SELECT projection, version, checkpoint FROM rm_checkpoints
     WHERE projection IN (${projections.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY projection`,
    projections,
  );
  return rows.map((r) => `${r.projection}@${String(r.version)}:${r.checkpoint ?? '-'}`).join(';');
};
