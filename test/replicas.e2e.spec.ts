import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import { advisoryLockKey } from '@app/projections';
import type { Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import { ProjectionService } from '../apps/api/src/persistence/projection.service';
import { CaseUpdates } from '../apps/api/src/subscriptions/case-updates.service';
import { PUBSUB, type PubSub } from '../apps/api/src/subscriptions/pubsub';
import { mutate } from './support/case-flow';
import { advisoryLockParts, sharedSigningKey } from './support/replicas';
import { TestApp } from './support/test-app';
import { eventually, wsClient, WsSubscription } from './support/ws-subscription';

const PROJECTION = 'case-status';

/**
 * Two instances of the real app on loopback, sharing one PostgreSQL schema, as two replicas behind a load balancer
 * would. They run in one Jest process; a replica "dies" by losing its database session (terminated by the server,
 * as when its process is killed) and then being shut down.
 */
describeWithPostgres(
  'two replicas sharing one PostgreSQL (STORE=postgres)',
  ({ connectionString }) => {
    const schema = uniqueTestSchema('replicas');
    let a: TestApp;
    let b: TestApp;
    let sql: Client;
    const ws: WsClient[] = [];

    beforeAll(async () => {
      const env = {
        STORE: 'postgres',
        DATABASE_URL: connectionString,
        DATABASE_SCHEMA: schema,
        AUTH_SIGNING_KEY: await sharedSigningKey(),
        PROJECTION_STANDBY_RETRY_MS: '200',
      };
      // B starts first and so runs the projection; A stands by.
      b = await TestApp.start({ env });
      a = await TestApp.start({ env });
      sql = new Client({ connectionString });
      await sql.connect();
    }, 60_000);
    afterAll(async () => {
      for (const c of ws) void c.dispose();
      await a?.stop();
      await b?.stop();
      await sql?.end();
      await dropTestSchema(connectionString, schema);
    }, 60_000);

    const projector = (app: TestApp) => app.nest.get(ProjectionService);
    const familyOf = (app: TestApp) => app.token('FAMILY', 'parent-replicas');

    const openCase = async (app: TestApp, key: string): Promise<string> =>
      (
        await mutate<{ id: string }>(
          app,
          await familyOf(app),
          'openCase',
          'OpenCaseInput',
          { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: `${key}-open` },
          '{ id }',
        )
      ).id;
    const lodge = async (app: TestApp, caseId: string, key: string) =>
      mutate<{ id: string; status: string }>(
        app,
        await familyOf(app),
        'lodgeAppeal',
        'LodgeAppealInput',
        {
          caseId,
          appealTypes: ['REFUSAL_TO_ASSESS'],
          lodgedOn: '2025-06-01',
          clientMutationId: `${key}-lodge`,
        },
        '{ id status }',
      );

    const one = async <T>(query: string, params: unknown[] = []): Promise<T> =>
      (await sql.query(query, params)).rows[0] as T;

    it('runs the projection on exactly one replica, and uses LISTEN/NOTIFY on both', () => {
      expect(projector(b).isActive(PROJECTION)).toBe(true);
      expect(projector(a).isActive(PROJECTION)).toBe(false);
      expect(a.nest.get<PubSub>(PUBSUB).kind).toBe('postgres');
      expect(b.nest.get<PubSub>(PUBSUB).kind).toBe('postgres');
    });

    it('answers a mutation on the standby replica with the projected state (read-your-writes)', async () => {
      const caseId = await openCase(a, 'ryw');
      const started = Date.now();
      const lodged = await lodge(a, caseId, 'ryw');
      expect(lodged.status).toBe('LODGED');
      // Projected by B and seen by A's poll, well before A's fallback (reading the events) would answer at 5 s.
      expect(Date.now() - started).toBeLessThan(3000);
      const read = await a.gql<{ case: { appeals: { id: string }[] } }>(
        'query($id: ID!) { case(id: $id) { appeals { id } } }',
        { id: caseId },
        await familyOf(a),
      );
      expect(read.data?.case.appeals.map((x) => x.id)).toEqual([lodged.id]);
    });

    it('delivers to a subscriber on A an update written through B', async () => {
      const caseId = await openCase(b, 'sub');
      const appeal = await lodge(b, caseId, 'sub');
      const client = wsClient(a.url, await familyOf(a));
      ws.push(client);
      const subscription = new WsSubscription<{ appealUpdated: { id: string; outcome: string } }>(
        client,
        'subscription($id: ID!) { appealUpdated(id: $id) { id outcome } }',
        { id: appeal.id },
      );
      await eventually(() => a.nest.get(CaseUpdates).watching === 1, 5000, 'A to register');

      await mutate(
        b,
        await familyOf(b),
        'recordAppealOutcome',
        'RecordAppealOutcomeInput',
        {
          appealId: appeal.id,
          outcome: 'WITHDRAWN',
          decidedOn: '2025-06-09',
          clientMutationId: 'sub-out',
        },
        '{ id }',
      );
      await subscription.until((s) => s.results.length >= 1);
      expect(subscription.results[0]).toEqual({
        data: { appealUpdated: { id: appeal.id, outcome: 'WITHDRAWN' } },
      });
      subscription.unsubscribe();
    });

    it('when the active projector dies the standby takes over; no event is skipped or applied twice', async () => {
      const caseIds: string[] = [];
      for (let i = 0; i < 4; i++) caseIds.push(await openCase(i % 2 ? a : b, `kill-${i}`));

      // Writes keep coming through A while B, the projector, dies.
      let written = 0;
      const writer = (async () => {
        for (let i = 0; i < 24; i++) {
          await lodge(a, caseIds[i % caseIds.length]!, `kill-w${i}`);
          written++;
        }
      })();
      await eventually(() => written >= 6, 20_000, 'the first writes');

      // B's lock session dies as it would with B's process: the server ends it and releases the lock.
      const key = advisoryLockParts(advisoryLockKey(schema, PROJECTION));
      const holder = await one<{ pid: number } | undefined>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid`,
        [key.classid, key.objid],
      );
      expect(holder).toBeDefined();
      await sql.query('SELECT pg_terminate_backend($1)', [holder!.pid]);
      await b.stop();

      await eventually(() => projector(a).isActive(PROJECTION), 10_000, 'A to take over');
      await writer;
      expect(written).toBe(24);

      // Caught up: the checkpoint moved past every event in the log exactly once…
      await eventually(
        async () => {
          const { processed, total } = await one<{ processed: string; total: string }>(
            `SELECT (SELECT events_processed FROM "${schema}".rm_checkpoints WHERE projection = $1)::text AS processed,
                  (SELECT count(*) FROM "${schema}".es_events)::text AS total`,
            [PROJECTION],
          );
          return processed === total;
        },
        15_000,
        'the projection to catch up',
      );
      // …and every case document folded each of its events once, in order, none missing.
      for (const caseId of caseIds) {
        const { version, events } = await one<{ version: number; events: string }>(
          `SELECT c.version, (SELECT count(*) FROM "${schema}".es_events e WHERE e.stream_id = $2)::text AS events
           FROM "${schema}".rm_cases c WHERE c.case_id = $1`,
          [caseId, `case-${caseId}`],
        );
        expect(version).toBe(Number(events));
        const doc = await one<{ doc: string }>(
          `SELECT doc FROM "${schema}".rm_cases WHERE case_id = $1`,
          [caseId],
        );
        const timeline = (JSON.parse(doc.doc) as { timeline: { position: number }[] }).timeline;
        expect(timeline.map((t) => t.position)).toEqual(
          Array.from({ length: version }, (_, i) => i + 1),
        );
        const appeals = await one<{ n: string }>(
          `SELECT count(*)::text AS n FROM "${schema}".rm_appeals WHERE case_id = $1`,
          [caseId],
        );
        expect(Number(appeals.n)).toBe(version - 1);
      }
    }, 90_000);
  },
);
