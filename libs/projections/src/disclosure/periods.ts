import { InvalidInput } from '@app/domain';

/**
 * Periods of the statistics. MoJ counts by academic year (1 September – 31 August, "2023/24"), DfE's per-LA series
 * by calendar year. Both are made of half-year pieces — 1 January – 31 August and 1 September – 31 December — so
 * counters are kept per piece ("2023-1", "2023-2") and every year of either kind is the sum of two of them.
 */
export type HalfYear = string;

const monthOf = (date: string): number => Number(date.slice(5, 7));
const yearOf = (date: string): number => Number(date.slice(0, 4));

/** `2023-1` (1 Jan–31 Aug 2023) or `2023-2` (1 Sep–31 Dec 2023). */
export const halfYearOf = (date: string): HalfYear =>
  `${yearOf(date)}-${monthOf(date) >= 9 ? 2 : 1}`;

export const parseHalfYear = (half: HalfYear): { year: number; part: 1 | 2 } => ({
  year: Number(half.slice(0, 4)),
  part: half.endsWith('-2') ? 2 : 1,
});

/** The first calendar year of the academic year a date falls in (1 Sep 2023 – 31 Aug 2024 → 2023). */
export const academicYearOf = (date: string): number =>
  monthOf(date) >= 9 ? yearOf(date) : yearOf(date) - 1;

export const calendarYearOf = (date: string): number => yearOf(date);

/** 2023 → "2023/24", as MoJ labels academic years. */
export const academicYearLabel = (startYear: number): string =>
  `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

/** "2023/24" → 2023; null when it is not an academic-year label. */
export const parseAcademicYearLabel = (label: string): number | null => {
  const match = /^(\d{4})\/(\d{2})$/.exec(label.trim());
  if (!match) return null;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : null;
};

/** Academic years as labels, checked: BAD_USER_INPUT naming `field` for anything else. */
export const academicYearsFromLabels = (labels: readonly string[], field: string): number[] =>
  labels.map((label) => {
    const start = parseAcademicYearLabel(label);
    if (start === null || start < 1990 || start > 2100) {
      throw new InvalidInput(
        field,
        `"${label}" is not an academic year: write it as MoJ does, e.g. "2023/24" (1 September 2023 – 31 August 2024).`,
      );
    }
    return start;
  });

export const academicYearOfHalf = (half: HalfYear): number => {
  const { year, part } = parseHalfYear(half);
  return part === 2 ? year : year - 1;
};

export const calendarYearOfHalf = (half: HalfYear): number => parseHalfYear(half).year;
