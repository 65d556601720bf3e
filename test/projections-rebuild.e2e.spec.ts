import { ALL_PROJECTIONS } from '@app/projections';
import Database from 'better-sqlite3';
import { mutate } from './support/case-flow';
import { TestApp } from './support/test-app';

/**
 * Versioned read models, through the real app: when a projection's definition changes (its `version` is not the one
 * stored with its checkpoint), the service empties it and rebuilds it from the first event before it answers.
 * A changed definition is simulated from the stored side: the checkpoints are given versions the code does not have.
 */
describe('read models rebuild themselves on start when their definition changed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  const withDb = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(app.config.sqliteFile, { timeout: 5000 });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  /** Every row of every read model, and the checkpoints without their wall-clock `updated_at`. */
  const readModels = (): Record<string, string[]> =>
    withDb((db) => {
      const tables = [...ALL_PROJECTIONS.flatMap((p) => p.tables), 'rm_checkpoints'];
      return Object.fromEntries(
        tables.map((table) => [
          table,
          (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[])
            .map(({ updated_at: _wallClock, ...row }) => JSON.stringify(row))
            .sort(),
        ]),
      );
    });
  const versions = (): Record<string, number> =>
    withDb((db) =>
      Object.fromEntries(
        (
          db.prepare('SELECT projection, version FROM rm_checkpoints').all() as {
            projection: string;
            version: number;
          }[]
        ).map((r) => [r.projection, r.version]),
      ),
    );

  it('every projection is emptied and rebuilt to the same rows; nothing stale survives', async () => {
    const family = await app.token('FAMILY', 'parent-rebuild');
    const { id: caseId } = await mutate<{ id: string }>(
      app,
      family,
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: '886', childLabel: 'Sam' },
      '{ id }',
    );
    const appeal = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId,
        appealTypes: ['CONTENTS_F'],
        lodgedOn: '2025-04-01',
        decisionLetterOn: '2025-03-01',
      },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordAppealOutcome',
      'RecordAppealOutcomeInput',
      {
        appealId: appeal.id,
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_FULL',
        decidedOn: '2025-05-20',
        orders: [{ type: 'AMEND_B_F' }],
      },
      '{ id }',
    );
    const current = Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, p.version]));
    expect(versions()).toEqual(current);
    const before = readModels();
    expect(before.rm_cases).toHaveLength(1);

    // The stored definitions are now other versions than the code's, and a row no event explains is left behind.
    withDb((db) => {
      db.prepare('UPDATE rm_checkpoints SET version = version + 1000').run();
      db.prepare(
        `INSERT INTO rm_cases SELECT 'ghost-case', owner_id, local_authority_code, opened_on, version, doc
         FROM rm_cases WHERE case_id = ?`,
      ).run(caseId);
    });
    expect(versions()).not.toEqual(current);

    await app.restart();
    expect(versions()).toEqual(current);
    expect(readModels()).toEqual(before);
    const read = await app.gql<{ case: { id: string; appeals: { outcome: string }[] } }>(
      'query C($id: ID!) { case(id: $id) { id appeals { outcome } } }',
      { id: caseId },
      family,
    );
    expect(read.data?.case).toEqual({ id: caseId, appeals: [{ outcome: 'DECIDED_IN_FAVOUR' }] });
  });
});
