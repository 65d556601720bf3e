import { ProjectionService } from '../apps/api/src/persistence/projection.service';
import { mutate } from './support/case-flow';
import { codeOf, TestApp } from './support/test-app';

/**
 * Appeal outcome statistics, order compliance and breach patterns over HTTP: GraphQL and CSV export, data made
 * through the real mutations. Known data (academic year 2024/25; registered 1 October 2024, decided 3 March 2025):
 * Kent (886) 6 appeals — 3 in favour in full, 1 in part, 1 dismissed, 1 withdrawn; Medway (887) 2 — withdrawn,
 * conceded; Camden (202) 5 — all in favour in full.
 */

type Row = Record<string, unknown> & {
  localAuthorityCode: string | null;
  registered: number | null;
  suppressed: boolean;
  suppressedFields: string[];
};

const STATS = `query S($filter: AppealStatisticsFilter, $groupBy: [AppealStatisticsDimension!], $scope: StatisticsScope) {
  appealOutcomeStatistics(filter: $filter, groupBy: $groupBy, scope: $scope) {
    localAuthorityCode localAuthorityName regionCode regionName areaLevel academicYear calendarYear appealType
    registered withdrawn conceded consentOrders struckOut decided decidedInFavour decidedInFavourInFull
    decidedInFavourInPart dismissed successRate suppressed suppressedFields
  }
}`;

