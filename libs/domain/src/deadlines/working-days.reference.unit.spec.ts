import {
  BANK_HOLIDAY_YEARS,
  BankHolidaysUnknown,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './bank-holidays';
import {
  addDays,
  datePartsOf,
  dayOfWeek,
  fromEpochDay,
  toEpochDay,
  type LocalDate,
} from './local-date';
import {
  addCountedDays,
  addSendRegsWorkingDays,
  addTribunalWorkingDays,
  isStatutoryWorkingDay,
  isTribunalWorkingDay,
  subtractTribunalWorkingDays,
  workingDayOnOrAfter,
} from './working-days';

/*
 * The counting functions read precomputed tables; this checks them against the plain definitions walked one day at a
 * time (SEND Regs 2014 reg 2(1); HESC Rules 2008 r.12(2)–(3); send-domain §1.5), for seeded random starts across
 * 2014–2031 and counts in both directions, errors included. Deterministic: the same cases on every run.
 */

// ---- the reference: the definitions, one day at a time ----

const HOLIDAYS = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));

function refBankHoliday(date: LocalDate): boolean {
  const { year } = datePartsOf(date);
  if (year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last) {
    throw new BankHolidaysUnknown(date);
  }
  return HOLIDAYS.has(date);
}

const refStatutory = (date: LocalDate): boolean => dayOfWeek(date) < 6 && !refBankHoliday(date);

function refExcluded(date: LocalDate): boolean {
  const { month, day } = datePartsOf(date);
  return month === 8 || (month === 12 && day >= 25) || (month === 1 && day === 1);
}

const refTribunal = (date: LocalDate): boolean => !refExcluded(date) && refStatutory(date);
const refCounted = (date: LocalDate): boolean => !refExcluded(date);

function refCount(date: LocalDate, n: number, counts: (d: LocalDate) => boolean): LocalDate {
  let day = date;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, Math.sign(n));
    if (counts(day)) left -= 1;
  }
  return day;
}

function refOnOrAfter(date: LocalDate): LocalDate {
  let day = date;
  while (!refStatutory(day)) day = addDays(day, 1);
  return day;
}

// ---- seeded cases ----

/** mulberry32: a small seeded generator, so every run draws the same cases. */
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

const CASES = 1000;
let random = seeded(20141001);
beforeEach(() => {
  random = seeded(20141001); // each test draws the same cases however the tests are run
});
const between = (low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));
const oneOf = <T>(items: readonly T[]): T => items[between(0, items.length - 1)] as T;

const FIRST = toEpochDay('2013-12-20');
const LAST = toEpochDay('2031-12-31');
const daysFrom = (from: LocalDate, to: LocalDate): LocalDate[] =>
  Array.from({ length: toEpochDay(to) - toEpochDay(from) + 1 }, (_, i) => addDays(from, i));

/** Starts the walk is most likely to get wrong: non-working days, the excluded periods, leap days, the table's edges. */
const AWKWARD_STARTS: readonly LocalDate[] = [
  ...ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date),
  ...daysFrom('2025-07-28', '2025-09-03'), // August, with its bank holiday and the weekends around it
  ...daysFrom('2026-12-20', '2027-01-06'), // Christmas to New Year (substitute Boxing Day)
  ...daysFrom('2027-12-22', '2028-01-05'), // Christmas on a Saturday: substitute days
  ...['2016-02-29', '2020-02-29', '2024-02-29', '2028-02-29', '2025-03-01', '2028-03-01'],
  ...['2025-06-14', '2025-06-15', '2030-08-31', '2029-12-29'], // weekends
  ...['2013-12-31', '2014-01-01', '2014-01-02', '2030-12-24', '2030-12-31', '2031-01-01'],
];

const randomStart = (): LocalDate =>
  random() < 0.3 ? oneOf(AWKWARD_STARTS) : fromEpochDay(between(FIRST, LAST));

function randomCount(): number {
  const size = random();
  if (size < 0.1) return 0;
  if (size < 0.5) return between(-12, 12);
  if (size < 0.97) return between(-300, 300);
  return oneOf([-1, 1]) * between(1000, 4300); // most of the table, and beyond it
}

type Outcome = { readonly value: unknown } | { readonly error: string; readonly message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    const { name, message } = error as Error;
    return { error: name, message };
  }
}

interface Comparison {
  /** The first few calls where the function and the reference disagree. */
  readonly mismatches: readonly string[];
  /** How many calls the reference answered with a date, and how many with an error. */
  readonly dates: number;
  readonly errors: number;
}

