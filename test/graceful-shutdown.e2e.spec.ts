import { request } from 'node:http';
import {
  describeWithPostgres,
  dropTestSchema,
  PostgresEventStore,
  uniqueTestSchema,
} from '@app/event-store';
import { Client } from 'pg';
import { mutate } from './support/case-flow';
import { TestApp } from './support/test-app';
import { eventually } from './support/ws-subscription';

/** A fresh TCP connection (no keep-alive pool), so "refused" means the server stopped accepting. */
const connects = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });

describeWithPostgres('graceful shutdown (STORE=postgres)', ({ connectionString }) => {
  const schema = uniqueTestSchema('shutdown');
  afterAll(() => dropTestSchema(connectionString, schema));

  it('stops accepting, lets the in-flight mutation finish with read-your-writes, and stores the checkpoint', async () => {
    const app = await TestApp.start({
      env: { STORE: 'postgres', DATABASE_URL: connectionString, DATABASE_SCHEMA: schema },
    });
    const base = app.url.replace(/\/graphql$/, '');
    const token = await app.token('FAMILY', 'parent-shutdown');
    const opened = await mutate<{ id: string }>(
      app,
      token,
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'shutdown-open' },
      '{ id }',
    );

    // A slow database: appends wait for this transaction's lock (reads do not). es_streams is the append's first
    // write, so it waits before it has a transaction id (one held open would hold back every PostgreSQL reader's
    // visibility horizon, other test files' included).
    const blocker = new Client({ connectionString });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`LOCK TABLE "${schema}".es_streams IN SHARE MODE`);
    const inFlight = app.gql<{ lodgeAppeal: { id: string; status: string } }>(
      'mutation($i: LodgeAppealInput!) { lodgeAppeal(input: $i) { id status } }',
      {
        i: {
          caseId: opened.id,
          appealTypes: ['REFUSAL_TO_ASSESS'],
          lodgedOn: '2025-06-01',
          clientMutationId: 'shutdown-lodge',
        },
      },
      token,
    );
    await eventually(
      async () =>
        (
          await blocker.query(
            `SELECT 1 FROM pg_locks WHERE NOT granted AND relation = '"${schema}".es_streams'::regclass`,
          )
        ).rowCount === 1,
      10_000,
      'the append to wait for the lock',
    );

    const closing = app.stop(); // what SIGTERM does (enableShutdownHooks → app.close())
    await eventually(
      async () => !(await connects(`${base}/health/live`)),
      5000,
      'the server to stop accepting',
    );

    await blocker.query('COMMIT');
    const released = Date.now();
    await blocker.end();
    const response = await inFlight;
    // Answered from the projection (the runner still ran), not from the 5-second fallback to the events.
    expect(Date.now() - released).toBeLessThan(3000);
    expect(response.errors).toBeUndefined();
    expect(response.data?.lodgeAppeal.status).toBe('LODGED');
    await closing;

    // The runner stopped after its last batch: the stored checkpoint is the last event's, every event counted once.
    const store = await PostgresEventStore.open({ connectionString, schema });
    const sql = new Client({ connectionString });
    await sql.connect();
    try {
      const { events } = await store.readAll(null, 10_000);
      const row = (
        await sql.query<{ checkpoint: string; processed: string }>(
          `SELECT checkpoint, events_processed::text AS processed FROM "${schema}".rm_checkpoints WHERE projection = 'case-status'`,
        )
      ).rows[0];
      expect(row?.checkpoint).toBe(events.at(-1)?.checkpoint);
      expect(Number(row?.processed)).toBe(events.length);
      const version = (
        await sql.query<{ version: number }>(
          `SELECT version FROM "${schema}".rm_cases WHERE case_id = $1`,
          [opened.id],
        )
      ).rows[0]?.version;
      expect(version).toBe(2);
    } finally {
      await sql.end();
      await store.close();
    }
  }, 60_000);
});
