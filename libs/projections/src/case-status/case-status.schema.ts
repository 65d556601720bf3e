const ddl = (json: string): string => `
CREATE TABLE IF NOT EXISTS rm_cases (
  case_id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  version INTEGER NOT NULL,
  doc ${json} NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_cases_owner ON rm_cases (owner_id, opened_on, case_id);
CREATE TABLE IF NOT EXISTS rm_appeals (
  appeal_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  stage TEXT NOT NULL,
  lodged_on TEXT NOT NULL,
  outcome TEXT,
  decided_on TEXT,
  doc ${json} NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_appeals_case ON rm_appeals (case_id);
CREATE TABLE IF NOT EXISTS rm_case_grants (
  case_id TEXT NOT NULL,
  organisation TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  granted_on TEXT NOT NULL,
  expires_on TEXT,
  PRIMARY KEY (case_id, organisation)
);
CREATE INDEX IF NOT EXISTS rm_case_grants_organisation ON rm_case_grants (organisation, opened_on, case_id);
`;

/*
 * PostgreSQL compresses a value of more than ~2 kB (a case document, not an appeal's) before storing it, by default
 * with pglz; lz4 costs the server a fraction of the time to write and to read, for a little more space. Servers
 * built without lz4 (or before PostgreSQL 14) keep the default. Changed only when not already so, since ALTER TABLE
 * locks the table.
 */
const LZ4_DOCS = `
DO $$
BEGIN
  IF (SELECT attcompression FROM pg_attribute
      WHERE attrelid = 'rm_cases'::regclass AND attname = 'doc') IS DISTINCT FROM 'l' THEN
    ALTER TABLE rm_cases ALTER COLUMN doc SET COMPRESSION lz4;
  END IF;
EXCEPTION WHEN feature_not_supported OR undefined_column OR syntax_error THEN
  NULL;
END $$;
`;

/**
 * The appeal-status read model: one row per case (its document, which lists its appeals by id), one per appeal (the
 * appeal's document, and columns for lookups and lists) and one per consent grant (for an organisation's case list).
 * A case is read with its appeals' rows in one statement (withAppealRows).
 */
export const caseStatusSchema = { sqlite: ddl('TEXT'), postgres: ddl('TEXT') + LZ4_DOCS };
export const caseStatusTables = ['rm_appeals', 'rm_case_grants', 'rm_cases'] as const;
