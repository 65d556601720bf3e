import type { ReadModelDb, Statement } from './read-model-db';

export const CHECKPOINTS_DDL = `
CREATE TABLE IF NOT EXISTS rm_checkpoints (
  projection TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  checkpoint TEXT,
  events_processed BIGINT NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
)`;

export interface StoredCheckpoint {
  readonly version: number;
  readonly checkpoint: string | null;
}

export const readCheckpoint = async (
  db: ReadModelDb,
  projection: string,
): Promise<StoredCheckpoint | null> => {
  const rows = await db.query<{ version: number | string; checkpoint: string | null }>(
    'SELECT version, checkpoint FROM rm_checkpoints WHERE projection = $1',
    [projection],
  );
  const row = rows[0];
  return row ? { version: Number(row.version), checkpoint: row.checkpoint } : null;
};

/**
 * Compare-and-set: moves the checkpoint only if it is still where this runner read it from. If another runner
 * (or a rebuild) moved it, the guard fails and the whole batch is rolled back.
 */
export const advanceCheckpoint = (
  projection: string,
  from: string | null,
  to: string | null,
  processed: number,
  at: string,
): Statement =>
  from === null
    ? {
        sql: `UPDATE rm_checkpoints SET checkpoint = $2, events_processed = events_processed + $3, updated_at = $4
              WHERE projection = $1 AND checkpoint IS NULL`,
        params: [projection, to, processed, at],
      }
    : {
        sql: `UPDATE rm_checkpoints SET checkpoint = $2, events_processed = events_processed + $3, updated_at = $4
              WHERE projection = $1 AND checkpoint = $5`,
        params: [projection, to, processed, at, from],
      };

export const resetCheckpoint = (projection: string, version: number, at: string): Statement => ({
  sql: `INSERT INTO rm_checkpoints (projection, version, checkpoint, events_processed, updated_at)
        VALUES ($1, $2, NULL, 0, $3)
        ON CONFLICT (projection) DO UPDATE SET version = excluded.version, checkpoint = NULL,
          events_processed = 0, updated_at = excluded.updated_at`,
  params: [projection, version, at],
});
