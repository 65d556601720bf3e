import Database from 'better-sqlite3';
import { codeOf, TestApp } from './support/test-app';

const OPEN_CASE = `mutation Open($input: OpenCaseInput!) {
  openCase(input: $input) { id localAuthorityCode localAuthority { name region } childLabel openedOn timeline { summary } }
}`;
const LODGE = `mutation Lodge($input: LodgeAppealInput!) {
  lodgeAppeal(input: $input) { id caseId status appealTypes lodgedOn decisionLetterOn outcome }
}`;
const OUTCOME = `mutation Outcome($input: RecordAppealOutcomeInput!) {
  recordAppealOutcome(input: $input) { id status outcome extent decidedOn timeline { type summary occurredOn } }
}`;
const APPEAL = `query Appeal($id: ID!) {
  appeal(id: $id) { id status outcome extent decidedOn localAuthority { code name } timeline { type occurredOn } }
}`;
const CASE = `query Case($id: ID!) { case(id: $id) { id childLabel appeals { id status outcome } timeline { type } } }`;

describe('walking skeleton: one appeal end to end over HTTP on SQLite', () => {
  let app: TestApp;
  let family: string;
  let otherFamily: string;

  beforeAll(async () => {
    app = await TestApp.start({ today: '2025-06-10' });
    family = await app.token('FAMILY', 'parent-a');
    otherFamily = await app.token('FAMILY', 'parent-b');
  });
  afterAll(() => app.stop());

  const eventCount = (): number => {
    const db = new Database(app.config.sqliteFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('opens a case, lodges an appeal, records the outcome, and reads the status back; survives a restart', async () => {
    const opened = await app.gql<{ openCase: { id: string; localAuthority: { name: string } } }>(
      OPEN_CASE,
      { input: { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'open-1' } },
      family,
    );
    expect(opened.errors).toBeUndefined();
    const caseId = opened.data!.openCase.id;
    expect(opened.data!.openCase).toMatchObject({
      localAuthorityCode: '886',
      localAuthority: { name: 'Kent', region: 'South East' },
      childLabel: 'Sam',
      openedOn: '2025-06-10',
      timeline: [{ summary: 'Case opened' }],
    });

    const lodged = await app.gql<{ lodgeAppeal: { id: string } }>(
      LODGE,
      {
        input: {
          caseId,
          appealTypes: ['REFUSAL_TO_ASSESS'],
          lodgedOn: '2025-05-02',
          decisionLetterOn: '2025-03-03',
          clientMutationId: 'lodge-1',
        },
      },
      family,
    );
    expect(lodged.errors).toBeUndefined();
    const appealId = lodged.data!.lodgeAppeal.id;
    expect(lodged.data!.lodgeAppeal).toMatchObject({
      caseId,
      status: 'LODGED',
      appealTypes: ['REFUSAL_TO_ASSESS'],
      lodgedOn: '2025-05-02',
      decisionLetterOn: '2025-03-03',
      outcome: null,
    });

    const decided = await app.gql(
      OUTCOME,
      {
        input: {
          appealId,
          outcome: 'DECIDED_IN_FAVOUR',
          extent: 'IN_FULL',
          decidedOn: '2025-06-09',
          clientMutationId: 'out-1',
        },
      },
      family,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data!['recordAppealOutcome']).toMatchObject({
      status: 'CONCLUDED',
      outcome: 'DECIDED_IN_FAVOUR',
      extent: 'IN_FULL',
      decidedOn: '2025-06-09',
      timeline: [
        { type: 'AppealLodged', occurredOn: '2025-05-02' },
        {
          type: 'AppealOutcomeRecorded',
          occurredOn: '2025-06-09',
          summary: 'Appeal ended: decided in favour (in full)',
        },
      ],
    });

    const read = await app.gql(APPEAL, { id: appealId }, family);
    expect(read.data!['appeal']).toMatchObject({
      id: appealId,
      status: 'CONCLUDED',
      localAuthority: { code: '886', name: 'Kent' },
    });

    // Another family sees nothing and can change nothing.
    expect((await app.gql(CASE, { id: caseId }, otherFamily)).data!['case']).toBeNull();
    expect((await app.gql(APPEAL, { id: appealId }, otherFamily)).data!['appeal']).toBeNull();
    const intrusion = await app.gql(
      LODGE,
      { input: { caseId, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-01' } },
      otherFamily,
    );
    expect(codeOf(intrusion)).toBe('NOT_FOUND');
    const intrusion2 = await app.gql(
      OUTCOME,
      { input: { appealId, outcome: 'WITHDRAWN', decidedOn: '2025-06-09' } },
      otherFamily,
    );
    expect(codeOf(intrusion2)).toBe('NOT_FOUND');
    const cases = await app.gql<{ cases: { edges: unknown[] } }>(
      '{ cases { edges { node { id } } } }',
      {},
      otherFamily,
    );
    expect(cases.data!.cases.edges).toEqual([]);

    // A retried mutation (same clientMutationId) returns the first result and appends nothing.
    const before = eventCount();
    expect(before).toBe(3);
    const retriedOpen = await app.gql<{ openCase: { id: string } }>(
      OPEN_CASE,
      { input: { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'open-1' } },
      family,
    );
    expect(retriedOpen.data!.openCase.id).toBe(caseId);
    const retriedOutcome = await app.gql(
      OUTCOME,
      {
        input: {
          appealId,
          outcome: 'DECIDED_IN_FAVOUR',
          extent: 'IN_FULL',
          decidedOn: '2025-06-09',
          clientMutationId: 'out-1',
        },
      },
      family,
    );
    expect(retriedOutcome.errors).toBeUndefined();
    expect(eventCount()).toBe(before);

    // Restart on the same file: everything is still there.
    await app.restart();
    family = await app.token('FAMILY', 'parent-a');
    const afterRestart = await app.gql(CASE, { id: caseId }, family);
    expect(afterRestart.data!['case']).toEqual({
      id: caseId,
      childLabel: 'Sam',
      appeals: [{ id: appealId, status: 'CONCLUDED', outcome: 'DECIDED_IN_FAVOUR' }],
      timeline: [
        { type: 'CaseOpened' },
        { type: 'AppealLodged' },
        { type: 'AppealOutcomeRecorded' },
      ],
    });
    expect(eventCount()).toBe(before);
  });

  it('refuses impossible sequences and bad input with typed errors, appending nothing', async () => {
    const opened = await app.gql<{ openCase: { id: string } }>(
      OPEN_CASE,
      { input: { localAuthorityCode: '330', childLabel: 'Ali' } },
      family,
    );
    const caseId = opened.data!.openCase.id;
    const before = eventCount();

    const neverLodged = await app.gql(
      OUTCOME,
      {
        input: {
          appealId: '00000000-0000-4000-8000-000000000000',
          outcome: 'WITHDRAWN',
          decidedOn: '2025-06-01',
        },
      },
      family,
    );
    expect(codeOf(neverLodged)).toBe('NOT_FOUND');

    const future = await app.gql(
      LODGE,
      { input: { caseId, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-07-01' } },
      family,
    );
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.extensions!.field).toBe('lodgedOn');

    const impossibleDate = await app.gql(
      LODGE,
      { input: { caseId, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-02-30' } },
      family,
    );
    expect(codeOf(impossibleDate)).toBe('BAD_USER_INPUT');

    const unknownLa = await app.gql(
      OPEN_CASE,
      { input: { localAuthorityCode: '999', childLabel: 'Jo' } },
      family,
    );
    expect(codeOf(unknownLa)).toBe('BAD_USER_INPUT');
    expect(unknownLa.errors![0]!.extensions!.field).toBe('localAuthorityCode');

    const longLabel = await app.gql(
      OPEN_CASE,
      { input: { localAuthorityCode: '330', childLabel: 'x'.repeat(101) } },
      family,
    );
    expect(longLabel.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'childLabel',
    });

    const lodged = await app.gql<{ lodgeAppeal: { id: string } }>(
      LODGE,
      { input: { caseId, appealTypes: ['CONTENTS_F'], lodgedOn: '2025-06-01' } },
      family,
    );
    const appealId = lodged.data!.lodgeAppeal.id;
    await app.gql(
      OUTCOME,
      { input: { appealId, outcome: 'WITHDRAWN', decidedOn: '2025-06-02' } },
      family,
    );
    const afterLodging = eventCount();
    expect(afterLodging).toBe(before + 2);

    const twice = await app.gql(
      OUTCOME,
      { input: { appealId, outcome: 'DISMISSED', decidedOn: '2025-06-03' } },
      family,
    );
    expect(codeOf(twice)).toBe('INVALID_TRANSITION');
    expect(twice.errors![0]!.message).toMatch(/already ended/);
    expect(eventCount()).toBe(afterLodging);
  });

  it('demands a valid token and the right role', async () => {
    expect(codeOf(await app.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql('{ me { id } }', {}, 'not-a-token'))).toBe('UNAUTHENTICATED');
    const tampered = `${family.slice(0, -4)}AAAA`;
    expect(codeOf(await app.gql('{ me { id } }', {}, tampered))).toBe('UNAUTHENTICATED');
    const me = await app.gql('{ me { id role organisation } }', {}, family);
    expect(me.data).toEqual({ me: { id: 'parent-a', role: 'FAMILY', organisation: null } });

    const policy = await app.token('POLICY', 'analyst-1');
    const denied = await app.gql(
      OPEN_CASE,
      { input: { localAuthorityCode: '886', childLabel: 'Sam' } },
      policy,
    );
    expect(codeOf(denied)).toBe('FORBIDDEN');
  });

  it('paginates a family’s cases with cursors', async () => {
    const parent = await app.token('FAMILY', 'parent-pages');
    const ids: string[] = [];
    for (const label of ['One', 'Two', 'Three']) {
      const r = await app.gql<{ openCase: { id: string } }>(
        OPEN_CASE,
        { input: { localAuthorityCode: '886', childLabel: label } },
        parent,
      );
      ids.push(r.data!.openCase.id);
    }
    type Page = {
      cases: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const PAGE =
      'query P($after: String) { cases(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
    const first = await app.gql<Page>(PAGE, {}, parent);
    expect(first.data!.cases.edges).toHaveLength(2);
    expect(first.data!.cases.pageInfo.hasNextPage).toBe(true);
    const second = await app.gql<Page>(
      PAGE,
      { after: first.data!.cases.pageInfo.endCursor },
      parent,
    );
    expect(second.data!.cases.edges).toHaveLength(1);
    expect(second.data!.cases.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.data!.cases.edges, ...second.data!.cases.edges].map((e) => e.node.id);
    expect(new Set(seen)).toEqual(new Set(ids));

    const tooMany = await app.gql('{ cases(first: 101) { edges { cursor } } }', {}, parent);
    expect(tooMany.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const badCursor = await app.gql(
      '{ cases(after: "nonsense") { edges { cursor } } }',
      {},
      parent,
    );
    expect(badCursor.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
