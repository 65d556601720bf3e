import type { AppealType } from '@app/domain';
import {
  buildTable,
  publishTable,
  selectGroups,
  type PublishedTable,
  type TableEntry,
} from '../disclosure/cube';
import {
  ALL_TYPES_NODE,
  appealTypeDimension,
  geographyDimension,
  periodDimension,
  typeNode,
} from '../disclosure/dimensions';
import { CELL_SEPARATOR } from '../disclosure/suppression';
import type { ReadModelDb } from '../read-model-db';
import {
  compareGroupIds,
  labelsOf,
  selectionFor,
  type GroupLabels,
  type StatisticsRequest,
} from './statistics-request';
import {
  APPEAL_MEASURES,
  caseCounts,
  type AppealCount,
  type AppealMeasure,
  type AppealTypeSlot,
} from './statistics.evolve';
import { loadStatsCases } from './statistics.projection';

export type RegionOf = (laCode: string) => string | null;

/** One row of `appealOutcomeStatistics`. A count is null exactly when it is suppressed (listed in suppressedFields). */
export interface AppealStatisticsRow extends GroupLabels {
  readonly registered: number | null;
  readonly withdrawn: number | null;
  readonly conceded: number | null;
  readonly consentOrders: number | null;
  readonly struckOut: number | null;
  readonly decided: number | null;
  readonly decidedInFavour: number | null;
  readonly decidedInFavourInFull: number | null;
  readonly decidedInFavourInPart: number | null;
  readonly dismissed: number | null;
  /** decidedInFavour ÷ decided (0–1); null when nothing was decided or when either count is suppressed. */
  readonly successRate: number | null;
  readonly suppressedFields: readonly string[];
}

/** The tables of every measure, with suppression applied (or not, for an exact view). */
export interface AppealStatisticsTables {
  readonly tables: Readonly<Record<AppealMeasure, PublishedTable>>;
  readonly regionOf: RegionOf;
}

/** The pre-aggregated counters (all cases). */
export const loadAppealCounts = async (db: ReadModelDb): Promise<AppealCount[]> => {
  const rows = await db.query<{
    measure: AppealMeasure;
    local_authority_code: string;
    half_year: string;
    appeal_type: AppealTypeSlot;
    n: number | string;
  }>(
    'SELECT measure, local_authority_code, half_year, appeal_type, n FROM rm_appeal_stat_counts WHERE n <> 0',
  );
  return rows.map((r) => ({
    measure: r.measure,
    localAuthorityCode: r.local_authority_code,
    halfYear: r.half_year,
    appealType: r.appeal_type,
    count: Number(r.n),
  }));
};

/** The same counts, for the given cases only (an exact view of the cases a caller may see). */
export const loadAppealCountsOfCases = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<AppealCount[]> => {
  const cases = await loadStatsCases(db, caseIds);
  return [...cases.values()].flatMap((state) => [...caseCounts(state).values()]);
};

const appealTables = (counts: readonly AppealCount[], regionOf: RegionOf) => {
  const geo = geographyDimension(
    counts.map((c) => c.localAuthorityCode),
    regionOf,
  );
  const period = periodDimension(counts.map((c) => c.halfYear));
  const types = appealTypeDimension(
    counts.map((c) => c.appealType).filter((t): t is AppealType => t !== ALL_TYPES_NODE),
  );
  const dims = [geo, period, types];
  const entries = new Map<AppealMeasure, TableEntry[]>(APPEAL_MEASURES.map((m) => [m, []]));
  for (const c of counts) {
    entries.get(c.measure)?.push({
      nodes: [
        geo.nodesOf(c.localAuthorityCode),
        period.nodesOf(c.halfYear),
        c.appealType === ALL_TYPES_NODE ? [ALL_TYPES_NODE] : [typeNode(c.appealType)],
      ],
      leaves:
        c.appealType === ALL_TYPES_NODE ? null : [c.localAuthorityCode, c.halfYear, c.appealType],
      count: c.count,
    });
  }
  return APPEAL_MEASURES.map((m) => [m, () => buildTable(dims, entries.get(m) ?? [])] as const);
};

