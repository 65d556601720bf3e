import {
  describeWithPostgres,
  dropTestSchema,
  startKurrentDbProtocolServer,
  uniqueTestSchema,
  type KurrentDbTestServer,
} from '@app/event-store';
import { Client } from 'pg';
import { mutate } from './support/case-flow';
import { TestApp } from './support/test-app';

/**
 * STORE=kurrentdb: events through the KurrentDB adapter and the real client, read models and their checkpoints in
 * PostgreSQL. The event store here is the in-process protocol server (libs/event-store/src/kurrentdb/README.md):
 * it proves the wiring and the checkpoint handling, not KurrentDB's own semantics.
 */
describeWithPostgres(
  'the app on KurrentDB (protocol server) with read models in PostgreSQL',
  ({ connectionString }) => {
    const schema = uniqueTestSchema('kdb');
    let server: KurrentDbTestServer;
    let app: TestApp;
    beforeAll(async () => {
      server = await startKurrentDbProtocolServer();
      app = await TestApp.start({
        env: {
          STORE: 'kurrentdb',
          KURRENTDB_URL: server.connectionString,
          DATABASE_URL: connectionString,
          DATABASE_SCHEMA: schema,
        },
      });
    }, 60_000);
    afterAll(async () => {
      await app?.stop();
      await server?.stop();
      await dropTestSchema(connectionString, schema);
    });

    it('writes to KurrentDB, projects into PostgreSQL with a $all position checkpoint, and is ready', async () => {
      const token = await app.token('FAMILY', 'parent-kdb');
      const opened = await mutate<{ id: string }>(
        app,
        token,
        'openCase',
        'OpenCaseInput',
        { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'kdb-open' },
        '{ id }',
      );
      const lodged = await mutate<{ id: string; status: string }>(
        app,
        token,
        'lodgeAppeal',
        'LodgeAppealInput',
        {
          caseId: opened.id,
          appealTypes: ['REFUSAL_TO_ASSESS'],
          lodgedOn: '2025-06-01',
          clientMutationId: 'kdb-lodge',
        },
        '{ id status }',
      );
      expect(lodged.status).toBe('LODGED');

      const sql = new Client({ connectionString });
      await sql.connect();
      try {
        const row = (
          await sql.query<{ checkpoint: string; version: number }>(
            `SELECT k.checkpoint, c.version FROM "${schema}".rm_checkpoints k, "${schema}".rm_cases c
            WHERE k.projection = 'case-status' AND c.case_id = $1`,
            [opened.id],
          )
        ).rows[0];
        expect(row?.version).toBe(2);
        expect(row?.checkpoint).toMatch(/^\d+:\d+$/);
        // No event tables in PostgreSQL: the events live in KurrentDB.
        const tables = await sql.query(
          `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'es\\_%'`,
          [schema],
        );
        expect(tables.rowCount).toBe(0);
      } finally {
        await sql.end();
      }
      const ready = await fetch(app.url.replace(/\/graphql$/, '/health/ready'));
      expect(ready.status).toBe(200);

      await app.restart();
      const read = await app.gql<{ appeal: { id: string; status: string } }>(
        'query($id: ID!) { appeal(id: $id) { id status } }',
        { id: lodged.id },
        await app.token('FAMILY', 'parent-kdb'),
      );
      expect(read.data?.appeal).toEqual({ id: lodged.id, status: 'LODGED' });
    }, 60_000);
  },
);
