import { epochDayOrUndefined, fromEpochDay, toEpochDay, type LocalDate } from './local-date';

/**
 * Day counting precomputed over a fixed range of dates, so that "the n-th working day after" is two array reads
 * instead of a walk that parses and formats a `YYYY-MM-DD` string per day. A table is built once from the same
 * predicate the walk uses, and answers only when every day the walk would look at lies inside the range; otherwise it
 * answers undefined and the caller walks day by day as before (so dates outside it fail, or not, as they always did).
 */

/** The days from `first` to `last` inclusive, by index from 0. */
export interface DayRange {
  readonly firstEpochDay: number;
  readonly dates: readonly LocalDate[];
}

export function dayRange(first: LocalDate, last: LocalDate): DayRange {
  const firstEpochDay = toEpochDay(first);
  const length = toEpochDay(last) - firstEpochDay + 1;
  const dates = Array.from({ length }, (_, index) => fromEpochDay(firstEpochDay + index));
  return { firstEpochDay, dates };
}

/** The index of `date` in the range, or -1 when it is not a real date inside it. */
function indexIn(range: DayRange, date: unknown): number {
  const epochDay = epochDayOrUndefined(date);
  if (epochDay === undefined) return -1;
  const index = epochDay - range.firstEpochDay;
  return index >= 0 && index < range.dates.length ? index : -1;
}

/** Which days of a range count. Every answer is undefined when `date` or the walk from it leaves the range. */
export interface DayCountTable {
  counts(date: LocalDate): boolean | undefined;
  /** The n-th counted day after (n > 0) or before (n < 0) `date`, for a whole n other than 0. */
  nthFrom(date: LocalDate, n: number): LocalDate | undefined;
  /** `date` if it counts, else the next day that does. */
  firstFrom(date: LocalDate): LocalDate | undefined;
}

export function dayCountTable(
  range: DayRange,
  counts: (date: LocalDate) => boolean,
): DayCountTable {
  const size = range.dates.length;
  const counted = new Uint8Array(size);
  const countedBefore = new Int32Array(size + 1); // how many counted days have a smaller index
  const countedAt: number[] = []; // the index of the k-th counted day, k from 0
  range.dates.forEach((date, index) => {
    countedBefore[index] = countedAt.length;
    if (!counts(date)) return;
    counted[index] = 1;
    countedAt.push(index);
  });
  countedBefore[size] = countedAt.length;
  const dateOfKth = (k: number): LocalDate | undefined =>
    k >= 0 && k < countedAt.length ? range.dates[countedAt[k] ?? -1] : undefined;
  const before = (index: number): number => countedBefore[index] ?? 0;
  return {
    counts(date) {
      const index = indexIn(range, date);
      return index < 0 ? undefined : counted[index] === 1;
    },
    nthFrom(date, n) {
      const from = indexIn(range, date);
      if (from < 0) return undefined;
      // The walk looks at from+1 … the result going forwards, at the result … from-1 going backwards.
      return dateOfKth(n > 0 ? before(from + 1) + n - 1 : before(from) + n);
    },
    firstFrom(date) {
      const from = indexIn(range, date);
      return from < 0 ? undefined : dateOfKth(before(from));
    },
  };
}
