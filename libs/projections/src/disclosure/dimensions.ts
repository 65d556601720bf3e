import { academicYearOfHalf, calendarYearOfHalf, parseHalfYear, type HalfYear } from './periods';
import type { Dimension } from './suppression';

/**
 * The dimensions of the statistics tables, as the suppression engine sees them. Node names carry their level before
 * the colon: `L:886` (an LA), `R:E12000008` (a region), `E` (England); `A:2023` (academic year 2023/24), `C:2023`
 * (calendar year 2023), `T` (all time); `t:CONTENTS_F` (an appeal type), `*` (all types).
 */
export const ENGLAND_NODE = 'E';
export const ALL_TIME_NODE = 'T';
export const ALL_TYPES_NODE = '*';
export const UNKNOWN_REGION = '?';

export const laNode = (code: string): string => `L:${code}`;
export const regionNode = (code: string): string => `R:${code}`;
export const academicYearNode = (startYear: number): string => `A:${startYear}`;
export const calendarYearNode = (year: number): string => `C:${year}`;
export const typeNode = (type: string): string => `t:${type}`;

/** `L`, `R`, `E`, `A`, `C`, `T`, `t` or `*`. */
export const levelOf = (node: string): string => {
  const colon = node.indexOf(':');
  return colon < 0 ? node : node.slice(0, colon);
};
/** The part after the colon (`L:886` → `886`). */
export const valueOf = (node: string): string => node.slice(node.indexOf(':') + 1);

const memo = <T>(compute: (key: string) => T): ((key: string) => T) => {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
};

/** LA → region → England. Leaves are LA codes. */
export const geographyDimension = (
  laCodes: readonly string[],
  regionOf: (laCode: string) => string | null,
): Dimension => {
  const las = [...new Set(laCodes)].sort();
  const region = memo((la) => regionOf(la) ?? UNKNOWN_REGION);
  const byRegion = new Map<string, string[]>();
  for (const la of las) byRegion.set(region(la), [...(byRegion.get(region(la)) ?? []), la]);
  return {
    name: 'geography',
    nodesOf: memo((la) => [laNode(la), regionNode(region(la)), ENGLAND_NODE]),
    leavesOf: (node) => {
      const level = levelOf(node);
      if (level === 'L') return [valueOf(node)];
      if (level === 'R') return byRegion.get(valueOf(node)) ?? [];
      return las;
    },
    // Hiding a region costs like a thousand LA cells, England like a million (see LEVEL_WEIGHT).
    rank: (node) => ({ L: 0, R: 3 })[levelOf(node)] ?? 6,
    partnersOf: memo((la) => {
      const own = region(la);
      const same = (byRegion.get(own) ?? []).filter((other) => other !== la);
      const others = las.filter((other) => region(other) !== own);
      return [...same, ...others];
    }),
  };
};

/**
 * Half-years → academic year, calendar year → all time. Leaves are half-years (`2023-1` = Jan–Aug, `2023-2` =
 * Sep–Dec); they are never published on their own.
 */
export const periodDimension = (halves: readonly HalfYear[]): Dimension => {
  const known = [...new Set(halves)].sort();
  const index = new Map(known.map((half, i) => [half, i]));
  return {
    name: 'period',
    nodesOf: memo((half) => [
      academicYearNode(academicYearOfHalf(half)),
      calendarYearNode(calendarYearOfHalf(half)),
      ALL_TIME_NODE,
    ]),
    leavesOf: (node) => {
      const level = levelOf(node);
      const year = Number(valueOf(node));
      if (level === 'A') return [`${year}-2`, `${year + 1}-1`];
      if (level === 'C') return [`${year}-1`, `${year}-2`];
      return known;
    },
    rank: (node) => (levelOf(node) === 'T' ? 1 : 0),
    partnersOf: memo((half) => {
      const { year, part } = parseHalfYear(half);
      // The other half of the same calendar year first (changes two academic years, no calendar year), then the
      // other half of the same academic year (two calendar years, no academic year), then the rest by distance.
      const sameCalendar = `${year}-${part === 1 ? 2 : 1}`;
      const sameAcademic = part === 1 ? `${year - 1}-2` : `${year + 1}-1`;
      const at = index.get(half) ?? 0;
      const rest = known
        .filter((h) => h !== half && h !== sameCalendar && h !== sameAcademic)
        .sort((a, b) => Math.abs((index.get(a) ?? 0) - at) - Math.abs((index.get(b) ?? 0) - at));
      return [sameCalendar, sameAcademic, ...rest].filter((h) => index.has(h));
    }),
  };
};

/** Appeal type → all types. Leaves are appeal types. */
export const appealTypeDimension = (types: readonly string[]): Dimension => {
  const known = [...new Set(types)].sort();
  return {
    name: 'appealType',
    nodesOf: memo((type) => [typeNode(type), ALL_TYPES_NODE]),
    leavesOf: (node) => (node === ALL_TYPES_NODE ? known : [valueOf(node)]),
    // The all-types figures are the ones most read: hiding one costs like a thousand type cells.
    rank: (node) => (node === ALL_TYPES_NODE ? 3 : 0),
    partnersOf: memo((type) => known.filter((other) => other !== type)),
  };
};
