const ddl = `
CREATE TABLE IF NOT EXISTS rm_stat_cases (
  case_id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_stat_cases_owner ON rm_stat_cases (owner_id);
CREATE TABLE IF NOT EXISTS rm_stat_appeals (
  appeal_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  appeal_types TEXT NOT NULL,
  lodged_on TEXT NOT NULL,
  registered_on TEXT,
  outcome TEXT,
  extent TEXT,
  decided_on TEXT
);
CREATE INDEX IF NOT EXISTS rm_stat_appeals_case ON rm_stat_appeals (case_id);
CREATE TABLE IF NOT EXISTS rm_stat_orders (
  order_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  appeal_id TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  order_type TEXT NOT NULL,
  basis TEXT NOT NULL,
  made_on TEXT NOT NULL,
  due_on TEXT,
  complied_on TEXT,
  days_late INTEGER
);
CREATE INDEX IF NOT EXISTS rm_stat_orders_case ON rm_stat_orders (case_id);
CREATE TABLE IF NOT EXISTS rm_appeal_stat_counts (
  measure TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  half_year TEXT NOT NULL,
  appeal_type TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (measure, local_authority_code, half_year, appeal_type)
);
`;

/**
 * The statistics read model: one row per case (the folded document, for replays), one per appeal and one per
 * tribunal order (nothing personal in any of them), and pre-aggregated counters per measure × LA × half-year ×
 * appeal type (`*` = the appeal once), so national tables are read from a few thousand rows, not every appeal.
 */
export const statisticsSchema = { sqlite: ddl, postgres: ddl };
export const statisticsTables = [
  'rm_appeal_stat_counts',
  'rm_stat_orders',
  'rm_stat_appeals',
  'rm_stat_cases',
] as const;
