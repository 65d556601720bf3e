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

    /** Lists the case streams it sees, one row per event: replays and double commits would show as extra rows. */
    const streamsSeen = (name: string, fails = false): Projection => ({
      name,
      version: 1,
      handles: ['CaseOpened', 'AppealLodged'],
      tables: [`rm_${name}`],
      schema: {
        sqlite: `CREATE TABLE IF NOT EXISTS rm_${name} (event_id TEXT NOT NULL, stream_id TEXT NOT NULL)`,
        postgres: `CREATE TABLE IF NOT EXISTS rm_${name} (event_id TEXT NOT NULL, stream_id TEXT NOT NULL)`,
      },
      apply: (events) =>
        Promise.resolve([
          ...events.map((e) => ({
            sql: `INSERT INTO rm_${name} (event_id, stream_id) VALUES ($1, $2)`,
            params: [e.id, e.streamId],
          })),
          ...(fails ? [{ sql: 'INSERT INTO no_such_table VALUES ($1)', params: [1] }] : []),
        ]),
    });
    const rowsOf = async (name: string): Promise<number> =>
      Number(
        (await fixture.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM rm_${name}`))[0]?.n,
      );
    /** The read-model database, counting its write transactions. */
    const counting = (): { db: ReadModelDb; transactions: () => number } => {
      let transactions = 0;
      const db: ReadModelDb = {
        dialect: fixture.db.dialect,
        query: (sql, params) => fixture.db.query(sql, params),
        writeTransaction: (statements, guard) => {
          transactions++;
          return fixture.db.writeTransaction(statements, guard);
        },
        setDurableCommits: (durable) => fixture.db.setDurableCommits(durable),
        exec: (ddl) => fixture.db.exec(ddl),
        close: () => Promise.resolve(),
      };
      return { db, transactions: () => transactions };
    };

    it('commits the batches of all its projections in one transaction per round, each checkpoint with its own', async () => {
      const { db, transactions } = counting();
      const runner = new ProjectionRunner(
        fixture.store,
        db,
        [caseStatusProjection, streamsSeen('seen_a'), streamsSeen('seen_b')],
        { batchSize: 10 },
      );
      await runner.init();
      await openCase(caseId(1));
      await lodge(caseId(1), appealId(1));
      const before = transactions();

      // Two events, past which each of the three projections moves.
      expect(await drain(runner, 6)).toBe(6);

      // On PostgreSQL the two events may become readable one round apart; never one transaction per projection.
      expect(transactions() - before).toBeLessThanOrEqual(2);
      expect((await findCase(fixture.db, caseId(1)))?.appeals).toHaveLength(1);
      expect(await rowsOf('seen_a')).toBe(2);
      expect(await rowsOf('seen_b')).toBe(2);
      for (const name of ['case-status', 'seen_a', 'seen_b']) {
        const stored = await readCheckpoint(fixture.db, name);
        expect(stored?.checkpoint).toBe(runner.checkpointOf(name));
        expect(stored?.checkpoint).toBe(runner.checkpointOf('case-status'));
      }
    });

    it('a round in which another runner moved one checkpoint commits the others and fences only that one', async () => {
      const both = new ProjectionRunner(fixture.store, fixture.db, [
        streamsSeen('seen_a'),
        streamsSeen('seen_b'),
      ]);
      const rival = new ProjectionRunner(fixture.store, fixture.db, [streamsSeen('seen_a')]);
      await both.init();
      await rival.init();
      await openCase(caseId(1));
      await lodge(caseId(1), appealId(1));
      // The rival projects seen_a first: `both` still believes seen_a is at the start.
      expect(await drain(rival, 2)).toBe(2);

      expect(await drain(both, 2)).toBe(2);

      expect(await rowsOf('seen_a')).toBe(2);
      expect(await rowsOf('seen_b')).toBe(2);
      expect(both.checkpointOf('seen_a')).toBe(rival.checkpointOf('seen_a'));
      expect(both.checkpointOf('seen_b')).toBe(rival.checkpointOf('seen_a'));
      // And both go on from where the stored checkpoints are.
      await lodge(caseId(1), appealId(2));
      expect(await drain(both, 2)).toBe(2);
      expect(await rowsOf('seen_a')).toBe(3);
      expect(await rowsOf('seen_b')).toBe(3);
    });

    it('a failing projection does not hold back the others of its round', async () => {
      const runner = new ProjectionRunner(fixture.store, fixture.db, [
        caseStatusProjection,
        streamsSeen('seen_bad', true),
        streamsSeen('seen_a'),
      ]);
      await runner.init();
      await openCase(caseId(1));

      const outcome = await until(() => runner.catchUp(), 'the failure');

      expect(outcome).toMatch(/no_such_table/);
      expect(await findCase(fixture.db, caseId(1))).not.toBeNull();
      expect(await rowsOf('seen_a')).toBe(1);
      expect(await rowsOf('seen_bad')).toBe(0);
      expect((await readCheckpoint(fixture.db, 'seen_bad'))?.checkpoint).toBeNull();
      expect((await readCheckpoint(fixture.db, 'seen_a'))?.checkpoint).not.toBeNull();
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

/**
 * Runs `catchUp` until it fails (on PostgreSQL the first events may take a moment to become readable); the error.
 */
const until = async (catchUp: () => Promise<number>, what: string): Promise<string> => {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const error = await catchUp().then(
      () => null,
      (e: unknown) => String(e),
    );
    if (error !== null) return error;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}.`);
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
