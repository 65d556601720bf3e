/**
 * The read audit trail (performance anchors B8; Caldicott: "anyone and everyone who has accessed a record"). Not a
 * read model: it is not derived from events and is never rebuilt or emptied, so it is not a projection's table.
 *
 * Append-only in two ways: the code has no UPDATE or DELETE for it (`access-audit.store.ts` only inserts and
 * selects), and the database refuses both anyway (triggers; on PostgreSQL TRUNCATE too, which row triggers and
 * row-level security do not cover).
 *
 * ERASURE (not built here): rows hold ids, roles, organisations, operation names and a purpose text, never case
 * content. If erasure of a person must reach them, it is to be a deliberate, separately recorded operation that
 * lifts these triggers inside its own transaction — not an ordinary code path.
 */
const sqlite = `
CREATE TABLE IF NOT EXISTS audit_case_reads (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL,
  read_at TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  reader_role TEXT NOT NULL,
  reader_organisation TEXT,
  operation TEXT NOT NULL,
  purpose TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_case_reads_case ON audit_case_reads (case_id, id);
CREATE TRIGGER IF NOT EXISTS audit_case_reads_no_update BEFORE UPDATE ON audit_case_reads
BEGIN SELECT RAISE(ABORT, 'audit_case_reads is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_case_reads_no_delete BEFORE DELETE ON audit_case_reads
BEGIN SELECT RAISE(ABORT, 'audit_case_reads is append-only'); END;
`;

const postgres = `
CREATE TABLE IF NOT EXISTS audit_case_reads (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id TEXT NOT NULL,
  read_at TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  reader_role TEXT NOT NULL,
  reader_organisation TEXT,
  operation TEXT NOT NULL,
  purpose TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_case_reads_case ON audit_case_reads (case_id, id);
CREATE OR REPLACE FUNCTION audit_case_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_case_reads is append-only';
END
$fn$;
DO $do$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE t.tgname = 'audit_case_reads_append_only' AND c.oid = 'audit_case_reads'::regclass
  ) THEN
    CREATE TRIGGER audit_case_reads_append_only BEFORE UPDATE OR DELETE ON audit_case_reads
      FOR EACH ROW EXECUTE FUNCTION audit_case_reads_append_only();
    CREATE TRIGGER audit_case_reads_no_truncate BEFORE TRUNCATE ON audit_case_reads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_case_reads_append_only();
  END IF;
END
$do$;
`;

export const accessAuditSchema = { sqlite, postgres } as const;
export const ACCESS_AUDIT_TABLE = 'audit_case_reads';