describe('statistics over HTTP (GraphQL and CSV)', () => {
  let app: TestApp;
  let policy: string;
  let advocate: string;
  let admin: string;
  const families: string[] = [];
  const kentCases: string[] = [];
  const kentOrders: string[] = [];

  const caseWithAppeal = async (
    la: string,
    index: number,
    types: string[],
    outcome: string | null,
    extent: string | null,
    orders: { type: string }[] = [],
  ) => {
    const family = await app.token('FAMILY', `parent-${la}-${index}`);
    families.push(family);
    const { id: caseId } = await mutate<{ id: string }>(
      app,
      family,
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: la, childLabel: 'Sam' },
      '{ id }',
    );
    const { id: appealId } = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      { caseId, appealTypes: types, lodgedOn: '2024-09-20', decisionLetterOn: '2024-09-02' },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'registerAppeal',
      'RegisterAppealInput',
      { appealId, tribunalReference: `EH${la}/24/${index}`, registeredOn: '2024-10-01' },
      '{ id }',
    );
    let orderIds: string[] = [];
    if (outcome) {
      const decided = await mutate<{ orders: { id: string }[] }>(
        app,
        family,
        'recordAppealOutcome',
        'RecordAppealOutcomeInput',
        { appealId, outcome, extent, decidedOn: '2025-03-03', orders },
        '{ orders { id } }',
      );
      orderIds = decided.orders.map((o) => o.id);
    }
    return { family, caseId, appealId, orderIds };
  };

  const settle = () => app.nest.get(ProjectionService).runner.catchUp();

  const stats = async (
    token: string | undefined,
    variables: Record<string, unknown>,
  ): Promise<Row[]> => {
    const response = await app.gql<{ appealOutcomeStatistics: Row[] }>(STATS, variables, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.appealOutcomeStatistics;
  };

  const csv = (path: string, token?: string) =>
    fetch(app.url.replace(/\/graphql$/, `/export/${path}`), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    app = await TestApp.start({ today: '2025-06-10' });
    policy = await app.token('POLICY', 'analyst-1');
    advocate = await app.token('ADVOCATE', 'advocate-1', 'ipsea');
    admin = await app.token('ADMIN', 'admin-1');
    const kent: [string[], string, string | null, { type: string }[]][] = [
      [['CONTENTS_F', 'PLACEMENT_I'], 'DECIDED_IN_FAVOUR', 'IN_FULL', [{ type: 'AMEND_B_F' }]],
      [['PLACEMENT_I'], 'DECIDED_IN_FAVOUR', 'IN_FULL', [{ type: 'NAME_SCHOOL' }]],
      [['CONTENTS_F'], 'DECIDED_IN_FAVOUR', 'IN_FULL', [{ type: 'AMEND_B_F' }]],
      [['REFUSAL_TO_ASSESS'], 'DECIDED_IN_FAVOUR', 'IN_PART', []],
      [['CONTENTS_F'], 'DISMISSED', null, []],
      [['REFUSAL_TO_ASSESS'], 'WITHDRAWN', null, []],
    ];
    for (const [i, [types, outcome, extent, orders]] of kent.entries()) {
      const made = await caseWithAppeal('886', i, types, outcome, extent, orders);
      kentCases.push(made.caseId);
      if (made.orderIds[0]) kentOrders.push(`${made.appealId}|${made.orderIds[0]}`);
    }
    await caseWithAppeal('887', 0, ['CONTENTS_F'], 'WITHDRAWN', null);
    await caseWithAppeal('887', 1, ['CONTENTS_F'], 'CONCEDED', null);
    for (let i = 0; i < 5; i++)
      await caseWithAppeal('202', i, ['CONTENTS_F'], 'DECIDED_IN_FAVOUR', 'IN_FULL');

    // Orders: Kent 0 (AMEND_B_F, due 7 April) complied 7 days late; Kent 1 (NAME_SCHOOL, due 17 March) on time;
    // Kent 2 (AMEND_B_F) still outstanding on 10 June: overdue.
    const [late, onTime] = kentOrders.map((o) => o.split('|') as [string, string]);
    await mutate(
      app,
      families[0]!,
      'recordOrderCompliance',
      'RecordOrderComplianceInput',
      { appealId: late![0], orderId: late![1], compliedOn: '2025-04-14' },
      '{ id }',
    );
    await mutate(
      app,
      families[1]!,
      'recordOrderCompliance',
      'RecordOrderComplianceInput',
      { appealId: onTime![0], orderId: onTime![1], compliedOn: '2025-03-10' },
      '{ id }',
    );

    // Breaches: Kent failing to implement orders (case 0 twice), and a school whose name needs CSV quoting.
    const breach = (family: string, caseId: string, dutyHolder: object, type: string, on: string) =>
      mutate(
        app,
        family,
        'reportBreach',
        'ReportBreachInput',
        {
          caseId,
          breachType: type,
          dutyHolder,
          legalBasis: 'SEND Regs 2014 reg 44',
          occurredOn: on,
        },
        '{ id }',
      );
    const la = { kind: 'LA', localAuthorityCode: '886' };
    await breach(families[0]!, kentCases[0]!, la, 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '2025-04-08');
    await breach(families[0]!, kentCases[0]!, la, 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '2025-05-08');
    await breach(families[2]!, kentCases[2]!, la, 'TRIBUNAL_ORDER_NOT_IMPLEMENTED', '2025-04-08');
    await breach(
      families[3]!,
      kentCases[3]!,
      { kind: 'SCHOOL', name: 'Oak, "The" Academy' },
      'UNLAWFUL_EXCLUSION',
      '2025-01-15',
    );
    await breach(
      families[4]!,
      kentCases[4]!,
      { kind: 'SCHOOL', name: '=HYPERLINK("x")' },
      'UNLAWFUL_EXCLUSION',
      '2025-02-15',
    );
    await settle();
  }, 120_000);
  afterAll(() => app.stop());

  const byLa = {
    groupBy: ['LOCAL_AUTHORITY', 'ACADEMIC_YEAR'],
    filter: { academicYears: ['2024/25'] },
  };

  describe('appealOutcomeStatistics (GraphQL)', () => {
    it('needs a token', async () => {
      const response = await app.gql(STATS, byLa);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });

    it('gives a family its own cases exactly (VISIBLE_CASES)', async () => {
      const rows = await stats(families[0], { ...byLa, scope: 'VISIBLE_CASES' });
      expect(rows).toEqual([
        expect.objectContaining({
          localAuthorityCode: '886',
          localAuthorityName: 'Kent',
          regionCode: 'E12000008',
          regionName: 'South East',
          academicYear: '2024/25',
          registered: 1,
          decided: 1,
          decidedInFavour: 1,
          decidedInFavourInFull: 1,
          dismissed: 0,
          successRate: 1,
          suppressed: false,
          suppressedFields: [],
        }),
      ]);
    });

    it('suppresses small counts for policy users, with secondary suppression; true zeros stay zeros', async () => {
      const rows = await stats(policy, byLa);
      const row = (la: string) => rows.find((r) => r.localAuthorityCode === la)!;
      expect(rows.map((r) => r.localAuthorityCode)).toEqual(['202', '886', '887']);
      // Camden: 5 registered, published exactly; its true zeros stay zeros. (Its 5 in favour in full is hidden as
      // the partner of Kent's 3: no other South East LA has any.)
      expect(row('202')).toMatchObject({
        registered: 5,
        dismissed: 0,
        withdrawn: 0,
        decidedInFavourInPart: 0,
      });
      expect(row('202').decidedInFavourInFull).toBeNull();
      // Medway: 2 registered → suppressed (null, never 0); it decided nothing: decided 0, success rate null.
      expect(row('887')).toMatchObject({
        registered: null,
        suppressed: true,
        decided: 0,
        successRate: null,
      });
      expect(row('887').suppressedFields).toContain('registered');
      expect(row('887').suppressedFields).not.toContain('successRate');
      // Kent: its 1 dismissed is suppressed, and so are decided and the success rate computed from it.
      expect(row('886')).toMatchObject({ dismissed: null, decided: null, successRate: null });
      // Secondary: Medway's 2 cannot be had from the South East total minus the other South East LAs.
      const [southEast] = await stats(policy, {
        groupBy: ['REGION', 'ACADEMIC_YEAR'],
        filter: { academicYears: ['2024/25'], regionCodes: ['E12000008'] },
      });
      const others = rows.filter(
        (r) => r.regionCode === 'E12000008' && r.localAuthorityCode !== '887',
      );
      const sum = others.every((r) => r.registered !== null)
        ? others.reduce((s, r) => s + (r.registered ?? 0), 0)
        : null;
      if (southEast?.registered != null && sum !== null)
        expect(southEast.registered - sum).not.toBe(2);
      // …nor from England filtered to Kent and Medway, minus Kent.
      const pair = await stats(policy, {
        filter: { academicYears: ['2024/25'], localAuthorityCodes: ['886', '887'] },
      });
      const kent = await stats(policy, {
        filter: { academicYears: ['2024/25'], localAuthorityCodes: ['886'] },
      });
      if (pair[0]?.registered != null && kent[0]?.registered != null)
        expect(pair[0].registered - kent[0].registered).not.toBe(2);
      // England as a whole: 13 registered.
      const [england] = await stats(policy, { filter: { academicYears: ['2024/25'] } });
      expect(england).toMatchObject({ areaLevel: 'ENGLAND', registered: 13 });
    });

    it('gives advocates without shared cases, families and admins the same suppressed figures as policy users', async () => {
      const expected = await stats(policy, byLa);
      expect(await stats(advocate, byLa)).toEqual(expected);
      expect(await stats(families[5], byLa)).toEqual(expected);
      expect(await stats(admin, byLa)).toEqual(expected);
    });

    it('gives an advocate exact figures, and case ids, only for the cases shared with its organisation', async () => {
      const kidsLaw = await app.token('ADVOCATE', 'advocate-2', 'kids-law');
      const before = await stats(kidsLaw, { ...byLa, scope: 'VISIBLE_CASES' });
      expect(before).toEqual([]);
      const granted = await app.gql(
        `mutation G($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
        { input: { caseId: kentCases[0], organisation: 'kids-law' } },
        families[0],
      );
      expect(granted.errors).toBeUndefined();
      await settle();
      expect(await stats(kidsLaw, { ...byLa, scope: 'VISIBLE_CASES' })).toEqual([
        expect.objectContaining({
          localAuthorityCode: '886',
          registered: 1,
          decided: 1,
          suppressed: false,
        }),
      ]);
      // The national view stays the policy view.
      expect(await stats(kidsLaw, byLa)).toEqual(await stats(policy, byLa));
      const patterns = await app.gql<{
        breachPatterns: { casesWithRepeatedBreach: { caseIds: string[] } }[];
      }>(
        `{ breachPatterns(filter: { breachTypes: [TRIBUNAL_ORDER_NOT_IMPLEMENTED] }) { casesWithRepeatedBreach { caseIds } } }`,
        {},
        kidsLaw,
      );
      expect(patterns.data?.breachPatterns[0]?.casesWithRepeatedBreach.caseIds).toEqual([
        kentCases[0],
      ]);
    });

    it('refuses the exact view to policy users, and requests that would not be sums of published cells', async () => {
      const exact = await app.gql(STATS, { ...byLa, scope: 'VISIBLE_CASES' }, policy);
      expect(codeOf(exact)).toBe('FORBIDDEN');
      const both = await app.gql(STATS, { groupBy: ['ACADEMIC_YEAR', 'CALENDAR_YEAR'] }, policy);
      expect(codeOf(both)).toBe('BAD_USER_INPUT');
      const unknown = await app.gql(STATS, { filter: { localAuthorityCodes: ['999'] } }, policy);
      expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
      const label = await app.gql(STATS, { filter: { academicYears: ['2024-25'] } }, policy);
      expect(codeOf(label)).toBe('BAD_USER_INPUT');
    });

    it('puts the official DfE series beside an LA and calendar year', async () => {
      const response = await app.gql<{
        appealOutcomeStatistics: {
          localAuthorityCode: string;
          calendarYear: number;
          registered: number | null;
          official: { appealsRegistered: number; ratePct: number } | null;
        }[];
      }>(
        `{ appealOutcomeStatistics(groupBy: [LOCAL_AUTHORITY, CALENDAR_YEAR], filter: { localAuthorityCodes: ["886"] }) {
            localAuthorityCode calendarYear registered official { year appealsRegistered ratePct } } }`,
        {},
        policy,
      );
      expect(response.errors).toBeUndefined();
      const rows = response.data!.appealOutcomeStatistics;
      // 2024: the year of registration; DfE's figures for Kent exactly as published.
      expect(rows.find((r) => r.calendarYear === 2024)?.official).toEqual({
        year: 2024,
        appealsRegistered: 1559,
        ratePct: 6.6,
      });
      // 2025: outcomes only, and no official figures published yet.
      expect(rows.find((r) => r.calendarYear === 2025)).toMatchObject({
        registered: 0,
        official: null,
      });
    });

    it('never gives a policy user a case id or anything personal', async () => {
      const response = await app.gql(
        `{ breachPatterns { dutyHolder { key name } casesWithRepeatedBreach { count caseIds } } }`,
        {},
        policy,
      );
      const text = JSON.stringify(response);
      for (const id of kentCases) expect(text).not.toContain(id);
      expect(text).not.toContain('Sam');
    });
  });

  describe('orderCompliance and breachPatterns (GraphQL)', () => {
    it('counts orders made, on time, late, outstanding and overdue as of today (exact for the family’s cases)', async () => {
      const query = `query O($scope: StatisticsScope) { orderCompliance(groupBy: [LOCAL_AUTHORITY], scope: $scope) {
        localAuthorityCode asOf ordersMade compliedOnTime compliedLate outstanding overdue averageDaysLate maxDaysLate
        suppressed suppressedFields } }`;
      const own = await app.gql<{ orderCompliance: Record<string, unknown>[] }>(
        query,
        { scope: 'VISIBLE_CASES' },
        families[0],
      );
      expect(own.data?.orderCompliance).toEqual([
        {
          localAuthorityCode: '886',
          asOf: '2025-06-10',
          ordersMade: 1,
          compliedOnTime: 0,
          compliedLate: 1,
          outstanding: 0,
          overdue: 0,
          averageDaysLate: 7,
          maxDaysLate: 7,
          suppressed: false,
          suppressedFields: [],
        },
      ]);
      const national = await app.gql<{ orderCompliance: Record<string, unknown>[] }>(
        query,
        {},
        policy,
      );
      // Three orders in Kent: every non-zero count is below 5, so all of them are suppressed for policy users.
      expect(national.data?.orderCompliance).toEqual([
        expect.objectContaining({
          localAuthorityCode: '886',
          ordersMade: null,
          compliedLate: null,
          overdue: null,
          averageDaysLate: null,
          suppressed: true,
        }),
      ]);
    });

    it('finds repeated breaches; the family sees its own case among those with a repeated breach', async () => {
      const query = `query B($scope: StatisticsScope) { breachPatterns(filter: { breachTypes: [TRIBUNAL_ORDER_NOT_IMPLEMENTED] }, minDistinctCases: 2, windowDays: 60, scope: $scope) {
        dutyHolder { key kind name localAuthorityCode } breachType year occurrences distinctCases firstOccurredOn lastOccurredOn
        repeat trend previousOccurrences casesWithRepeatedBreach { count caseIds } suppressed } }`;
      const own = await app.gql<{ breachPatterns: Record<string, unknown>[] }>(
        query,
        {},
        families[0],
      );
      expect(own.data?.breachPatterns).toEqual([
        expect.objectContaining({
          dutyHolder: { key: 'LA:886', kind: 'LA', name: 'Kent', localAuthorityCode: '886' },
          year: 2025,
          occurrences: null,
          suppressed: true,
          casesWithRepeatedBreach: { count: null, caseIds: [kentCases[0]] },
        }),
      ]);
      const exact = await app.gql<{ breachPatterns: Record<string, unknown>[] }>(
        query,
        { scope: 'VISIBLE_CASES' },
        families[0],
      );
      expect(exact.data?.breachPatterns).toEqual([
        expect.objectContaining({
          occurrences: 2,
          distinctCases: 1,
          firstOccurredOn: '2025-04-08',
          lastOccurredOn: '2025-05-08',
          repeat: false,
          trend: 'NEW',
          casesWithRepeatedBreach: { count: 1, caseIds: [kentCases[0]] },
        }),
      ]);
      const forPolicy = await app.gql<{
        breachPatterns: { casesWithRepeatedBreach: { caseIds: string[] } }[];
      }>(query, {}, policy);
      expect(forPolicy.data?.breachPatterns[0]?.casesWithRepeatedBreach.caseIds).toEqual([]);
    });
  });

  describe('CSV export', () => {
    it('needs a bearer token: 401 with a JSON error otherwise', async () => {
      for (const path of [
        'appeal-outcome-statistics.csv',
        'order-compliance.csv',
        'breach-patterns.csv',
      ]) {
        const anonymous = await csv(path);
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('content-type')).toMatch(/application\/json/);
        expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
        expect(await anonymous.json()).toEqual({
          errors: [
            { message: expect.any(String) as unknown, extensions: { code: 'UNAUTHENTICATED' } },
          ],
        });
        const forged = await csv(path, 'not-a-token');
        expect(forged.status).toBe(401);
      }
    });

    it('exports the appeal statistics with the same filters and the same suppression as GraphQL', async () => {
      const response = await csv(
        'appeal-outcome-statistics.csv?groupBy=LOCAL_AUTHORITY,ACADEMIC_YEAR&academicYears=2024/25',
        policy,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="appeal-outcome-statistics.csv"',
      );
      const lines = (await response.text()).split('\r\n');
      const header = lines[0]!.split(',');
      expect(header.slice(0, 8)).toEqual([
        'area_level',
        'local_authority_code',
        'local_authority_name',
        'region_code',
        'region_name',
        'academic_year',
        'calendar_year',
        'appeal_type',
      ]);
      expect(header.at(-1)).toBe('suppressed_fields');
      const rows = await stats(policy, byLa);
      expect(lines.filter((l) => l !== '')).toHaveLength(rows.length + 1);
      for (const [i, row] of rows.entries()) {
        const cells = lines[i + 1]!.split(',');
        const at = (name: string) => cells[header.indexOf(name)];
        expect(at('local_authority_code')).toBe(row.localAuthorityCode);
        // The same figure, or `c` exactly where GraphQL says suppressed.
        expect(at('registered')).toBe(row.registered === null ? 'c' : String(row.registered));
        expect(at('dismissed')).toBe(
          row['dismissed'] === null ? 'c' : String(row['dismissed'] as number),
        );
        expect(at('suppressed_fields')).toBe(row.suppressedFields.join(';'));
      }
      const medway = lines.find((l) => l.startsWith('LOCAL_AUTHORITY,887,'))!;
      // Success rate not applicable (nothing decided): empty, not `c`.
      expect(medway.split(',')[header.indexOf('success_rate')]).toBe('');
    });

    it('validates parameters and scope like GraphQL', async () => {
      const bad = await csv('appeal-outcome-statistics.csv?groupBy=COUNTY', policy);
      expect(bad.status).toBe(400);
      expect(
        ((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
          .code,
      ).toBe('BAD_USER_INPUT');
      expect((await csv('appeal-outcome-statistics.csv?colour=red', policy)).status).toBe(400);
      expect(
        (
          await csv(
            'appeal-outcome-statistics.csv?academicYears=2024/25&calendarYears=2024',
            policy,
          )
        ).status,
      ).toBe(400);
      expect((await csv('order-compliance.csv?scope=VISIBLE_CASES', policy)).status).toBe(403);
    });

    it('exports order compliance and breach patterns with CSV escaping', async () => {
      const orders = await csv(
        'order-compliance.csv?groupBy=LOCAL_AUTHORITY&scope=VISIBLE_CASES',
        families[0],
      );
      expect(orders.status).toBe(200);
      const orderLines = (await orders.text()).split('\r\n');
      expect(orderLines[0]).toBe(
        'area_level,local_authority_code,local_authority_name,region_code,region_name,academic_year,calendar_year,as_of,orders_made,complied_on_time,complied_late,outstanding,overdue,total_days_late,average_days_late,max_days_late,suppressed_fields',
      );
      expect(orderLines[1]).toBe(
        'LOCAL_AUTHORITY,886,Kent,E12000008,South East,,,2025-06-10,1,0,1,0,0,7,7,7,',
      );

      const breaches = await csv('breach-patterns.csv?dutyHolderKinds=SCHOOL&years=2025', policy);
      expect(breaches.status).toBe(200);
      const text = await breaches.text();
      // A comma and quotes in a name are quoted; a name a spreadsheet would run as a formula is neutralised.
      expect(text).toContain('"Oak, ""The"" Academy"');
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      // Policy users: one case per school, so every count is `c`, and no case id anywhere.
      const schoolLine = text.split('\r\n').find((l) => l.includes('Oak'))!;
      expect(schoolLine).toContain(',c,c,');
      for (const id of kentCases) expect(text).not.toContain(id);
    });
  });
});
