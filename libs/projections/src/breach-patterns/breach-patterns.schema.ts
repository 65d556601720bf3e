const ddl = `
CREATE TABLE IF NOT EXISTS rm_breach_cases (
  case_id TEXT PRIMARY KEY,
  local_authority_code TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rm_breach_occurrences (
  breach_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  source TEXT NOT NULL,
  breach_type TEXT NOT NULL,
  holder_key TEXT NOT NULL,
  holder_kind TEXT NOT NULL,
  holder_name TEXT,
  holder_urn TEXT,
  holder_la_code TEXT,
  occurred_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_breach_occurrences_pattern
  ON rm_breach_occurrences (holder_key, breach_type, occurred_on);
CREATE INDEX IF NOT EXISTS rm_breach_occurrences_case ON rm_breach_occurrences (case_id);
`;

/** One row per breach (reported or detected) with its duty-holder identity, and each case's LA. */
export const breachPatternsSchema = { sqlite: ddl, postgres: ddl };
export const breachPatternsTables = ['rm_breach_occurrences', 'rm_breach_cases'] as const;
