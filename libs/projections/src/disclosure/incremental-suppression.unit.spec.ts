import type { AppealOutcome, AppealType, DecisionExtent } from '@app/domain';
import {
  appealStatisticsRows,
  buildAppealStatistics,
  buildAppealStatisticsInSteps,
  type AppealStatisticsTables,
} from '../statistics/appeal-statistics.query';
import {
  normaliseStatisticsRequest,
  type StatisticsDimension,
} from '../statistics/statistics-request';
import { APPEAL_MEASURES, caseCounts, type AppealCount } from '../statistics/statistics.evolve';
import { foldStatsCases } from '../statistics/statistics.projection';
import { History, TEST_REGIONS, testRegionOf } from '../statistics/statistics.spec-helper';
import { buildTable, publishTableInSteps } from './cube';
import { appealTypeDimension, geographyDimension, periodDimension, typeNode } from './dimensions';
import { certify, suppressTable, suppressTableInSteps } from './suppression';

/**
 * The national statistics of a running service are computed in slices and incrementally (a measure whose counts did
 * not change keeps its table). Both must give exactly what one computation from scratch gives: the same cells, the
 * same suppressed cells, the same rows.
 */

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const LAS = Object.keys(TEST_REGIONS).sort();
const TYPES: AppealType[] = ['CONTENTS_F', 'REFUSAL_TO_ASSESS', 'PLACEMENT_I'];
const DATES = ['2022-03-10', '2022-10-10', '2023-02-10', '2023-09-10', '2024-01-10'];
const ENDS: [AppealOutcome, DecisionExtent | null][] = [
  ['WITHDRAWN', null],
  ['CONCEDED', null],
  ['DECIDED_IN_FAVOUR', 'IN_FULL'],
  ['DECIDED_IN_FAVOUR', 'IN_PART'],
  ['DISMISSED', null],
];

/** Appeals in every LA, half-year and type, mostly few (many primaries), some ended with an outcome. */
const dataset = (seed: number, history = new History(), prefix = 's'): History => {
  const random = rng(seed);
  let n = 0;
  for (const la of LAS)
    for (const date of DATES)
      for (const type of TYPES) {
        const count = random() < 0.3 ? 0 : random() < 0.6 ? 1 + Math.floor(random() * 4) : 6;
        for (let i = 0; i < count; i++, n++) {
          const id = `${prefix}${seed}-${n}`;
          history.open(id, la).lodge(id, `${id}-a`, [type], date);
          const end = random() < 0.5 ? ENDS[Math.floor(random() * ENDS.length)] : undefined;
          if (end) history.outcome(id, `${id}-a`, end[0], '2024-06-03', end[1]);
        }
      }
  return history;
};

const countsOf = (history: History): AppealCount[] =>
  [...foldStatsCases(new Map(), history.events).values()].flatMap((c) => [
    ...caseCounts(c).values(),
  ]);

/** Every cell of every measure, as text, with its value or `c` when suppressed. */
const published = (data: AppealStatisticsTables): Record<string, string[]> =>
  Object.fromEntries(
    APPEAL_MEASURES.map((m) => {
      const { table, suppressed } = data.tables[m];
      const cells = new Set([...table.cells.keys(), ...suppressed]);
      return [
        m,
        [...cells]
          .map((id) => `${table.keyOf(id)}=${suppressed.has(id) ? 'c' : table.value(id)}`)
          .sort(),
      ];
    }),
  );

const GROUPINGS: StatisticsDimension[][] = [
  [],
  ['LOCAL_AUTHORITY'],
  ['REGION', 'ACADEMIC_YEAR'],
  ['LOCAL_AUTHORITY', 'CALENDAR_YEAR', 'APPEAL_TYPE'],
];
const rowsOf = (data: AppealStatisticsTables) =>
  GROUPINGS.map((groupBy) =>
    appealStatisticsRows(data, normaliseStatisticsRequest(groupBy, {}, { appealTypes: true })),
  );

const immediately = (): Promise<void> => Promise.resolve();

describe('suppression in slices', () => {
  it.each([31, 32, 33])(
    'seed %i: pausing after every box gives the same boxes as one run',
    async (seed) => {
      const counts = countsOf(dataset(seed)).filter((c) => c.measure === 'registered');
      const geo = geographyDimension(
        counts.map((c) => c.localAuthorityCode),
        testRegionOf,
      );
      const period = periodDimension(counts.map((c) => c.halfYear));
      const types = appealTypeDimension(TYPES);
      const table = () =>
        buildTable(
          [geo, period, types],
          counts.map((c) => ({
            nodes: [
              geo.nodesOf(c.localAuthorityCode),
              period.nodesOf(c.halfYear),
              c.appealType === '*' ? ['*'] : [typeNode(c.appealType)],
            ],
            leaves: c.appealType === '*' ? null : [c.localAuthorityCode, c.halfYear, c.appealType],
            count: c.count,
          })),
        );
      const once = suppressTable(table(), 5);
      let pauses = 0;
      const sliced = table();
      const inSteps = await suppressTableInSteps(
        sliced,
        5,
        () => {
          pauses++;
          return immediately();
        },
        0,
      );
      expect(pauses).toBeGreaterThan(5);
      expect([...inSteps.suppressed]).toEqual([...once.suppressed]);
      expect(inSteps.boxes).toEqual(once.boxes);
      expect(certify(sliced, inSteps, 5)).toEqual([]);
      const publishedInSteps = await publishTableInSteps(table(), 5, immediately, 0);
      expect([...publishedInSteps.suppressed]).toEqual([...once.suppressed]);
    },
  );
});

