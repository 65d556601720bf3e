import {
  BREACH_TYPES,
  DUTY_HOLDER_KINDS,
  InvalidInput,
  daysBetween,
  type BreachType,
  type DutyHolderType,
} from '@app/domain';
import { isPrimary } from '../disclosure/suppression';
import type { ReadModelDb } from '../read-model-db';
import type { BreachOccurrence } from './breach-patterns.evolve';
import { selectForCases } from '../case-id-query';

export interface BreachPatternFilter {
  readonly dutyHolderKinds?: readonly DutyHolderType[] | null;
  /** The duty-holder's LA (an LA itself, or the LA area of a school or other body). */
  readonly localAuthorityCodes?: readonly string[] | null;
  readonly breachTypes?: readonly BreachType[] | null;
  /** Calendar years. */
  readonly years?: readonly number[] | null;
}

export interface BreachPatternRequest {
  readonly filter?: BreachPatternFilter | null;
  readonly minDistinctCases?: number | null;
  readonly windowDays?: number | null;
}

export const DEFAULT_MIN_DISTINCT_CASES = 3;
export const DEFAULT_WINDOW_DAYS = 365;

export type BreachTrend = 'UP' | 'DOWN' | 'SAME' | 'NEW';

export interface BreachPatternRow {
  readonly dutyHolder: {
    readonly key: string;
    readonly kind: DutyHolderType;
    readonly localAuthorityCode: string | null;
    readonly name: string | null;
    readonly urn: string | null;
  };
  readonly breachType: BreachType;
  /** Calendar year of the occurrences. */
  readonly year: number;
  readonly occurrences: number | null;
  readonly distinctCases: number | null;
  readonly firstOccurredOn: string | null;
  readonly lastOccurredOn: string | null;
  readonly repeat: boolean | null;
  readonly previousOccurrences: number | null;
  readonly trend: BreachTrend | null;
  /** Cases of this row with the same breach type from the same holder more than once in the year. */
  readonly casesWithRepeatedBreach: number | null;
  /** Those cases, among the ones the caller may see (never any other). */
  readonly repeatedBreachCaseIds: readonly string[];
  readonly suppressedFields: readonly string[];
}

export const BREACH_ROW_FIELDS = [
  'occurrences',
  'distinctCases',
  'firstOccurredOn',
  'lastOccurredOn',
  'repeat',
  'previousOccurrences',
  'trend',
  'casesWithRepeatedBreach',
] as const;

export const loadBreachOccurrences = async (
  db: ReadModelDb,
  caseIds?: readonly string[],
): Promise<BreachOccurrence[]> => {
  type Row = {
    breach_id: string;
    case_id: string;
    source: 'REPORTED' | 'DETECTED';
    breach_type: BreachType;
    holder_key: string;
    holder_kind: DutyHolderType;
    holder_name: string | null;
    holder_urn: string | null;
    holder_la_code: string | null;
    occurred_on: string;
  };
  const select = `SELECT breach_id, case_id, source, breach_type, holder_key, holder_kind, holder_name, holder_urn,
                    holder_la_code, occurred_on FROM rm_breach_occurrences`;
  const rows: Row[] = [];
  if (caseIds === undefined) rows.push(...(await db.query<Row>(select)));
  else rows.push(...(await selectForCases<Row>(db, select, caseIds)));
  return rows.map((r) => ({
    breachId: r.breach_id,
    caseId: r.case_id,
    source: r.source,
    breachType: r.breach_type,
    holderKey: r.holder_key,
    holderKind: r.holder_kind,
    holderName: r.holder_name,
    holderUrn: r.holder_urn,
    holderLocalAuthorityCode: r.holder_la_code,
    occurredOn: r.occurred_on,
  }));
};

const checkList = <T>(
  values: readonly T[] | null | undefined,
  field: string,
  valid: (value: T) => boolean,
  what: string,
): ReadonlySet<T> | null => {
  if (values === null || values === undefined) return null;
  if (values.length === 0)
    throw new InvalidInput(field, `Leave ${field} out, or name at least one value.`);
  if (values.length > 500) throw new InvalidInput(field, `At most 500 values in ${field}.`);
  for (const value of values) {
    if (!valid(value)) throw new InvalidInput(field, `${JSON.stringify(value)} is not ${what}.`);
  }
  return new Set(values);
};

