import {
  appealStatisticsRows,
  buildAppealStatistics,
  type AppealStatisticsRow,
} from './appeal-statistics.query';
import {
  buildOrderCompliance,
  orderComplianceRows,
  type OrderRecord,
} from './order-compliance.query';
import { normaliseStatisticsRequest, type StatisticsDimension } from './statistics-request';
import { caseCounts, type AppealCount, type StatsCase } from './statistics.evolve';
import { counterChanges, foldStatsCases } from './statistics.projection';
import { History, knownYear, testRegionOf } from './statistics.spec-helper';

const fold = (history: History): Map<string, StatsCase> =>
  foldStatsCases(new Map(), history.events);
const countsOf = (cases: ReadonlyMap<string, StatsCase>): AppealCount[] =>
  [...cases.values()].flatMap((c) => [...caseCounts(c).values()]);
const request = (
  groupBy: StatisticsDimension[],
  filter: Parameters<typeof normaliseStatisticsRequest>[1] = {},
) => normaliseStatisticsRequest(groupBy, filter, { appealTypes: true });

describe('appeal statistics read model: Given events → Then rows', () => {
  const history = new History()
    .open('c1', '886')
    .lodge('c1', 'a1', ['CONTENTS_F', 'PLACEMENT_I'], '2023-08-20')
    .register('c1', 'a1', '2023-09-04')
    .outcome('c1', 'a1', 'DECIDED_IN_FAVOUR', '2024-02-01', 'IN_PART')
    .order('c1', 'a1', 'o1', 'AMEND_B_F', '2024-02-01')
    .order('c1', 'a1', 'o2', 'NAME_SCHOOL', '2024-02-01')
    .comply('c1', 'o1', '2024-03-14', '2024-03-07', 7);

  it('folds a case into one appeal row and its orders, with due dates from the deadline engine', () => {
    const state = fold(history).get('c1');
    expect(state).toEqual({
      caseId: 'c1',
      ownerId: 'owner-c1',
      localAuthorityCode: '886',
      version: 7,
      appeals: [
        {
          appealId: 'a1',
          appealTypes: ['CONTENTS_F', 'PLACEMENT_I'],
          lodgedOn: '2023-08-20',
          registeredOn: '2023-09-04',
          outcome: 'DECIDED_IN_FAVOUR',
          extent: 'IN_PART',
          decidedOn: '2024-02-01',
        },
      ],
      orders: [
        {
          orderId: 'o1',
          appealId: 'a1',
          orderType: 'AMEND_B_F',
          basis: 'TRIBUNAL_ORDER',
          madeOn: '2024-02-01',
          dueOn: '2024-03-07',
          compliedOn: '2024-03-14',
          daysLate: 7,
        },
        {
          orderId: 'o2',
          appealId: 'a1',
          orderType: 'NAME_SCHOOL',
          basis: 'TRIBUNAL_ORDER',
          madeOn: '2024-02-01',
          // reg 44(2)(e)… Section I only: 2 weeks from the order.
          dueOn: '2024-02-15',
          compliedOn: null,
          daysLate: null,
        },
      ],
    });
  });

  it('counts the appeal once under all types and once per type, in the period of each date', () => {
    const counts = [...caseCounts(fold(history).get('c1') ?? null).values()];
    expect(
      counts.map((c) => `${c.measure} ${c.halfYear} ${c.appealType} ${c.count}`).sort(),
    ).toEqual([
      'decidedInFavourInPart 2024-1 * 1',
      'decidedInFavourInPart 2024-1 CONTENTS_F 1',
      'decidedInFavourInPart 2024-1 PLACEMENT_I 1',
      // Registered 4 September 2023 (lodged in August): academic year 2023/24.
      'registered 2023-2 * 1',
      'registered 2023-2 CONTENTS_F 1',
      'registered 2023-2 PLACEMENT_I 1',
    ]);
  });

  it('moves the counters by exactly the difference a batch makes, and not at all when a batch is replayed', () => {
    const first = new History().open('c1', '886').lodge('c1', 'a1', ['CONTENTS_F'], '2023-08-20');
    const before = foldStatsCases(new Map(), first.events);
    expect(counterChanges(new Map(), before).map((c) => `${c.halfYear} ${c.count}`)).toEqual([
      '2023-1 1',
      '2023-1 1',
    ]);
    const more = first.register('c1', 'a1', '2023-09-04');
    const after = foldStatsCases(before, more.events);
    // Registration moves the appeal from the lodging date's period to the registration date's period.
    expect(
      counterChanges(before, after)
        .map((c) => `${c.measure} ${c.halfYear} ${c.appealType} ${c.count}`)
        .sort(),
    ).toEqual([
      'registered 2023-1 * -1',
      'registered 2023-1 CONTENTS_F -1',
      'registered 2023-2 * 1',
      'registered 2023-2 CONTENTS_F 1',
    ]);
    const replayed = foldStatsCases(after, more.events);
    expect(replayed.size).toBe(0);
    expect(counterChanges(after, replayed)).toEqual([]);
  });
});

