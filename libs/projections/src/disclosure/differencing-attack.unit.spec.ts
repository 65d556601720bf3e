import type { AppealType } from '@app/domain';
import {
  appealStatisticsRows,
  buildAppealStatistics,
  type AppealStatisticsRow,
  type AppealStatisticsTables,
} from '../statistics/appeal-statistics.query';
import {
  normaliseStatisticsRequest,
  type StatisticsDimension,
  type StatisticsFilter,
} from '../statistics/statistics-request';
import { caseCounts } from '../statistics/statistics.evolve';
import { foldStatsCases } from '../statistics/statistics.projection';
import { History, TEST_REGIONS, testRegionOf } from '../statistics/statistics.spec-helper';
import { academicYearOf, halfYearOf } from './periods';
import { isPrimary } from './suppression';

/**
 * The attacker: asks EVERY query the API allows on a small dataset (every grouping, every filter on one or two
 * LAs, a region, a year, a type), writes each published count as a linear equation over the underlying counts
 * (LA × half-year × appeal type), and checks with exact linear algebra whether any suppressed count follows from
 * them. Appeals here have one type each, so "all types" really is the sum of the types: the attacker's model is
 * exact, the strongest case for it.
 */

const P = 1_000_003;
const mod = (a: number): number => ((a % P) + P) % P;
const power = (base: number, exp: number): number => {
  let result = 1;
  let b = mod(base);
  let e = exp;
  while (e > 0) {
    if (e & 1) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1;
  }
  return result;
};
const inverse = (a: number): number => power(a, P - 2);

/** A row-echelon basis over GF(P): `reduce` says whether a vector is a combination of what was added. */
class Span {
  private readonly rows = new Map<number, number[]>();
  reduce(vector: readonly number[]): number[] {
    const v = vector.map(mod);
    for (let i = 0; i < v.length; i++) {
      if (v[i] === 0) continue;
      const row = this.rows.get(i);
      if (!row) continue;
      const factor = v[i] as number;
      for (let j = i; j < v.length; j++) v[j] = mod((v[j] as number) - factor * (row[j] as number));
    }
    return v;
  }
  add(vector: readonly number[]): void {
    const v = this.reduce(vector);
    const pivot = v.findIndex((x) => x !== 0);
    if (pivot < 0) return;
    const scale = inverse(v[pivot] as number);
    const row = v.map((x) => (x * scale) % P);
    // Keep the basis fully reduced so `reduce` works in one pass.
    for (const [i, other] of this.rows) {
      const factor = other[pivot] as number;
      if (factor !== 0)
        this.rows.set(
          i,
          other.map((x, j) => mod(x - factor * (row[j] as number))),
        );
    }
    this.rows.set(pivot, row);
  }
  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => x === 0);
  }
}

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const LAS = Object.keys(TEST_REGIONS).sort();
const TYPES: AppealType[] = ['CONTENTS_F', 'REFUSAL_TO_ASSESS'];
const DATES = ['2022-03-10', '2022-10-10', '2023-02-10', '2023-09-10', '2024-01-10', '2024-10-10'];
const HALVES = [...new Set(DATES.map(halfYearOf))].sort();

const dataset = (seed: number): History => {
  const random = rng(seed);
  const history = new History();
  let n = 0;
  for (const la of LAS) {
    for (const date of DATES) {
      for (const type of TYPES) {
        // Mostly small counts, some large: many primaries, and published totals around them.
        const count =
          random() < 0.35
            ? 0
            : random() < 0.6
              ? 1 + Math.floor(random() * 4)
              : 5 + Math.floor(random() * 10);
        for (let i = 0; i < count; i++, n++) {
          history.open(`k${n}`, la).lodge(`k${n}`, `ap${n}`, [type], date);
        }
      }
    }
  }
  return history;
};

/** Underlying unknowns: LA × half-year × type. */
const UNKNOWNS = LAS.flatMap((la) => HALVES.flatMap((h) => TYPES.map((t) => `${la}|${h}|${t}`)));
const INDEX = new Map(UNKNOWNS.map((u, i) => [u, i]));

const halvesOfRow = (row: AppealStatisticsRow, filter: StatisticsFilter): string[] => {
  const inAcademic = (years: number[]) =>
    HALVES.filter((h) =>
      years.includes(academicYearOf(`${h.slice(0, 4)}-${h.endsWith('2') ? '09' : '01'}-01`)),
    );
  const inCalendar = (years: number[]) =>
    HALVES.filter((h) => years.includes(Number(h.slice(0, 4))));
  if (row.academicYear !== null) return inAcademic([row.academicYear]);
  if (row.calendarYear !== null) return inCalendar([row.calendarYear]);
  if (filter.academicYears)
    return inAcademic(filter.academicYears.map((y) => Number(y.slice(0, 4))));
  if (filter.calendarYears) return inCalendar([...filter.calendarYears]);
  return HALVES;
};

