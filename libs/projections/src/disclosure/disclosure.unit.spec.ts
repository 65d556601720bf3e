import { buildTable, publishTable, selectGroups, type TableEntry } from './cube';
import {
  ALL_TYPES_NODE,
  appealTypeDimension,
  geographyDimension,
  periodDimension,
  typeNode,
} from './dimensions';
import { academicYearLabel, academicYearOf, halfYearOf, parseAcademicYearLabel } from './periods';
import { CELL_SEPARATOR, certify, isPrimary, suppressTable, type CountTable } from './suppression';

const cellKey = (parts: readonly string[]): string => parts.join(CELL_SEPARATOR);
const cellNodes = (key: string): string[] => key.split(CELL_SEPARATOR);

/** A small deterministic PRNG, so failures reproduce. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const REGIONS: Record<string, string> = {
  '201': 'E12000007',
  '202': 'E12000007',
  '203': 'E12000007',
  '301': 'E12000008',
  '302': 'E12000008',
  '303': 'E12000008',
  '304': 'E12000008',
};
const regionOf = (la: string): string | null => REGIONS[la] ?? null;
const HALVES = ['2021-2', '2022-1', '2022-2', '2023-1', '2023-2', '2024-1', '2024-2'];
const TYPES = ['CONTENTS_F', 'REFUSAL_TO_ASSESS', 'PLACEMENT_I'];

/** Base counts: LA × half-year × type → n, for single-type appeals (so "all types" = sum of types). */
type Base = Map<string, number>;

const tableOf = (base: Base): CountTable => {
  const keys: string[][] = [...base.keys()].map(cellNodes);
  const geo = geographyDimension(
    keys.map((k) => k[0] ?? ''),
    regionOf,
  );
  const period = periodDimension(keys.map((k) => k[1] ?? ''));
  const types = appealTypeDimension(keys.map((k) => k[2] ?? ''));
  const entries: TableEntry[] = [];
  for (const [key, count] of base) {
    const [la = '', half = '', type = ''] = cellNodes(key);
    entries.push({
      nodes: [geo.nodesOf(la), period.nodesOf(half), [typeNode(type)]],
      leaves: [la, half, type],
      count,
    });
    entries.push({
      nodes: [geo.nodesOf(la), period.nodesOf(half), [ALL_TYPES_NODE]],
      leaves: null,
      count,
    });
  }
  return buildTable([geo, period, types], entries);
};

const randomBase = (seed: number, density: number, max: number): Base => {
  const random = prng(seed);
  const base: Base = new Map();
  for (const la of Object.keys(REGIONS))
    for (const half of HALVES)
      for (const type of TYPES)
        if (random() < density) base.set(cellKey([la, half, type]), 1 + Math.floor(random() * max));
  return base;
};

describe('periods', () => {
  it('puts 1 September in the new academic year and 31 August in the old one', () => {
    expect(academicYearOf('2023-09-01')).toBe(2023);
    expect(academicYearOf('2024-08-31')).toBe(2023);
    expect(academicYearLabel(2023)).toBe('2023/24');
    expect(academicYearLabel(1999)).toBe('1999/00');
    expect(parseAcademicYearLabel('2023/24')).toBe(2023);
    expect(parseAcademicYearLabel('2023/25')).toBeNull();
    expect(halfYearOf('2023-08-31')).toBe('2023-1');
    expect(halfYearOf('2023-09-01')).toBe('2023-2');
  });
});

