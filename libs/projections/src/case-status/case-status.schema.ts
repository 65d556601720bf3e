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

/**
 * The appeal-status read model: one row per case (whole document), one per appeal (for lookups and lists) and one
 * per consent grant (for an organisation's case list).
 */
export const caseStatusSchema = { sqlite: ddl('TEXT'), postgres: ddl('TEXT') };
export const caseStatusTables = ['rm_appeals', 'rm_case_grants', 'rm_cases'] as const;
