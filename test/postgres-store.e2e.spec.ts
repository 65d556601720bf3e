import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import { Client } from 'pg';
import { TestApp } from './support/test-app';

describeWithPostgres('the app on PostgreSQL (STORE=postgres)', ({ connectionString }) => {
  const schema = uniqueTestSchema('e2e');
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      env: { STORE: 'postgres', DATABASE_URL: connectionString, DATABASE_SCHEMA: schema },
    });
  });
  afterAll(async () => {
    await app.stop();
    await dropTestSchema(connectionString, schema);
  });

  const countEvents = async (): Promise<number> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "${schema}".es_events`,
      );
      return Number(result.rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  it('stores events and read models in PostgreSQL, survives a restart, and dedupes retries', async () => {
    let token = await app.token('FAMILY', 'parent-pg');
    const opened = await app.gql<{ openCase: { id: string } }>(
      'mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }',
      { i: { localAuthorityCode: '330', childLabel: 'Kai', clientMutationId: 'pg-open' } },
      token,
    );
    const caseId = opened.data!.openCase.id;
    const lodge = () =>
      app.gql<{ lodgeAppeal: { id: string; status: string } }>(
        'mutation($i: LodgeAppealInput!) { lodgeAppeal(input: $i) { id status } }',
        {
          i: {
            caseId,
            appealTypes: ['REFUSAL_TO_ISSUE'],
            lodgedOn: '2025-06-01',
            clientMutationId: 'pg-lodge',
          },
        },
        token,
      );
    const lodged = await lodge();
    expect(lodged.data!.lodgeAppeal.status).toBe('LODGED');
    expect(await countEvents()).toBe(2);
    expect((await lodge()).data!.lodgeAppeal.id).toBe(lodged.data!.lodgeAppeal.id);
    expect(await countEvents()).toBe(2);

    await app.restart();
    token = await app.token('FAMILY', 'parent-pg');
    const read = await app.gql<{
      case: { appeals: { id: string }[]; timeline: { type: string }[] };
    }>(
      'query($id: ID!) { case(id: $id) { appeals { id } timeline { type } } }',
      { id: caseId },
      token,
    );
    expect(read.data!.case.appeals.map((a) => a.id)).toEqual([lodged.data!.lodgeAppeal.id]);
    expect(read.data!.case.timeline.map((t) => t.type)).toEqual(['CaseOpened', 'AppealLodged']);
  });
});
