import Database from 'better-sqlite3';
import type { Clock } from '../../apps/api/src/common/clock';
import type { GraphQLResponse, TestApp } from './test-app';

/** A test clock that can be moved: access decisions read it on every request. */
export const movableClock = (today: string): Clock & { set(day: string): void } => {
  let current = today;
  return {
    now: () => new Date(`${current}T12:00:00.000Z`),
    today: () => current,
    set: (day: string) => {
      current = day;
    },
  };
};

/** A GraphQL request with extra headers (e.g. x-access-purpose), answering the parsed body and its raw text. */
export const gqlWith = async <T = Record<string, unknown>>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { raw: string }> => {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  return {
    status: response.status,
    raw,
    ...(JSON.parse(raw) as Omit<GraphQLResponse<T>, 'status'>),
  };
};

export interface AuditRow {
  case_id: string;
  read_at: string;
  reader_id: string;
  reader_role: string;
  reader_organisation: string | null;
  operation: string;
  purpose: string;
}

/** The read audit rows of a case, oldest first, straight from the SQLite file. */
export const auditRowsOf = (app: TestApp, caseId: string): AuditRow[] => {
  const db = new Database(app.config.sqliteFile, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT case_id, read_at, reader_id, reader_role, reader_organisation, operation, purpose FROM audit_case_reads WHERE case_id = ? ORDER BY id',
      )
      .all(caseId) as AuditRow[];
  } finally {
    db.close();
  }
};