/** The known year: five LAs in two regions, academic year 2023/24. */
const PLAN = {
  // Kent: 20 registered; 3 withdrawn, 4 conceded, 2 consent orders, 1 struck out, 6 + 2 in favour, 2 dismissed.
  '886': { registered: 20, outcomes: { W: 3, C: 4, CO: 2, SO: 1, F: 6, P: 2, D: 2 } },
  // Medway: nothing decided by the tribunal — successRate null, not 0.
  '887': { registered: 8, outcomes: { W: 5, C: 3 } },
  // East Sussex: under the threshold.
  '845': { registered: 3, outcomes: { F: 2, D: 1 } },
  '202': { registered: 12, outcomes: { F: 7, P: 3, D: 2 } },
  '203': { registered: 9, outcomes: { W: 2, F: 5, D: 2 } },
};

const measures = (row: AppealStatisticsRow | undefined) =>
  row && {
    registered: row.registered,
    withdrawn: row.withdrawn,
    conceded: row.conceded,
    consentOrders: row.consentOrders,
    struckOut: row.struckOut,
    decided: row.decided,
    decidedInFavour: row.decidedInFavour,
    decidedInFavourInFull: row.decidedInFavourInFull,
    decidedInFavourInPart: row.decidedInFavourInPart,
    dismissed: row.dismissed,
    successRate: row.successRate,
  };