/** The published count of a row as a 0/1 combination of the unknowns. */
const vectorOf = (row: AppealStatisticsRow, filter: StatisticsFilter): number[] => {
  const las = LAS.filter(
    (la) =>
      (row.localAuthorityCode === null || row.localAuthorityCode === la) &&
      (row.regionCode === null || testRegionOf(la) === row.regionCode) &&
      (!filter.localAuthorityCodes || filter.localAuthorityCodes.includes(la)) &&
      (!filter.regionCodes || filter.regionCodes.includes(testRegionOf(la) ?? '')),
  );
  const types = TYPES.filter(
    (t) =>
      (row.appealType === null || row.appealType === t) &&
      (!filter.appealTypes || filter.appealTypes.includes(t)),
  );
  const vector = UNKNOWNS.map(() => 0);
  for (const la of las)
    for (const h of halvesOfRow(row, filter))
      for (const t of types) vector[INDEX.get(`${la}|${h}|${t}`) ?? -1] = 1;
  return vector;
};

const GROUPINGS: StatisticsDimension[][] = [];
for (const geo of [[], ['LOCAL_AUTHORITY'], ['REGION']] as StatisticsDimension[][])
  for (const time of [[], ['ACADEMIC_YEAR'], ['CALENDAR_YEAR']] as StatisticsDimension[][])
    for (const type of [[], ['APPEAL_TYPE']] as StatisticsDimension[][])
      GROUPINGS.push([...geo, ...time, ...type]);

const FILTERS: StatisticsFilter[] = [
  {},
  ...LAS.map((la) => ({ localAuthorityCodes: [la] })),
  ...LAS.flatMap((a, i) => LAS.slice(i + 1).map((b) => ({ localAuthorityCodes: [a, b] }))),
  ...[...new Set(Object.values(TEST_REGIONS))].map((r) => ({ regionCodes: [r] })),
  ...['2021/22', '2022/23', '2023/24', '2024/25'].map((y) => ({ academicYears: [y] })),
  { academicYears: ['2022/23', '2023/24'] },
  ...[2022, 2023, 2024].map((y) => ({ calendarYears: [y] })),
  { calendarYears: [2022, 2023] },
  ...TYPES.map((t) => ({ appealTypes: [t] })),
];

/** Runs every query against `tables`; returns the published count and the suppressed cells it recovers. */
const attack = (
  tables: AppealStatisticsTables,
): { published: number; hidden: number; recovered: string[] } => {
  const span = new Span();
  const hidden: { vector: number[]; label: string }[] = [];
  let published = 0;
  for (const groupBy of GROUPINGS) {
    for (const filter of FILTERS) {
      let request;
      try {
        request = normaliseStatisticsRequest(groupBy, filter, { appealTypes: true });
      } catch {
        continue; // a combination the API refuses
      }
      for (const row of appealStatisticsRows(tables, request)) {
        const vector = vectorOf(row, filter);
        if (row.registered === null) {
          // Targets: every canonical cell (the unfiltered tables at every level). A filtered sum that is
          // suppressed may add up two hidden cells whose total is known; that is not a disclosure.
          if (Object.keys(filter).length === 0)
            hidden.push({ vector, label: `${groupBy.join('+')} ${JSON.stringify(row)}` });
        } else {
          span.add(vector);
          published++;
        }
      }
    }
  }
  return {
    published,
    hidden: hidden.length,
    recovered: hidden.filter((h) => span.contains(h.vector)).map((h) => h.label),
  };
};

const countsOf = (seed: number) =>
  [...foldStatsCases(new Map(), dataset(seed).events).values()].flatMap((c) => [
    ...caseCounts(c).values(),
  ]);

describe('differencing attack on the published statistics', () => {
  it.each([21, 22, 23])(
    'seed %i: no suppressed count follows from all the published ones',
    (seed) => {
      const result = attack(buildAppealStatistics(countsOf(seed), testRegionOf, 5));
      expect(result.published).toBeGreaterThan(100);
      expect(result.hidden).toBeGreaterThan(0);
      expect(result.recovered).toEqual([]);
    },
  );

  it('the attacker is not toothless: with primary suppression only, it recovers hidden counts', () => {
    const exact = buildAppealStatistics(countsOf(21), testRegionOf, null);
    const primaryOnly = Object.fromEntries(
      Object.entries(exact.tables).map(([measure, published]) => [
        measure,
        {
          ...published,
          suppressed: new Set(
            [...published.table.cells].filter(([, v]) => isPrimary(v, 5)).map(([k]) => k),
          ),
        },
      ]),
    ) as unknown as AppealStatisticsTables['tables'];
    expect(attack({ ...exact, tables: primaryOnly }).recovered.length).toBeGreaterThan(0);
  });
});
