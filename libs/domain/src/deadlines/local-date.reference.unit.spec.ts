import {
  datePartsOf,
  fromEpochDay,
  isValidLocalDate,
  localDate,
  parseLocalDate,
  toEpochDay,
} from './local-date';

/*
 * local-date.ts reads `YYYY-MM-DD` character by character; this checks it against the plain definition (a regular
 * expression and the Gregorian month lengths) over every month/day pair of awkward years and seeded random edits of
 * real dates. Deterministic: the same strings on every run.
 */

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function refParts(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const length = month === 2 && isLeap(year) ? 29 : MONTH_LENGTHS[month - 1];
  return year >= 1 && length !== undefined && day >= 1 && day <= length
    ? { year, month, day }
    : null;
}

/** mulberry32: a small seeded generator, so every run draws the same strings. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const two = (n: number): string => String(n).padStart(2, '0');
const YEARS = ['0000', '0001', '0999', '1900', '2000', '2023', '2024', '2100', '9999'];
const GRID = YEARS.flatMap((y) =>
  Array.from({ length: 14 * 33 }, (_, i) => `${y}-${two(Math.floor(i / 33))}-${two(i % 33)}`),
);

/** Real dates with one character replaced, inserted or removed: non-ASCII digits, the characters either side of 0–9, spaces, signs. */
function edits(count: number): string[] {
  const random = seeded(20250228);
  const pick = (text: string): string => text[Math.floor(random() * text.length)] ?? '';
  const noise = '0123456789-/: +aT\n\u0661\uff11';
  return Array.from({ length: count }, () => {
    const date = fromEpochDay(Math.floor(random() * 40000) - 10000);
    const at = Math.floor(random() * 11);
    const kind = random();
    if (kind < 0.6) return date.slice(0, at) + pick(noise) + date.slice(at + 1);
    if (kind < 0.8) return date.slice(0, at) + pick(noise) + date.slice(at);
    return date.slice(0, at) + date.slice(at + 1);
  });
}

describe('local-date agrees with the regular-expression definition', () => {
  const values: unknown[] = [...GRID, ...edits(20000), '', null, undefined, 20250101, {}];

  it('accepts and splits exactly the real dates', () => {
    const disagreements = values.filter((value) => {
      const expected = refParts(value);
      let actual: unknown = null;
      try {
        actual = datePartsOf(value);
      } catch (_error) {
        actual = null;
      }
      return (
        JSON.stringify(actual) !== JSON.stringify(expected) ||
        isValidLocalDate(value) !== (expected !== null)
      );
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(values.filter((value) => refParts(value) !== null).length).toBeGreaterThan(2000);
  });

  it('round-trips every real date through its epoch day and back', () => {
    const real = values.filter((value): value is string => refParts(value) !== null);
    const broken = real.filter(
      (date) => fromEpochDay(toEpochDay(date)) !== date || parseLocalDate(date) !== date,
    );
    expect(broken.slice(0, 5)).toEqual([]);
  });

  it('writes the parts it is given with zero padding, or refuses them', () => {
    const random = seeded(7);
    const wrong: string[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const [year, month, day] = [random() * 10200 - 100, random() * 14, random() * 33].map(
        Math.floor,
      ) as [number, number, number];
      const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
      let actual: string;
      try {
        actual = localDate(year, month, day);
      } catch (_error) {
        actual = 'refused';
      }
      if (actual !== (refParts(text) !== null ? text : 'refused')) wrong.push(text);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