/**
 * One table per measure over geography × period × appeal type. `threshold` null gives exact figures (only for
 * counts the caller may see case by case).
 */
export const buildAppealStatistics = (
  counts: readonly AppealCount[],
  regionOf: RegionOf,
  threshold: number | null,
): AppealStatisticsTables => {
  const tables = Object.fromEntries(
    appealTables(counts, regionOf).map(([m, build]) => [m, publishTable(build(), threshold)]),
  ) as Record<AppealMeasure, PublishedTable>;
  return { tables, regionOf };
};

/** The same, one measure at a time, giving the event loop a turn in between (national tables take a while). */
export const buildAppealStatisticsInSteps = async (
  counts: readonly AppealCount[],
  regionOf: RegionOf,
  threshold: number | null,
): Promise<AppealStatisticsTables> => {
  const tables: Partial<Record<AppealMeasure, PublishedTable>> = {};
  for (const [m, build] of appealTables(counts, regionOf)) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    tables[m] = publishTable(build(), threshold);
  }
  return { tables: tables as Record<AppealMeasure, PublishedTable>, regionOf };
};

const sumOrNull = (...values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** The rows answering a request, from tables built by `buildAppealStatistics`. */
export const appealStatisticsRows = (
  data: AppealStatisticsTables,
  request: StatisticsRequest,
): AppealStatisticsRow[] => {
  const selection = selectionFor(request, data.regionOf, true);
  const perMeasure = new Map(
    APPEAL_MEASURES.map((m) => [m, selectGroups(data.tables[m], selection)] as const),
  );
  const groups = new Set<string>();
  for (const values of perMeasure.values()) for (const key of values.keys()) groups.add(key);
  if (request.geography === 'ENGLAND' && request.period === null && !request.byType) {
    groups.add(['E', 'T', ALL_TYPES_NODE].join(CELL_SEPARATOR));
  }
  return [...groups].sort(compareGroupIds).map((group) => {
    const suppressedFields: string[] = [];
    const value = (m: AppealMeasure): number | null => {
      const found = perMeasure.get(m)?.get(group);
      if (!found) return 0;
      if (found.value === null) suppressedFields.push(m);
      return found.value;
    };
    const registered = value('registered');
    const withdrawn = value('withdrawn');
    const conceded = value('conceded');
    const consentOrders = value('consentOrders');
    const struckOut = value('struckOut');
    const inFull = value('decidedInFavourInFull');
    const inPart = value('decidedInFavourInPart');
    const dismissed = value('dismissed');
    const decidedInFavour = sumOrNull(inFull, inPart);
    const decided = sumOrNull(inFull, inPart, dismissed);
    if (decidedInFavour === null) suppressedFields.push('decidedInFavour');
    if (decided === null) suppressedFields.push('decided', 'successRate');
    const successRate =
      decided === null || decidedInFavour === null || decided === 0
        ? null
        : decidedInFavour / decided;
    return {
      ...labelsOf(group.split(CELL_SEPARATOR), data.regionOf),
      registered,
      withdrawn,
      conceded,
      consentOrders,
      struckOut,
      decided,
      decidedInFavour,
      decidedInFavourInFull: inFull,
      decidedInFavourInPart: inPart,
      dismissed,
      successRate,
      suppressedFields: APPEAL_ROW_FIELDS.filter((f) => suppressedFields.includes(f)),
    };
  });
};

/** The measures of a row, in the order the API and the CSV show them. */
export const APPEAL_ROW_FIELDS = [
  'registered',
  'withdrawn',
  'conceded',
  'consentOrders',
  'struckOut',
  'decided',
  'decidedInFavour',
  'decidedInFavourInFull',
  'decidedInFavourInPart',
  'dismissed',
  'successRate',
] as const;
