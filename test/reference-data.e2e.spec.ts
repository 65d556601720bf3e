import { describeWithPostgres, dropTestSchema, uniqueTestSchema } from '@app/event-store';
import Database from 'better-sqlite3';
import { codeOf, TestApp } from './support/test-app';

interface Rate {
  localAuthorityCode: string;
  localAuthorityName: string;
  sourceLocalAuthorityCode: string | null;
  year: number;
  appealsRegistered: number | null;
  appealableDecisions: number | null;
  ratePct: number | null;
  inDevelopmentAppealableDecisions: number | null;
  inDevelopmentRatePct: number | null;
  nil: boolean;
  notAvailable: boolean;
  inDevelopmentNotAvailable: boolean;
  suppressed: boolean;
  suspect: boolean;
  notes: string[];
}
interface Authority {
  code: string;
  name: string;
  current: boolean;
  endYear: number | null;
  replacedBy: string[];
}

const RATES = `query Rates($code: String!) {
  officialAppealRates(localAuthorityCode: $code) {
    localAuthorityCode localAuthorityName sourceLocalAuthorityCode year appealsRegistered appealableDecisions ratePct
    inDevelopmentAppealableDecisions inDevelopmentRatePct nil notAvailable inDevelopmentNotAvailable suppressed suspect notes
  }
}`;
const AUTHORITIES = `query Authorities($all: Boolean) {
  localAuthorities(includePredecessors: $all) { code name current endYear replacedBy }
}`;