describe('a known academic year of outcomes', () => {
  const counts = countsOf(fold(knownYear(PLAN)));
  const exact = buildAppealStatistics(counts, testRegionOf, null);
  const policy = buildAppealStatistics(counts, testRegionOf, 5);
  const byLa = request(['LOCAL_AUTHORITY', 'ACADEMIC_YEAR'], { academicYears: ['2023/24'] });
  const rowOf = (rows: AppealStatisticsRow[], la: string) =>
    rows.find((r) => r.localAuthorityCode === la);

  it('gives every measure and the success rate exactly (exact view)', () => {
    const rows = appealStatisticsRows(exact, byLa);
    expect(rows.map((r) => [r.localAuthorityCode, r.regionCode, r.academicYear])).toEqual([
      ['202', 'E12000007', 2023],
      ['203', 'E12000007', 2023],
      ['845', 'E12000008', 2023],
      ['886', 'E12000008', 2023],
      ['887', 'E12000008', 2023],
    ]);
    expect(measures(rowOf(rows, '886'))).toEqual({
      registered: 20,
      withdrawn: 3,
      conceded: 4,
      consentOrders: 2,
      struckOut: 1,
      decided: 10,
      decidedInFavour: 8,
      decidedInFavourInFull: 6,
      decidedInFavourInPart: 2,
      dismissed: 2,
      successRate: 0.8,
    });
    expect(measures(rowOf(rows, '887'))).toEqual({
      registered: 8,
      withdrawn: 5,
      conceded: 3,
      consentOrders: 0,
      struckOut: 0,
      decided: 0,
      decidedInFavour: 0,
      decidedInFavourInFull: 0,
      decidedInFavourInPart: 0,
      dismissed: 0,
      successRate: null,
    });
    expect(measures(rowOf(rows, '845'))).toMatchObject({
      registered: 3,
      decided: 3,
      decidedInFavour: 2,
      successRate: 2 / 3,
    });
    expect(measures(rowOf(rows, '202'))).toMatchObject({ decided: 12, successRate: 10 / 12 });
    expect(rows.every((r) => r.suppressedFields.length === 0)).toBe(true);
    const england = appealStatisticsRows(exact, request([], { academicYears: ['2023/24'] }));
    expect(measures(england[0])).toEqual({
      registered: 52,
      withdrawn: 10,
      conceded: 7,
      consentOrders: 2,
      struckOut: 1,
      decided: 32,
      decidedInFavour: 25,
      decidedInFavourInFull: 20,
      decidedInFavourInPart: 5,
      dismissed: 7,
      successRate: 25 / 32,
    });
  });

  it('suppresses small counts for policy users, never a true zero, with secondary suppression', () => {
    const rows = appealStatisticsRows(policy, byLa);
    const eastSussex = rowOf(rows, '845');
    expect(eastSussex?.registered).toBeNull();
    expect(eastSussex?.suppressedFields).toEqual(
      expect.arrayContaining(['registered', 'decided', 'successRate']),
    );
    expect(eastSussex?.successRate).toBeNull();
    // Medway decided nothing: the zeros are published as zeros, and its success rate is null without suppression.
    const medway = rowOf(rows, '887');
    expect(medway).toMatchObject({ decided: 0, dismissed: 0, successRate: null });
    expect(medway?.suppressedFields).not.toContain('successRate');
    // Kent's 3 withdrawn is hidden, and a partner in the South East with it: the region total minus the published
    // South East authorities never gives the 3 back.
    expect(rowOf(rows, '886')?.withdrawn).toBeNull();
    const regionWithdrawn = appealStatisticsRows(
      policy,
      request(['REGION', 'ACADEMIC_YEAR'], {
        academicYears: ['2023/24'],
        regionCodes: ['E12000008'],
      }),
    )[0]?.withdrawn;
    const southEast = rows.filter((r) => r.regionCode === 'E12000008');
    if (regionWithdrawn != null) {
      expect(southEast.filter((r) => r.withdrawn === null).length).toBeGreaterThanOrEqual(2);
      const known = southEast.reduce((sum, r) => sum + (r.withdrawn ?? 0), 0);
      expect(regionWithdrawn - known).not.toBe(3);
    }
    // Kent's 20 registered is published, its 2 dismissed is not (and so neither is its success rate).
    expect(rowOf(rows, '886')).toMatchObject({
      registered: 20,
      dismissed: null,
      successRate: null,
    });
    // Secondary: East Sussex's 3 cannot be had from the South East total minus the other LAs.
    const region = appealStatisticsRows(
      policy,
      request(['REGION', 'ACADEMIC_YEAR'], {
        academicYears: ['2023/24'],
        regionCodes: ['E12000008'],
      }),
    )[0];
    const published = rows.filter((r) => r.regionCode === 'E12000008' && r.registered !== null);
    if (region?.registered !== null && region?.registered !== undefined) {
      expect(published.length).toBeLessThanOrEqual(1);
      expect(region.registered - published.reduce((s, r) => s + (r.registered ?? 0), 0)).not.toBe(
        3,
      );
    }
    // Every number that is published equals the exact one.
    const exactRows = appealStatisticsRows(exact, byLa);
    for (const row of rows) {
      const truth = exactRows.find((r) => r.localAuthorityCode === row.localAuthorityCode);
      for (const [field, value] of Object.entries(measures(row) ?? {})) {
        if (value !== null) expect(value).toBe(measures(truth)?.[field as keyof typeof truth]);
      }
    }
  });

  it('answers the same cell the same way whatever the filter (consistency)', () => {
    const all = appealStatisticsRows(policy, byLa);
    for (const la of Object.keys(PLAN)) {
      const alone = appealStatisticsRows(
        policy,
        request(['LOCAL_AUTHORITY', 'ACADEMIC_YEAR'], {
          academicYears: ['2023/24'],
          localAuthorityCodes: [la],
        }),
      );
      expect(alone).toEqual([rowOf(all, la)]);
    }
  });

  it('resists differencing: a filtered England total never gives a suppressed LA away', () => {
    const total = (codes: string[]) =>
      appealStatisticsRows(
        policy,
        request([], { academicYears: ['2023/24'], localAuthorityCodes: codes }),
      )[0]?.registered ?? null;
    const withEastSussex = total(['886', '845']);
    const without = total(['886']);
    expect(without).toBe(20);
    // Kent + East Sussex is a sum over a suppressed cell, so it is suppressed too.
    expect(withEastSussex).toBeNull();
    // The whole of England minus every published LA leaves at least two hidden LAs, or England is hidden.
    const england = total(Object.keys(PLAN));
    const rows = appealStatisticsRows(policy, byLa);
    const hidden = rows.filter((r) => r.registered === null);
    if (england !== null) expect(hidden.length).not.toBe(1);
  });

  it('counts an appeal with several types once, and once per type only when grouped by type', () => {
    const multi = new History()
      .open('m1', '886')
      .lodge('m1', 'ma', ['CONTENTS_F', 'PLACEMENT_I'], '2024-01-10');
    const data = buildAppealStatistics(countsOf(fold(multi)), testRegionOf, null);
    expect(appealStatisticsRows(data, request([]))[0]?.registered).toBe(1);
    expect(
      appealStatisticsRows(data, request(['APPEAL_TYPE'])).map((r) => [r.appealType, r.registered]),
    ).toEqual([
      ['CONTENTS_F', 1],
      ['PLACEMENT_I', 1],
    ]);
    expect(
      appealStatisticsRows(data, request([], { appealTypes: ['PLACEMENT_I'] }))[0]?.registered,
    ).toBe(1);
  });

  it('puts 31 August in the old academic year and 1 September in the new one', () => {
    const edges = new History()
      .open('e1', '886')
      .lodge('e1', 'x1', ['CONTENTS_F'], '2024-08-31')
      .open('e2', '886')
      .lodge('e2', 'x2', ['CONTENTS_F'], '2024-09-01');
    const data = buildAppealStatistics(countsOf(fold(edges)), testRegionOf, null);
    expect(
      appealStatisticsRows(data, request(['ACADEMIC_YEAR'])).map((r) => [
        r.academicYear,
        r.registered,
      ]),
    ).toEqual([
      [2023, 1],
      [2024, 1],
    ]);
    expect(
      appealStatisticsRows(data, request(['CALENDAR_YEAR'])).map((r) => [
        r.calendarYear,
        r.registered,
      ]),
    ).toEqual([[2024, 2]]);
  });

  it('refuses requests that would not be sums of published cells', () => {
    expect(() => request(['ACADEMIC_YEAR', 'CALENDAR_YEAR'])).toThrow(/not both/);
    expect(() => request([], { academicYears: ['2023/24'], calendarYears: [2024] })).toThrow(
      /overlap/,
    );
    expect(() => request([], { appealTypes: ['CONTENTS_F', 'PLACEMENT_I'] })).toThrow(
      /group by APPEAL_TYPE/,
    );
    expect(() => request([], { academicYears: ['2023/25'] })).toThrow(/not an academic year/);
    expect(() => request(['ENGLAND', 'LOCAL_AUTHORITY'])).toThrow(/ENGLAND/);
  });
});

