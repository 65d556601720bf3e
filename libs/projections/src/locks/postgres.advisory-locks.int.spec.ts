import { caseDecider, caseStreamId } from '@app/domain';
import {
  describeWithPostgres,
  dropTestSchema,
  handleCommand,
  PostgresEventStore,
  uniqueTestSchema,
} from '@app/event-store';
import { Client } from 'pg';
import { findCase } from '../case-status/case-status.queries';
import { caseStatusProjection } from '../case-status/case-status.projection';
import { PostgresReadModelDb } from '../postgres.read-model-db';
import { ProjectionRunner } from '../projection-runner';
import { PostgresAdvisoryLocks } from './postgres.advisory-locks';
import { SingleProcessLocks } from './projection-locks';

const until = async (condition: () => boolean | Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describeWithPostgres(
  'one active runner per projection across processes (PostgreSQL advisory locks)',
  ({ connectionString }) => {
    const schema = uniqueTestSchema('locks');
    const opened: { close(): Promise<void> }[] = [];
    const locks = (scope = schema, onLost?: (p: readonly string[]) => void) => {
      const l = new PostgresAdvisoryLocks({ connectionString, scope, keepAliveMs: 100, onLost });
      opened.push(l);
      return l;
    };
    afterAll(async () => {
      for (const o of opened.reverse()) await o.close();
      await dropTestSchema(connectionString, schema);
    });

    it('grants a projection to one holder at a time; release and close hand it over', async () => {
      const a = locks();
      const b = locks();
      expect(await a.tryAcquire('p1')).toBe(true);
      expect(await a.tryAcquire('p1')).toBe(true);
      expect(await b.tryAcquire('p1')).toBe(false);
      expect(await b.tryAcquire('p2')).toBe(true);
      // Another deployment (scope) in the same database is independent.
      expect(await locks(`${schema}_other`).tryAcquire('p1')).toBe(true);

      await a.release('p1');
      expect(a.holds('p1')).toBe(false);
      expect(await b.tryAcquire('p1')).toBe(true);
      await b.close();
      expect(await a.tryAcquire('p1')).toBe(true);
      expect(await a.tryAcquire('p2')).toBe(true);
    });

    it('a holder whose session dies loses its locks at once, and another takes over', async () => {
      const lost: string[] = [];
      const a = locks(schema, (projections) => lost.push(...projections));
      const b = locks();
      expect(await a.tryAcquire('p3')).toBe(true);
      expect(await b.tryAcquire('p3')).toBe(false);

      const admin = new Client({ connectionString });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [a.backendPid]);
      } finally {
        await admin.end();
      }
      await until(() => !a.holds('p3'), 'A to notice');
      expect(lost).toEqual(['p3']);
      await until(() => b.tryAcquire('p3'), 'B to take over');
      // A reconnects on its next try, as a standby.
      expect(await a.tryAcquire('p3')).toBe(false);
    });

    describe('the runner', () => {
      let store: PostgresEventStore;
      const dbs: PostgresReadModelDb[] = [];
      const db = () => {
        const d = new PostgresReadModelDb({ connectionString, schema });
        dbs.push(d);
        return d;
      };
      beforeAll(async () => {
        store = await PostgresEventStore.open({ connectionString, schema });
      });
      afterAll(async () => {
        for (const d of dbs) await d.close();
        await store.close();
      });

      const caseId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const decide = (id: string, type: 'open' | 'lodge', n = 0) =>
        handleCommand(
          store,
          caseStreamId(id),
          caseDecider,
          type === 'open'
            ? {
                type: 'OpenCase',
                data: { caseId: id, localAuthorityCode: '886', childLabel: 'Sam' },
                metadata: { actor: 'parent-a', today: '2025-06-10' },
              }
            : {
                type: 'LodgeAppeal',
                data: {
                  appealId: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
                  appealTypes: ['CONTENTS_F'],
                  lodgedOn: '2025-05-01',
                },
                metadata: { actor: 'parent-a', today: '2025-06-10' },
              },
          { actor: 'parent-a', now: new Date('2025-06-10T12:00:00Z') },
        );
      const counts = async (d: PostgresReadModelDb) => {
        const rows = await d.query<{ processed: string; total: string }>(
          `SELECT (SELECT events_processed FROM rm_checkpoints WHERE projection = 'case-status')::text AS processed,
                (SELECT count(*) FROM es_events)::text AS total`,
        );
        return { processed: Number(rows[0]?.processed), total: Number(rows[0]?.total) };
      };

      it('runs on one replica; the standby takes over when the active one stops', async () => {
        const options = { idleMs: 20, standbyRetryMs: 50 };
        const first = new ProjectionRunner(store, db(), [caseStatusProjection], {
          ...options,
          locks: locks(),
        });
        const second = new ProjectionRunner(store, db(), [caseStatusProjection], {
          ...options,
          locks: locks(),
        });
        await first.init();
        await second.init();
        expect(first.isActive('case-status')).toBe(true);
        expect(second.isActive('case-status')).toBe(false);
        expect(await second.catchUp()).toBe(0);
        first.start();
        second.start();
        await decide(caseId(1), 'open');
        await until(async () => (await findCase(dbs[0]!, caseId(1))) !== null, 'the first runner');

        await first.stop();
        await decide(caseId(1), 'lodge', 1);
        await until(() => second.isActive('case-status'), 'the take-over');
        await until(
          async () => (await findCase(dbs[0]!, caseId(1)))?.version === 2,
          'the second runner to project',
        );
        await second.stop();
        const { processed, total } = await counts(dbs[0]!);
        expect(processed).toBe(total);
      });

      it('two runners that both believe they are active never apply a batch twice (checkpoint CAS)', async () => {
        // The moment a holder has lost its lock but not noticed yet, as a worst case: both run flat out.
        for (let i = 10; i < 16; i++) await decide(caseId(i), 'open');
        for (let n = 0; n < 30; n++) await decide(caseId(10 + (n % 6)), 'lodge', 100 + n);
        const runners = [0, 1, 2].map(
          () =>
            new ProjectionRunner(store, db(), [caseStatusProjection], {
              batchSize: 3,
              locks: new SingleProcessLocks(),
            }),
        );
        for (const runner of runners) await runner.init();
        await Promise.all(runners.map((runner) => runner.catchUp()));
        const { processed, total } = await counts(dbs[0]!);
        expect(processed).toBe(total);
        for (let i = 10; i < 16; i++) {
          const view = await findCase(dbs[0]!, caseId(i));
          expect(view?.version).toBe(6);
          expect(view?.timeline.map((t) => t.position)).toEqual([1, 2, 3, 4, 5, 6]);
          expect(view?.appeals).toHaveLength(5);
        }
      });
    });
  },
);