describe('suppression (primary + secondary by witness boxes)', () => {
  it.each([
    [1, 0.25, 4],
    [2, 0.5, 6],
    [3, 0.8, 10],
    [4, 0.1, 3],
    [5, 0.6, 30],
    [6, 1, 2],
  ])(
    'seed %i (density %f): every suppressed cell has a witness, no primary is published',
    (seed, density, max) => {
      const table = tableOf(randomBase(seed, density, max));
      const suppression = suppressTable(table, 5);
      expect(certify(table, suppression, 5)).toEqual([]);
      for (const [key, value] of table.cells) {
        if (isPrimary(value, 5)) expect(suppression.suppressed.has(key)).toBe(true);
      }
      // A true zero is hidden only as a secondary cell, where a strict box would reach a coarser total.
      const zeros = [...suppression.suppressed].filter((id) => table.value(id) === 0);
      expect(zeros.length).toBeLessThanOrEqual(suppression.suppressed.size / 3);
    },
  );

  it.each([11, 12, 13, 14])(
    'seed %i: the witness, applied to the underlying data and re-aggregated, changes no published number',
    (seed) => {
      const base = randomBase(seed, 0.4, 6);
      const table = tableOf(base);
      const suppression = suppressTable(table, 5);
      const published = [...table.cells.keys()].filter((id) => !suppression.suppressed.has(id));
      for (const box of suppression.boxes) {
        const changed = new Map(base);
        for (const { id, sign } of box.corners) {
          const corner = table.cornerKeyOf(id);
          changed.set(corner, (changed.get(corner) ?? 0) + sign);
        }
        expect([...changed.values()].every((v) => v >= 0)).toBe(true);
        const other = tableOf(new Map([...changed].filter(([, v]) => v > 0)));
        const valueIn = (t: CountTable, key: string) => {
          const id = t.idOf(key);
          return id === undefined ? 0 : t.value(id);
        };
        for (const id of published) {
          const key = table.keyOf(id);
          expect(valueIn(other, key)).toBe(table.value(id));
        }
        for (const { id } of box.cells) {
          const key = table.keyOf(id);
          expect(valueIn(other, key)).not.toBe(table.value(id));
          expect(valueIn(other, key)).toBeGreaterThanOrEqual(0);
        }
      }
    },
  );

  it('hides a lone small LA inside a published region total, and a second cell with it', () => {
    // Region E12000007: LAs 201 (3 appeals), 202 (40), 203 (50) in calendar year 2023; the region total is 93.
    const base: Base = new Map([
      [cellKey(['201', '2023-1', 'CONTENTS_F']), 3],
      [cellKey(['202', '2023-1', 'CONTENTS_F']), 20],
      [cellKey(['202', '2023-2', 'CONTENTS_F']), 20],
      [cellKey(['203', '2023-1', 'CONTENTS_F']), 25],
      [cellKey(['203', '2023-2', 'CONTENTS_F']), 25],
      [cellKey(['201', '2022-1', 'CONTENTS_F']), 9],
      [cellKey(['202', '2022-1', 'CONTENTS_F']), 9],
    ]);
    const table = tableOf(base);
    const published = publishTable(table, 5);
    const select = (level: string) =>
      selectGroups(published, {
        levels: [level, 'C', '*'],
        accept: [() => true, (n) => n === 'C:2023', () => true],
        group: [(n) => n, (n) => n, (n) => n],
      });
    const regions = select('R');
    const las = select('L');
    const region = regions.get('R:E12000007|C:2023|*')?.value;
    const known = [...las.values()].filter((v) => v.value !== null);
    const hidden = [...las].filter(([, v]) => v.value === null).map(([k]) => k);
    expect(hidden).toContain('L:201|C:2023|*');
    // Differencing the region total and the published LAs never isolates LA 201's 3.
    if (region !== null && region !== undefined) {
      expect(hidden.length).toBeGreaterThanOrEqual(2);
      const rest = region - known.reduce((s, v) => s + (v.value ?? 0), 0);
      expect(rest).not.toBe(3);
    }
    expect(certify(table, suppressTable(table, 5), 5)).toEqual([]);
  });

  it('academic and calendar years cannot be played against each other', () => {
    // LA 201: 10 appeals in 2022/23, 3 in 2023/24 (suppressed), 12 in 2024/25 — with calendar years 2023 and
    // 2024 published, Σ calendar − Σ other academic years would give the 3 back unless more is hidden.
    const base: Base = new Map([
      [cellKey(['201', '2022-2', 'CONTENTS_F']), 6],
      [cellKey(['201', '2023-1', 'CONTENTS_F']), 4],
      [cellKey(['201', '2023-2', 'CONTENTS_F']), 1],
      [cellKey(['201', '2024-1', 'CONTENTS_F']), 2],
      [cellKey(['201', '2024-2', 'CONTENTS_F']), 12],
      [cellKey(['202', '2023-2', 'CONTENTS_F']), 30],
      [cellKey(['202', '2024-1', 'CONTENTS_F']), 30],
    ]);
    const table = tableOf(base);
    const published = publishTable(table, 5);
    const value = (key: string): number | null => {
      const id = table.idOf(key);
      if (id === undefined) return 0;
      return published.suppressed.has(id) ? null : table.value(id);
    };
    expect(value('L:201|A:2023|*')).toBeNull();
    const academic = ['L:201|A:2022|*', 'L:201|A:2024|*'].map(value);
    const calendar = ['L:201|C:2022|*', 'L:201|C:2023|*', 'L:201|C:2024|*'].map(value);
    const allTime = value('L:201|T|*');
    const sum = (vs: (number | null)[]) =>
      vs.some((v) => v === null) ? null : vs.reduce<number>((s, v) => s + (v ?? 0), 0);
    for (const total of [sum(calendar), allTime]) {
      const others = sum(academic);
      if (total !== null && others !== null) expect(total - others).not.toBe(3);
    }
    expect(certify(table, suppressTable(table, 5), 5)).toEqual([]);
  });

  it('is deterministic: the same table gives the same suppressed cells', () => {
    const table = tableOf(randomBase(7, 0.5, 6));
    expect([...suppressTable(table, 5).suppressed].sort()).toEqual(
      [...suppressTable(table, 5).suppressed].sort(),
    );
  });

  it('threshold 1 suppresses nothing', () => {
    const table = tableOf(randomBase(8, 0.5, 6));
    expect(suppressTable(table, 1).suppressed.size).toBe(0);
  });
});
