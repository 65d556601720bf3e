import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  describeWithPostgres,
  dropTestSchema,
  PostgresEventStore,
  SqliteEventStore,
  uniqueTestSchema,
  type EventStore,
} from '@app/event-store';
import Database from 'better-sqlite3';
import { PostgresReadModelDb } from '../postgres.read-model-db';
import { ProjectionRunner } from '../projection-runner';
import type { ReadModelDb } from '../read-model-db';
import { SqliteReadModelDb } from '../sqlite.read-model-db';
import { caseStatusProjection } from './case-status.projection';
import { caseIdsGrantedTo, decodeCaseCursor, listCasesGrantedTo } from './case-status.queries';

interface Fixture {
  readonly store: EventStore;
  readonly db: ReadModelDb;
  close(): Promise<void>;
}

/** "Cases shared with organisation X today", from the rm_case_grants rows the projection keeps. */
const grantQueries = (name: string, open: () => Promise<Fixture>) =>
  describe(`case-status grants on ${name}`, () => {
    let fx: Fixture;
    let runner: ProjectionRunner;
    beforeEach(async () => {
      fx = await open();
      runner = new ProjectionRunner(fx.store, fx.db, [caseStatusProjection]);
      await runner.init();
    });
    afterEach(() => fx.close());

    const append = async (caseId: string, type: string, data: Record<string, unknown>) => {
      const stream = await fx.store.readStream(`case-${caseId}`);
      await fx.store.append(
        `case-${caseId}`,
        [
          {
            id: randomUUID(),
            type,
            data: data as never,
            metadata: {
              recordedAt: '2025-06-10T12:00:00.000Z',
              actor: 'parent-a',
              correlationId: randomUUID(),
              causationId: randomUUID(),
              schemaVersion: 1,
            },
          },
        ],
        { expectedVersion: stream.version === 0n ? 'no_stream' : stream.version },
      );
    };
    const open3 = async () => {
      for (const [caseId, openedOn] of [
        ['c1', '2025-01-01'],
        ['c2', '2025-02-01'],
        ['c3', '2025-03-01'],
      ] as const) {
        await append(caseId, 'CaseOpened', {
          caseId,
          ownerId: 'parent-a',
          localAuthorityCode: '886',
          childLabel: 'Sam',
          openedOn,
        });
      }
    };
    const grant = (caseId: string, organisation: string, expiresOn: string | null) =>
      append(caseId, 'AccessGranted', {
        organisation,
        grantedBy: 'parent-a',
        grantedOn: '2025-06-10',
        expiresOn,
      });
    const ids = async (organisation: string, today: string) =>
      (await listCasesGrantedTo(fx.db, organisation, today, 10, null)).cases.map((c) => c.caseId);

    it('lists the cases shared with the organisation, newest first, while each grant lasts', async () => {
      await open3();
      await grant('c1', 'ipsea', null);
      await grant('c2', 'ipsea', '2025-06-30');
      await grant('c3', 'sos-sen', null);
      await runner.catchUp();
      expect(await ids('ipsea', '2025-06-10')).toEqual(['c2', 'c1']);
      expect(await ids('ipsea', '2025-06-30')).toEqual(['c2', 'c1']);
      expect(await ids('ipsea', '2025-07-01')).toEqual(['c1']);
      expect(await ids('sos-sen', '2025-06-10')).toEqual(['c3']);
      expect(await ids('nobody', '2025-06-10')).toEqual([]);
      expect(await caseIdsGrantedTo(fx.db, 'ipsea', '2025-07-01')).toEqual(['c1']);
      expect(await caseIdsGrantedTo(fx.db, 'ipsea', '2025-06-10')).toEqual(['c1', 'c2']);
    });

    it('drops a revoked grant and follows a changed end date', async () => {
      await open3();
      await grant('c1', 'ipsea', null);
      await grant('c2', 'ipsea', null);
      await runner.catchUp();
      await append('c1', 'AccessRevoked', {
        organisation: 'ipsea',
        revokedBy: 'parent-a',
        revokedOn: '2025-06-10',
      });
      await grant('c2', 'ipsea', '2025-06-15');
      await runner.catchUp();
      expect(await ids('ipsea', '2025-06-10')).toEqual(['c2']);
      expect(await ids('ipsea', '2025-06-16')).toEqual([]);
    });

    it('lists each case with its own appeals, in the order lodged (read with the case, from their rows)', async () => {
      await open3();
      const lodge = (caseId: string, appealId: string, lodgedOn: string) =>
        append(caseId, 'AppealLodged', {
          appealId,
          appealTypes: ['CONTENTS_B'],
          lodgedOn,
          decisionLetterOn: '2025-02-20',
          mediationCertificateOn: null,
        });
      // Lodged out of id and date order, so neither could stand in for the order lodged.
      await lodge('c2', 'z-appeal', '2025-04-01');
      await lodge('c3', 'b-appeal', '2025-04-02');
      await lodge('c2', 'a-appeal', '2025-03-15');
      for (const c of ['c1', 'c2', 'c3']) await grant(c, 'ipsea', null);
      await runner.catchUp();
      const listed = (await listCasesGrantedTo(fx.db, 'ipsea', '2025-06-10', 10, null)).cases;
      expect(listed.map((c) => [c.caseId, c.appeals.map((a) => a.appealId)])).toEqual([
        ['c3', ['b-appeal']],
        ['c2', ['z-appeal', 'a-appeal']],
        ['c1', []],
      ]);
      expect(listed[1]!.appeals[1]).toMatchObject({ caseId: 'c2', lodgedOn: '2025-03-15' });
      // A page cut inside the rows of a case with appeals still holds whole cases, newest first.
      const page = await listCasesGrantedTo(fx.db, 'ipsea', '2025-06-10', 2, null);
      expect(page.cases.map((c) => [c.caseId, c.appeals.length])).toEqual([
        ['c3', 1],
        ['c2', 2],
      ]);
      expect(page.hasNextPage).toBe(true);
    });

    it('pages with cursors', async () => {
      await open3();
      for (const c of ['c1', 'c2', 'c3']) await grant(c, 'ipsea', null);
      await runner.catchUp();
      const first = await listCasesGrantedTo(fx.db, 'ipsea', '2025-06-10', 2, null);
      expect(first.cases.map((c) => c.caseId)).toEqual(['c3', 'c2']);
      expect(first.hasNextPage).toBe(true);
      const next = await listCasesGrantedTo(
        fx.db,
        'ipsea',
        '2025-06-10',
        2,
        decodeCaseCursor(first.endCursor!),
      );
      expect(next.cases.map((c) => c.caseId)).toEqual(['c1']);
      expect(next.hasNextPage).toBe(false);
    });

    it('is rebuilt with the rest of the read model (its rows are emptied and refolded)', async () => {
      await open3();
      await grant('c1', 'ipsea', null);
      await runner.catchUp();
      await runner.reset(caseStatusProjection);
      expect(await ids('ipsea', '2025-06-10')).toEqual([]);
      await runner.catchUp();
      expect(await ids('ipsea', '2025-06-10')).toEqual(['c1']);
    });
  });

grantQueries('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-grants-'));
  const raw = new Database(join(dir, 'test.sqlite'));
  return Promise.resolve({
    store: new SqliteEventStore(raw),
    db: new SqliteReadModelDb(raw),
    close: () => {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describeWithPostgres('case-status grants on PostgreSQL', ({ connectionString }) => {
  grantQueries('PostgreSQL', async () => {
    const schema = uniqueTestSchema('rm_grants');
    const store = await PostgresEventStore.open({ connectionString, schema });
    const db = new PostgresReadModelDb({ connectionString, schema });
    return {
      store,
      db,
      close: async () => {
        await db.close();
        await store.close();
        await dropTestSchema(connectionString, schema);
      },
    };
  });
});