describe('reference data over HTTP: the LA register and the official appeal-rate series', () => {
  let app: TestApp;
  let policy: string;
  let family: string;

  beforeAll(async () => {
    app = await TestApp.start();
    policy = await app.token('POLICY', 'analyst-1');
    family = await app.token('FAMILY', 'parent-1');
  });
  afterAll(() => app.stop());

  const rates = async (code: string, token = policy): Promise<Rate[]> => {
    const response = await app.gql<{ officialAppealRates: Rate[] }>(RATES, { code }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.officialAppealRates;
  };
  const year = (series: Rate[], y: number): Rate | undefined => series.find((r) => r.year === y);

  it('is available on first start: Kent has 11 years, 2024 = 1,559 appeals at 6.6%', async () => {
    const kent = await rates('886', family);
    expect(kent.map((r) => r.year)).toEqual([
      2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    expect(year(kent, 2024)).toEqual({
      localAuthorityCode: '886',
      localAuthorityName: 'Kent',
      sourceLocalAuthorityCode: '886',
      year: 2024,
      appealsRegistered: 1559,
      appealableDecisions: 23692,
      ratePct: 6.6,
      inDevelopmentAppealableDecisions: 14675,
      inDevelopmentRatePct: 10.6,
      nil: false,
      notAvailable: false,
      inDevelopmentNotAvailable: false,
      suppressed: false,
      suspect: false,
      notes: [],
    });
    expect(year(kent, 2023)).toMatchObject({
      appealsRegistered: 758,
      ratePct: 3.6,
      inDevelopmentAppealableDecisions: null,
      inDevelopmentRatePct: null,
    });
    expect(year(await rates('845'), 2024)).toMatchObject({ appealsRegistered: 516, ratePct: 9.3 });
    expect(year(await rates('201'), 2024)).toMatchObject({
      localAuthorityName: 'City of London',
      appealsRegistered: 0,
      ratePct: 0,
      nil: true,
    });
  });

  it('has England under ENG', async () => {
    expect(year(await rates('ENG'), 2024)).toMatchObject({
      appealsRegistered: 22276,
      appealableDecisions: 689739,
      ratePct: 3.2,
      inDevelopmentRatePct: 6.1,
    });
  });

  it('puts the wrongly coded rows on the authority their name denotes', async () => {
    // Register: Nottingham 892, Nottinghamshire 891; the source prints 891 and 928.
    const nottingham = await rates('892');
    const nottinghamshire = await rates('891');
    expect(nottingham).toHaveLength(11);
    expect(new Set(nottingham.map((r) => r.localAuthorityName))).toEqual(new Set(['Nottingham']));
    expect(new Set(nottinghamshire.map((r) => r.localAuthorityName))).toEqual(
      new Set(['Nottinghamshire']),
    );
    expect(year(nottingham, 2024)).toMatchObject({
      sourceLocalAuthorityCode: '891',
      appealsRegistered: 52,
      appealableDecisions: 2102,
      ratePct: 2.5,
    });
    expect(year(nottingham, 2024)?.notes).toContain(
      'the source gives LA code 891 (Nottinghamshire); assigned to 892 by name',
    );
    expect(year(nottinghamshire, 2024)).toMatchObject({
      sourceLocalAuthorityCode: '928',
      appealsRegistered: 184,
      appealableDecisions: 5919,
      ratePct: 3.1,
    });
    // 928 is Northamptonshire (predecessor), whose row the source codes 892.
    expect(year(await rates('928'), 2020)).toMatchObject({
      localAuthorityName: 'Northamptonshire',
      sourceLocalAuthorityCode: '892',
      appealsRegistered: 131,
    });
    // Cambridgeshire 873 / Central Bedfordshire 823: swapped codes corrected; 2024 kept but suspect.
    const cambridgeshire = await rates('873');
    expect(year(cambridgeshire, 2014)).toMatchObject({
      localAuthorityName: 'Cambridgeshire',
      sourceLocalAuthorityCode: '823',
      appealsRegistered: 85,
      suspect: false,
    });
    expect(year(cambridgeshire, 2024)).toMatchObject({
      appealsRegistered: 169,
      appealableDecisions: 4410,
      ratePct: 3.8,
      suspect: true,
    });
    // Bournemouth and Poole have no code in the source.
    expect(year(await rates('837'), 2018)).toMatchObject({
      localAuthorityName: 'Bournemouth',
      sourceLocalAuthorityCode: null,
      appealsRegistered: 20,
      ratePct: 1.9,
    });
    expect(year(await rates('836'), 2019)).toMatchObject({
      appealsRegistered: null,
      notAvailable: true,
    });
  });

  it('answers NOT_FOUND for an unknown code, UNAUTHENTICATED without a token', async () => {
    for (const code of ['999', 'Kent', '']) {
      const response = await app.gql(RATES, { code }, policy);
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(response.data).toBeNull();
    }
    expect(codeOf(await app.gql(RATES, { code: '886' }))).toBe('UNAUTHENTICATED');
  });

  it('lists the 153 current authorities, and the predecessors only when asked', async () => {
    const current = await app.gql<{ localAuthorities: Authority[] }>(AUTHORITIES, {}, family);
    expect(current.errors).toBeUndefined();
    expect(current.data!.localAuthorities).toHaveLength(153);
    expect(current.data!.localAuthorities.every((la) => la.current)).toBe(true);
    expect(current.data!.localAuthorities.find((la) => la.code === '886')).toEqual({
      code: '886',
      name: 'Kent',
      current: true,
      endYear: null,
      replacedBy: [],
    });

    const all = await app.gql<{ localAuthorities: Authority[] }>(
      AUTHORITIES,
      { all: true },
      policy,
    );
    expect(all.data!.localAuthorities).toHaveLength(157);
    expect(
      all
        .data!.localAuthorities.filter((la) => !la.current)
        .sort((a, b) => a.code.localeCompare(b.code)),
    ).toEqual([
      { code: '836', name: 'Poole', current: false, endYear: 2019, replacedBy: ['839'] },
      { code: '837', name: 'Bournemouth', current: false, endYear: 2019, replacedBy: ['839'] },
      { code: '909', name: 'Cumbria', current: false, endYear: 2023, replacedBy: ['942', '943'] },
      {
        code: '928',
        name: 'Northamptonshire',
        current: false,
        endYear: 2021,
        replacedBy: ['940', '941'],
      },
    ]);
  });

  it('serves the series on a local authority too, and opens cases only with current authorities', async () => {
    const opened = await app.gql<{
      openCase: {
        localAuthority: { name: string; officialAppealRates: { year: number; ratePct: number }[] };
      };
    }>(
      `mutation Open($input: OpenCaseInput!) {
        openCase(input: $input) { localAuthority { name officialAppealRates { year ratePct } } }
      }`,
      { input: { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'ref-open-1' } },
      family,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openCase.localAuthority.officialAppealRates.at(-1)).toEqual({
      year: 2024,
      ratePct: 6.6,
    });

    const predecessor = await app.gql(
      `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      { input: { localAuthorityCode: '909', childLabel: 'Sam', clientMutationId: 'ref-open-2' } },
      family,
    );
    expect(codeOf(predecessor)).toBe('BAD_USER_INPUT');
  });

  it('does not import again on restart (the data is already there)', async () => {
    const imports = (): unknown[] => {
      const db = new Database(app.config.sqliteFile, { readonly: true });
      try {
        return db.prepare('SELECT * FROM ref_imports ORDER BY dataset').all();
      } finally {
        db.close();
      }
    };
    const before = imports();
    expect(before).toHaveLength(2);
    await app.restart();
    expect(imports()).toEqual(before);
    expect(year(await rates('886'), 2024)).toMatchObject({ appealsRegistered: 1559, ratePct: 6.6 });
  });
});

describeWithPostgres('reference data with STORE=postgres', ({ connectionString }) => {
  const schema = uniqueTestSchema('e2e_ref');
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

  it('is imported on first start and served the same way', async () => {
    const token = await app.token('POLICY', 'analyst-pg');
    const response = await app.gql<{ officialAppealRates: Rate[] }>(RATES, { code: '886' }, token);
    expect(response.errors).toBeUndefined();
    expect(response.data!.officialAppealRates).toHaveLength(11);
    expect(response.data!.officialAppealRates.at(-1)).toMatchObject({
      year: 2024,
      appealsRegistered: 1559,
      ratePct: 6.6,
      inDevelopmentRatePct: 10.6,
    });
    await app.restart();
    const all = await app.gql<{ localAuthorities: Authority[] }>(AUTHORITIES, { all: true }, token);
    expect(all.data!.localAuthorities).toHaveLength(157);
  });
});