function compare(
  cases: number,
  draw: () => readonly [LocalDate, number],
  name: string,
  actual: (date: LocalDate, n: number) => unknown,
  expected: (date: LocalDate, n: number) => unknown,
): Comparison {
  const mismatches: string[] = [];
  let errors = 0;
  for (let i = 0; i < cases; i += 1) {
    const [date, n] = draw();
    const want = outcome(() => expected(date, n));
    const got = outcome(() => actual(date, n));
    if ('error' in want) errors += 1;
    if (JSON.stringify(got) !== JSON.stringify(want) && mismatches.length < 5) {
      mismatches.push(
        `${name}(${date}, ${n}): ${JSON.stringify(got)}, not ${JSON.stringify(want)}`,
      );
    }
  }
  return { mismatches, dates: cases - errors, errors };
}

const draw = (): readonly [LocalDate, number] => [randomStart(), randomCount()];

/** Agrees everywhere, and the draw reached both the table's inside and its edges (so the test can fail). */
function expectAgreement({ mismatches, dates, errors }: Comparison): void {
  expect(mismatches).toEqual([]);
  expect(dates).toBeGreaterThan(CASES / 2);
  expect(errors).toBeGreaterThan(CASES / 50);
}

describe('working-day counting agrees with the day-by-day definitions', () => {
  it('addTribunalWorkingDays (send-domain §1.5)', () => {
    expectAgreement(
      compare(CASES, draw, 'addTribunalWorkingDays', addTribunalWorkingDays, (d, n) =>
        refCount(d, n, refTribunal),
      ),
    );
  });

  it('subtractTribunalWorkingDays (the hearing bundle, 10 working days before)', () => {
    expectAgreement(
      compare(CASES, draw, 'subtractTribunalWorkingDays', subtractTribunalWorkingDays, (d, n) =>
        refCount(d, -n, refTribunal),
      ),
    );
  });

  it('addSendRegsWorkingDays (SEND Regs 2014 reg 2(1))', () => {
    expectAgreement(
      compare(CASES, draw, 'addSendRegsWorkingDays', addSendRegsWorkingDays, (d, n) =>
        refCount(d, n, refStatutory),
      ),
    );
  });

  it('addCountedDays (r.12(3)), also far outside the bank holiday table', () => {
    const farOrNear = (): readonly [LocalDate, number] =>
      random() < 0.2 ? [fromEpochDay(between(0, 40000)), randomCount()] : draw();
    const { mismatches, dates } = compare(
      CASES,
      farOrNear,
      'addCountedDays',
      addCountedDays,
      (d, n) => refCount(d, n, refCounted), // calendar only: never off the table
    );
    expect(mismatches).toEqual([]);
    expect(dates).toBe(CASES);
  });

  it('every day from late 2013 to early 2031: the predicates and the r.12(2) roll-forward', () => {
    const checks = [
      ['isStatutoryWorkingDay', isStatutoryWorkingDay, refStatutory],
      ['isTribunalWorkingDay', isTribunalWorkingDay, refTribunal],
      ['workingDayOnOrAfter', workingDayOnOrAfter, refOnOrAfter],
    ] as const;
    const disagreements = daysFrom('2013-12-24', '2031-01-08').flatMap((date) =>
      checks
        .filter(
          ([, actual, expected]) =>
            JSON.stringify(outcome(() => actual(date))) !==
            JSON.stringify(outcome(() => expected(date))),
        )
        .map(([name]) => `${name}(${date})`),
    );
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it('throws as the walk does: not a whole number, not a date, or off the edge of the table', () => {
    const edgeCases: readonly (readonly [LocalDate, number])[] = [
      ['2025-03-03', 1.5],
      ['2025-03-03', Number.NaN],
      ['2025-02-30', 3],
      ['not a date', -3],
      ['not a date', 0], // n = 0 returns the date unchecked
      ['2030-12-20', 10],
      ['2014-01-03', -5],
      ['2031-03-03', 1],
      ['2013-06-03', -1],
    ];
    for (const [name, actual, counts] of [
      ['addTribunalWorkingDays', addTribunalWorkingDays, refTribunal],
      ['addSendRegsWorkingDays', addSendRegsWorkingDays, refStatutory],
    ] as const) {
      const queue = [...edgeCases];
      const next = (): readonly [LocalDate, number] => queue.shift() ?? ['2025-01-01', 0];
      const reference = (d: LocalDate, n: number): LocalDate => {
        if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, got ${n}`);
        return refCount(d, n, counts);
      };
      expect(compare(edgeCases.length, next, name, actual, reference).mismatches).toEqual([]);
    }
    expect(() => addTribunalWorkingDays('2030-12-20', 10)).toThrow(BankHolidaysUnknown);
  });
});
