import { caseDecider, caseStreamId, type CaseCommand } from '@app/domain';
import { handleCommand, type EventStore } from '@app/event-store';
import { findCase, findCaseOfAppeal } from './case-status/case-status.queries';
import { caseStatusProjection } from './case-status/case-status.projection';
import { readCheckpoint } from './checkpoint.store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { ReadModelDb } from './read-model-db';

export interface RunnerFixture {
  readonly store: EventStore;
  readonly db: ReadModelDb;
}

/**
 * The projection runner and the case-status read model against a real store and read-model database. Run by the
 * SQLite and PostgreSQL int specs.
 */
export const projectionRunnerContract = (
  name: string,
  open: () => Promise<RunnerFixture>,
  close: (f: RunnerFixture) => Promise<void>,
) =>
  describe(`projection runner + case-status read model (${name})`, () => {
    let fixture: RunnerFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(() => close(fixture));

    const decide = (caseId: string, command: CaseCommand) =>
      handleCommand(fixture.store, caseStreamId(caseId), caseDecider, command, {
        actor: 'parent-a',
        now: new Date('2025-06-10T12:00:00Z'),
      });
    const meta = { actor: 'parent-a', today: '2025-06-10' };
    const openCase = (caseId: string) =>
      decide(caseId, {
        type: 'OpenCase',
        data: { caseId, localAuthorityCode: '886', childLabel: 'Sam' },
        metadata: meta,
      });
    const lodge = (caseId: string, appealId: string) =>
      decide(caseId, {
        type: 'LodgeAppeal',
        data: { appealId, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-05-01' },
        metadata: meta,
      });

    it('projects every case and stores the checkpoint with the documents', async () => {
      const runner = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection], {
        batchSize: 3,
      });
      await runner.init();
      for (let i = 0; i < 5; i++) {
        await openCase(caseId(i));
        await lodge(caseId(i), appealId(i));
      }
      expect(await drain(runner, 10)).toBe(10);
      for (let i = 0; i < 5; i++) {
        const view = await findCase(fixture.db, caseId(i));
        expect(view).toMatchObject({
          caseId: caseId(i),
          version: 2,
          appeals: [{ appealId: appealId(i), stage: 'LODGED' }],
        });
        expect((await findCaseOfAppeal(fixture.db, appealId(i)))?.caseId).toBe(caseId(i));
      }
      const stored = await readCheckpoint(fixture.db, 'case-status');
      expect(stored?.checkpoint).toBe(runner.checkpointOf('case-status'));
      expect(stored?.checkpoint).not.toBeNull();
    });

    it('resumes after a restart from the stored checkpoint, skipping nothing and repeating nothing', async () => {
      const first = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection]);
      await first.init();
      await openCase(caseId(1));
      await drain(first, 1);
      await lodge(caseId(1), appealId(1));
      await openCase(caseId(2));

      const second = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection]);
      await second.init();
      expect(await drain(second, 2)).toBe(2);
      expect((await findCase(fixture.db, caseId(1)))?.timeline.map((t) => t.type)).toEqual([
        'CaseOpened',
        'AppealLodged',
      ]);
      expect(await findCase(fixture.db, caseId(2))).not.toBeNull();
      const events = await eventsProcessed(fixture.db);
      expect(events).toBe(3);
    });

    it('a batch whose checkpoint was moved by someone else is rolled back, not applied twice', async () => {
      const a = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection]);
      const b = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection]);
      await a.init();
      await b.init();
      await openCase(caseId(1));
      await lodge(caseId(1), appealId(1));
      expect(await drain(a, 2)).toBe(2);
      // b still believes the checkpoint is at the start: its batch must not commit.
      expect(await b.step(caseStatusProjection)).toBe(0);
      expect(await eventsProcessed(fixture.db)).toBe(2);
      expect((await findCase(fixture.db, caseId(1)))?.timeline).toHaveLength(2);
      // and it continues from where the checkpoint really is.
      await lodge(caseId(1), appealId(2));
      expect(await drain(b, 1)).toBe(1);
      expect((await findCase(fixture.db, caseId(1)))?.appeals).toHaveLength(2);
    });

    it('rebuilds a projection from the first event when its version changes', async () => {
      const runner = new ProjectionRunner(fixture.store, fixture.db, [caseStatusProjection]);
      await runner.init();
      await openCase(caseId(1));
      await drain(runner, 1);
      const before = await findCase(fixture.db, caseId(1));
      const bumped: Projection = {
        ...caseStatusProjection,
        version: caseStatusProjection.version + 1,
      };
      const rebuilt = new ProjectionRunner(fixture.store, fixture.db, [bumped]);
      await rebuilt.init();
      expect(await findCase(fixture.db, caseId(1))).toBeNull();
      expect(await drain(rebuilt, 1)).toBe(1);
      expect(await findCase(fixture.db, caseId(1))).toEqual(before);
      expect((await readCheckpoint(fixture.db, 'case-status'))?.version).toBe(bumped.version);
    });

    it('a new version with a different table shape gets its new tables', async () => {
      const v1: Projection = {
        name: 'shape-probe',
        version: 1,
        handles: ['CaseOpened'],
        tables: ['rm_shape_probe'],
        schema: {
          sqlite: 'CREATE TABLE IF NOT EXISTS rm_shape_probe (case_id TEXT PRIMARY KEY)',
          postgres: 'CREATE TABLE IF NOT EXISTS rm_shape_probe (case_id TEXT PRIMARY KEY)',
        },
        apply: (events) =>
          Promise.resolve(
            events.map((e) => ({
              sql: 'INSERT INTO rm_shape_probe (case_id) VALUES ($1)',
              params: [e.streamId],
            })),
          ),
      };
      const v2: Projection = {
        ...v1,
        version: 2,
        schema: {
          sqlite:
            'CREATE TABLE IF NOT EXISTS rm_shape_probe (case_id TEXT PRIMARY KEY, extra TEXT NOT NULL)',
          postgres:
            'CREATE TABLE IF NOT EXISTS rm_shape_probe (case_id TEXT PRIMARY KEY, extra TEXT NOT NULL)',
        },
        apply: (events) =>
          Promise.resolve(
            events.map((e) => ({
              sql: 'INSERT INTO rm_shape_probe (case_id, extra) VALUES ($1, $2)',
              params: [e.streamId, 'v2'],
            })),
          ),
      };
      await openCase(caseId(1));
      const first = new ProjectionRunner(fixture.store, fixture.db, [v1]);
      await first.init();
      await drain(first, 1);
      const second = new ProjectionRunner(fixture.store, fixture.db, [v2]);
      await second.init();
      await drain(second, 1);
      expect(await fixture.db.query('SELECT case_id, extra FROM rm_shape_probe')).toEqual([
        { case_id: caseStreamId(caseId(1)), extra: 'v2' },
      ]);
    });

    it('a failing projection stores neither its writes nor its checkpoint', async () => {
      const failing: Projection = {
        ...caseStatusProjection,
        apply: async (events, db) => [
          ...(await caseStatusProjection.apply(events, db)),
          { sql: 'INSERT INTO no_such_table VALUES ($1)', params: [1] },
        ],
      };
      const runner = new ProjectionRunner(fixture.store, fixture.db, [failing]);
      await runner.init();
      await openCase(caseId(1));
      const outcome = await runner.step(failing).then(
        (moved) => `resolved after moving ${moved} events`,
        (error: unknown) => `rejected: ${String(error)}`,
      );
      expect(outcome).toMatch(/^rejected: .*no_such_table/);
      expect(await findCase(fixture.db, caseId(1))).toBeNull();
      expect((await readCheckpoint(fixture.db, 'case-status'))?.checkpoint).toBeNull();
    });
  });

/**
 * Catches up until `expected` events were moved past. On PostgreSQL an open transaction anywhere in the cluster (e.g.
 * another test file's) holds back what the log lets readers see, by design: so wait for the events, do not assume.
 */
const drain = async (runner: ProjectionRunner, expected: number): Promise<number> => {
  let moved = 0;
  const deadline = Date.now() + 15_000;
  while (moved < expected && Date.now() < deadline) {
    const step = await runner.catchUp();
    moved += step;
    if (moved < expected && step === 0) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return moved;
};

const caseId = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
const appealId = (i: number) => `a0000000-0000-4000-8000-00000000000${i}`;
const eventsProcessed = async (db: ReadModelDb): Promise<number> =>
  Number(
    (
      await db.query<{ n: unknown }>(
        "SELECT events_processed AS n FROM rm_checkpoints WHERE projection = 'case-status'",
      )
    )[0]?.n,
  );