interface Checked {
  readonly kinds: ReadonlySet<DutyHolderType> | null;
  readonly las: ReadonlySet<string> | null;
  readonly types: ReadonlySet<BreachType> | null;
  readonly years: ReadonlySet<number> | null;
  readonly minDistinctCases: number;
  readonly windowDays: number;
}

export const checkBreachPatternRequest = (request: BreachPatternRequest): Checked => {
  const f = request.filter ?? {};
  const minDistinctCases = request.minDistinctCases ?? DEFAULT_MIN_DISTINCT_CASES;
  const windowDays = request.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isInteger(minDistinctCases) || minDistinctCases < 1 || minDistinctCases > 1000)
    throw new InvalidInput('minDistinctCases', 'minDistinctCases must be a whole number 1–1000.');
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3660)
    throw new InvalidInput('windowDays', 'windowDays must be a whole number of days, 1–3660.');
  return {
    kinds: checkList(
      f.dutyHolderKinds,
      'filter.dutyHolderKinds',
      (k) => (DUTY_HOLDER_KINDS as readonly string[]).includes(k),
      'a duty-holder kind',
    ),
    las: checkList(
      f.localAuthorityCodes,
      'filter.localAuthorityCodes',
      (c) => /^\d{3}$/.test(c),
      'a 3-digit DfE LA code',
    ),
    types: checkList(
      f.breachTypes,
      'filter.breachTypes',
      (t) => (BREACH_TYPES as readonly string[]).includes(t),
      'a breach type',
    ),
    years: checkList(
      f.years,
      'filter.years',
      (y) => Number.isInteger(y) && y >= 1990 && y <= 2100,
      'a calendar year',
    ),
    minDistinctCases,
    windowDays,
  };
};

/**
 * True when some window of `windowDays` consecutive days holds at least `minDistinctCases` distinct cases, for a
 * window ending on one of `ending` (the row's occurrences) and reaching back into earlier ones of any year. Sliding
 * window over the occurrences sorted by date: O(n).
 */
export const hasRepeatWindow = (
  all: readonly BreachOccurrence[],
  isEnd: (o: BreachOccurrence) => boolean,
  minDistinctCases: number,
  windowDays: number,
): boolean => {
  const inWindow = new Map<string, number>();
  let from = 0;
  for (const current of all) {
    inWindow.set(current.caseId, (inWindow.get(current.caseId) ?? 0) + 1);
    for (;;) {
      const first = all[from];
      if (!first || daysBetween(first.occurredOn, current.occurredOn) < windowDays) break;
      const left = (inWindow.get(first.caseId) ?? 0) - 1;
      if (left === 0) inWindow.delete(first.caseId);
      else inWindow.set(first.caseId, left);
      from++;
    }
    if (isEnd(current) && inWindow.size >= minDistinctCases) return true;
  }
  return false;
};

interface Draft {
  readonly occurrences: readonly BreachOccurrence[];
  readonly distinctCases: number;
  readonly repeatedCases: readonly string[];
}

const draftOf = (occurrences: readonly BreachOccurrence[]): Draft => {
  const perCase = new Map<string, number>();
  for (const o of occurrences) perCase.set(o.caseId, (perCase.get(o.caseId) ?? 0) + 1);
  return {
    occurrences,
    distinctCases: perCase.size,
    repeatedCases: [...perCase]
      .filter(([, n]) => n > 1)
      .map(([id]) => id)
      .sort(),
  };
};

const byDate = (a: BreachOccurrence, b: BreachOccurrence): number =>
  a.occurredOn < b.occurredOn
    ? -1
    : a.occurredOn > b.occurredOn
      ? 1
      : a.breachId < b.breachId
        ? -1
        : 1;

/**
 * Patterns per duty-holder × breach type × calendar year. With a `threshold` (the national view), a row with fewer
 * than `threshold` distinct cases shows nothing but its key (suppressed); a count of cases with a repeated breach
 * below it is suppressed together with the occurrences (occurrences − distinct cases would bound it). Rows are
 * never added up, so no total can give a suppressed row away; the trend uses the previous year's row as published.
 * `visibleCaseIds`: the only case ids ever returned.
 */