describe('national tables built in steps and incrementally', () => {
  it.each([41, 42, 43])(
    'seed %i: the stepped build equals the build from scratch',
    async (seed) => {
      const counts = countsOf(dataset(seed));
      const scratch = buildAppealStatistics(counts, testRegionOf, 5);
      const stepped = await buildAppealStatisticsInSteps(counts, testRegionOf, 5);
      expect(published(stepped)).toEqual(published(scratch));
      expect(rowsOf(stepped)).toEqual(rowsOf(scratch));
    },
  );

  it('after a new appeal, suppresses again only what it changed, and equals a build from scratch', async () => {
    const before = dataset(51);
    const first = await buildAppealStatisticsInSteps(countsOf(before), testRegionOf, 5);
    // One more appeal lodged in Kent: only `registered` changes.
    const after = before
      .open('late-1', '886')
      .lodge('late-1', 'late-1-a', ['CONTENTS_F'], '2024-01-15');
    const counts = countsOf(after);
    const next = await buildAppealStatisticsInSteps(counts, testRegionOf, 5, first);

    for (const m of APPEAL_MEASURES)
      if (m === 'registered') expect(next.tables[m]).not.toBe(first.tables[m]);
      else expect(next.tables[m]).toBe(first.tables[m]);
    const scratch = buildAppealStatistics(counts, testRegionOf, 5);
    expect(published(next)).toEqual(published(scratch));
    expect(rowsOf(next)).toEqual(rowsOf(scratch));
    expect(published(next).registered).not.toEqual(published(first).registered);

    // The outcome of that appeal changes the measure it ends in, and nothing else.
    const decided = after.outcome('late-1', 'late-1-a', 'DISMISSED', '2024-06-03', null);
    const third = await buildAppealStatisticsInSteps(countsOf(decided), testRegionOf, 5, next);
    for (const m of APPEAL_MEASURES)
      if (m === 'dismissed') expect(third.tables[m]).not.toBe(next.tables[m]);
      else expect(third.tables[m]).toBe(next.tables[m]);
    expect(published(third)).toEqual(
      published(buildAppealStatistics(countsOf(decided), testRegionOf, 5)),
    );
  });

  it('recomputes every measure when the dimensions change (a new LA, half-year or type) or the threshold does', async () => {
    const before = dataset(52);
    const first = await buildAppealStatisticsInSteps(countsOf(before), testRegionOf, 5);
    // No appeal was lodged in the first half of 2025 before: a new leaf of the period dimension.
    const withNewHalf = before
      .open('new-1', '886')
      .lodge('new-1', 'new-1-a', ['CONTENTS_F'], '2025-02-01');
    const counts = countsOf(withNewHalf);
    const next = await buildAppealStatisticsInSteps(counts, testRegionOf, 5, first);
    for (const m of APPEAL_MEASURES) expect(next.tables[m]).not.toBe(first.tables[m]);
    expect(published(next)).toEqual(published(buildAppealStatistics(counts, testRegionOf, 5)));

    const stricter = await buildAppealStatisticsInSteps(counts, testRegionOf, 10, next);
    for (const m of APPEAL_MEASURES) expect(stricter.tables[m]).not.toBe(next.tables[m]);
    expect(published(stricter)).toEqual(published(buildAppealStatistics(counts, testRegionOf, 10)));
  });

  it('reuses every table when nothing changed', async () => {
    const counts = countsOf(dataset(53));
    const first = await buildAppealStatisticsInSteps(counts, testRegionOf, 5);
    const again = await buildAppealStatisticsInSteps([...counts], testRegionOf, 5, first);
    for (const m of APPEAL_MEASURES) expect(again.tables[m]).toBe(first.tables[m]);
  });

  it('does not reuse a table when the same counts come in another order (the order numbers the cells)', async () => {
    const counts = countsOf(dataset(54));
    const first = await buildAppealStatisticsInSteps(counts, testRegionOf, 5);
    const reversed = await buildAppealStatisticsInSteps(
      [...counts].reverse(),
      testRegionOf,
      5,
      first,
    );
    for (const m of APPEAL_MEASURES)
      if (counts.filter((c) => c.measure === m).length > 1)
        expect(reversed.tables[m]).not.toBe(first.tables[m]);
    expect(published(reversed)).toEqual(
      published(buildAppealStatistics([...counts].reverse(), testRegionOf, 5)),
    );
  });
});