describe('order compliance', () => {
  const orders: OrderRecord[] = [
    ...Array.from({ length: 6 }, (_, i) => ({
      orderId: `on-time-${i}`,
      caseId: `c${i}`,
      localAuthorityCode: '886',
      madeOn: '2024-02-01',
      dueOn: '2024-03-07',
      compliedOn: '2024-03-01',
      daysLate: 0,
    })),
    ...[3, 10, 20, 5, 12].map((daysLate, i) => ({
      orderId: `late-${i}`,
      caseId: `l${i}`,
      localAuthorityCode: '886',
      madeOn: '2024-03-01',
      dueOn: '2024-04-05',
      compliedOn: '2024-05-01',
      daysLate,
    })),
    // Outstanding: two overdue on 2024-06-01, one not yet due, one without any due date.
    {
      orderId: 'o1',
      caseId: 'x1',
      localAuthorityCode: '886',
      madeOn: '2024-04-01',
      dueOn: '2024-05-06',
      compliedOn: null,
      daysLate: null,
    },
    {
      orderId: 'o2',
      caseId: 'x2',
      localAuthorityCode: '886',
      madeOn: '2024-04-01',
      dueOn: '2024-05-31',
      compliedOn: null,
      daysLate: null,
    },
    {
      orderId: 'o3',
      caseId: 'x3',
      localAuthorityCode: '886',
      madeOn: '2024-05-20',
      dueOn: '2024-06-01',
      compliedOn: null,
      daysLate: null,
    },
    {
      orderId: 'o4',
      caseId: 'x4',
      localAuthorityCode: '886',
      madeOn: '2024-05-20',
      dueOn: null,
      compliedOn: null,
      daysLate: null,
    },
    {
      orderId: 'm1',
      caseId: 'y1',
      localAuthorityCode: '887',
      madeOn: '2024-05-20',
      dueOn: '2024-05-21',
      compliedOn: null,
      daysLate: null,
    },
  ];
  const rows = (threshold: number | null, groupBy: StatisticsDimension[]) =>
    orderComplianceRows(
      buildOrderCompliance(orders, '2024-06-01', testRegionOf, threshold),
      normaliseStatisticsRequest(groupBy, {}, { appealTypes: false }),
    );

  it('counts orders made, on time, late (with days late), outstanding and overdue as of today', () => {
    expect(rows(null, ['LOCAL_AUTHORITY', 'CALENDAR_YEAR'])).toEqual([
      expect.objectContaining({
        localAuthorityCode: '886',
        calendarYear: 2024,
        ordersMade: 15,
        compliedOnTime: 6,
        compliedLate: 5,
        outstanding: 4,
        overdue: 2,
        totalDaysLate: 50,
        averageDaysLate: 10,
        maxDaysLate: 20,
        suppressedFields: [],
      }),
      expect.objectContaining({
        localAuthorityCode: '887',
        ordersMade: 1,
        outstanding: 1,
        overdue: 1,
        compliedLate: 0,
        averageDaysLate: null,
        maxDaysLate: null,
      }),
    ]);
  });

  it('suppresses small counts for policy users and keeps days late only where the late count is shown', () => {
    const [kent, medway] = rows(5, ['LOCAL_AUTHORITY']);
    expect(kent).toMatchObject({ compliedOnTime: 6, compliedLate: 5, averageDaysLate: 10 });
    expect(kent?.overdue).toBeNull();
    expect(kent?.ordersMade).toBeNull();
    expect(medway?.overdue).toBeNull();
    expect(medway?.suppressedFields).toEqual(expect.arrayContaining(['overdue', 'ordersMade']));
  });
});
