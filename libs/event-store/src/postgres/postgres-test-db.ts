import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * For integration tests of any lib: which PostgreSQL to use, and whether it is reachable.
 * Jest needs to know at collection time whether to skip, and collection is synchronous, so reachability is probed once
 * per process by a short child process.
 */
export interface PostgresTestDatabase {
  readonly connectionString: string;
  /** Why it is unusable; undefined when it answered `SELECT 1`. */
  readonly unavailableReason: string | undefined;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

let probed: PostgresTestDatabase | undefined;

export function postgresTestDatabase(): PostgresTestDatabase {
  if (probed !== undefined) return probed;
  const connectionString = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const script = `
    const { Client } = require(process.argv[1]);
    const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('SELECT 1')).then(() => client.end())
      .then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });`;
  let unavailableReason: string | undefined;
  try {
    execFileSync(process.execPath, ['-e', script, require.resolve('pg'), connectionString], {
      timeout: 10_000,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    unavailableReason = stderr || (error instanceof Error ? error.message : String(error));
  }
  probed = { connectionString, unavailableReason };
  return probed;
}

/**
 * `describe` that runs against PostgreSQL when it is reachable. Unreachable: skipped with a printed reason, or, when
 * REQUIRE_POSTGRES=1 (CI), a failing test — a silently skipped suite must never look green there.
 */
export function describeWithPostgres(
  name: string,
  body: (db: { readonly connectionString: string }) => void,
): void {
  const db = postgresTestDatabase();
  if (db.unavailableReason === undefined) {
    describe(name, () => body(db));
    return;
  }
  const redacted = db.connectionString.replace(/\/\/[^@/]*@/, '//***@');
  const reason = `PostgreSQL at ${redacted} is unreachable: ${db.unavailableReason}`;
  if (process.env.REQUIRE_POSTGRES === '1') {
    describe(name, () => {
      it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${reason}. Set DATABASE_URL to run it.`);
  describe.skip(name, () => body(db));
}

/** A fresh schema name, so concurrent test files never see each other's tables. */
export const uniqueTestSchema = (prefix = 'es_test'): string =>
  `${prefix}_${randomBytes(6).toString('hex')}`;

/** Drops a test schema and everything in it. */
export async function dropTestSchema(connectionString: string, schema: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