export const breachPatternRows = (
  occurrences: readonly BreachOccurrence[],
  request: BreachPatternRequest,
  threshold: number | null,
  visibleCaseIds: ReadonlySet<string>,
): BreachPatternRow[] => {
  const q = checkBreachPatternRequest(request);
  const series = new Map<string, BreachOccurrence[]>();
  for (const o of occurrences) {
    if (q.kinds && !q.kinds.has(o.holderKind)) continue;
    if (q.types && !q.types.has(o.breachType)) continue;
    const key = `${o.holderKey}\u0000${o.breachType}`;
    const list = series.get(key);
    if (list) list.push(o);
    else series.set(key, [o]);
  }
  const rows: BreachPatternRow[] = [];
  for (const list of series.values()) {
    list.sort(byDate);
    const first = list[0];
    if (!first) continue;
    const named = list.find((o) => o.holderName !== null) ?? first;
    const holder = {
      key: first.holderKey,
      kind: first.holderKind,
      localAuthorityCode: first.holderLocalAuthorityCode,
      name: named.holderName,
      urn: first.holderUrn,
    };
    if (q.las && (holder.localAuthorityCode === null || !q.las.has(holder.localAuthorityCode)))
      continue;
    const byYear = new Map<number, BreachOccurrence[]>();
    for (const o of list) {
      const year = Number(o.occurredOn.slice(0, 4));
      byYear.set(year, [...(byYear.get(year) ?? []), o]);
    }
    const drafts = new Map([...byYear].map(([year, os]) => [year, draftOf(os)]));
    /** The published occurrences of a year's row: null when suppressed, 0 when there is no row. */
    const publishedOccurrences = (year: number): number | null => {
      const draft = drafts.get(year);
      if (!draft) return 0;
      if (threshold === null) return draft.occurrences.length;
      if (isPrimary(draft.distinctCases, threshold)) return null;
      if (isPrimary(draft.repeatedCases.length, threshold)) return null;
      return draft.occurrences.length;
    };
    for (const [year, draft] of drafts) {
      if (q.years && !q.years.has(year)) continue;
      const suppressed = new Set<string>();
      const hidden = threshold !== null && isPrimary(draft.distinctCases, threshold);
      if (hidden) BREACH_ROW_FIELDS.forEach((f) => suppressed.add(f));
      const repeatedHidden =
        !hidden && threshold !== null && isPrimary(draft.repeatedCases.length, threshold);
      if (repeatedHidden) suppressed.add('casesWithRepeatedBreach').add('occurrences');
      const occurrencesShown = publishedOccurrences(year);
      const previous = publishedOccurrences(year - 1);
      if (!hidden && previous === null) suppressed.add('previousOccurrences');
      const trend: BreachTrend | null =
        occurrencesShown === null || previous === null
          ? null
          : previous === 0
            ? 'NEW'
            : occurrencesShown > previous
              ? 'UP'
              : occurrencesShown < previous
                ? 'DOWN'
                : 'SAME';
      if (!hidden && trend === null) suppressed.add('trend');
      const last = draft.occurrences[draft.occurrences.length - 1];
      rows.push({
        dutyHolder: holder,
        breachType: first.breachType,
        year,
        occurrences: hidden ? null : occurrencesShown,
        distinctCases: hidden ? null : draft.distinctCases,
        firstOccurredOn: hidden ? null : (draft.occurrences[0]?.occurredOn ?? null),
        lastOccurredOn: hidden ? null : (last?.occurredOn ?? null),
        repeat: hidden
          ? null
          : hasRepeatWindow(
              list,
              (o) => o.occurredOn.startsWith(`${year}-`),
              q.minDistinctCases,
              q.windowDays,
            ),
        previousOccurrences: hidden ? null : previous,
        trend: hidden ? null : trend,
        casesWithRepeatedBreach: hidden || repeatedHidden ? null : draft.repeatedCases.length,
        repeatedBreachCaseIds: draft.repeatedCases.filter((id) => visibleCaseIds.has(id)),
        suppressedFields: BREACH_ROW_FIELDS.filter((f) => suppressed.has(f)),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.year - b.year ||
      (a.dutyHolder.key < b.dutyHolder.key ? -1 : a.dutyHolder.key > b.dutyHolder.key ? 1 : 0) ||
      (a.breachType < b.breachType ? -1 : a.breachType > b.breachType ? 1 : 0),
  );
};
