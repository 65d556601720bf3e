import { createHash } from 'node:crypto';
import type { AppealType } from '@app/domain';
import {
  buildTable,
  publishTable,
  publishTableInSteps,
  selectGroups,
  type PublishedTable,
  type TableEntry,
} from '../disclosure/cube';
import {
  ALL_TYPES_NODE,
  UNKNOWN_REGION,
  appealTypeDimension,
  geographyDimension,
  periodDimension,
  typeNode,
} from '../disclosure/dimensions';
import { CELL_SEPARATOR, type CountTable } from '../disclosure/suppression';
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
  /**
   * Per measure, a digest of everything its table was computed from (the dimensions, the counts in the order they
   * were added, the threshold). The computation is deterministic, so equal digests mean equal tables: a later build
   * reuses the table instead of suppressing it again (`buildAppealStatisticsInSteps`).
   */
  readonly inputs?: Readonly<Record<AppealMeasure, string>>;
}

/** Code-unit order (not a database collation, which differs between SQLite and PostgreSQL and between locales). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pre-aggregated counters (all cases), in one fixed order: the order in which counts are added numbers a table's
 * cells, and so decides which of two equally good boxes the suppression takes. A fixed order makes the published
 * pattern a function of the counts alone, whatever order a database returns rows in (PostgreSQL's changes as rows are
 * updated), so every replica, and every rebuild, suppresses the same cells.
 */
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
  return rows
    .map((r) => ({
      key: `${r.measure}\u0000${r.local_authority_code}\u0000${r.half_year}\u0000${r.appeal_type}`,
      count: {
        measure: r.measure,
        localAuthorityCode: r.local_authority_code,
        halfYear: r.half_year,
        appealType: r.appeal_type,
        count: Number(r.n),
      },
    }))
    .sort((a, b) => byCodeUnits(a.key, b.key))
    .map((r) => r.count);
};

/** The same counts, for the given cases only (an exact view of the cases a caller may see). */
export const loadAppealCountsOfCases = async (
  db: ReadModelDb,
  caseIds: readonly string[],
): Promise<AppealCount[]> => {
  const cases = await loadStatsCases(db, caseIds);
  return [...cases.values()].flatMap((state) => [...caseCounts(state).values()]);
};

interface MeasureTable {
  readonly measure: AppealMeasure;
  readonly build: () => CountTable;
  /** The digest of what `build` and the suppression depend on (see `AppealStatisticsTables.inputs`). */
  readonly input: (threshold: number | null) => string;
}

const appealTables = (counts: readonly AppealCount[], regionOf: RegionOf): MeasureTable[] => {
  const laCodes = counts.map((c) => c.localAuthorityCode);
  const halves = counts.map((c) => c.halfYear);
  const typesSeen = counts
    .map((c) => c.appealType)
    .filter((t): t is AppealType => t !== ALL_TYPES_NODE);
  const geo = geographyDimension(laCodes, regionOf);
  const period = periodDimension(halves);
  const types = appealTypeDimension(typesSeen);
  const dims = [geo, period, types];
  const ofMeasure = new Map<AppealMeasure, AppealCount[]>(APPEAL_MEASURES.map((m) => [m, []]));
  for (const c of counts) ofMeasure.get(c.measure)?.push(c);
  const entryOf = (c: AppealCount): TableEntry => ({
    nodes: [
      geo.nodesOf(c.localAuthorityCode),
      period.nodesOf(c.halfYear),
      c.appealType === ALL_TYPES_NODE ? [ALL_TYPES_NODE] : [typeNode(c.appealType)],
    ],
    leaves:
      c.appealType === ALL_TYPES_NODE ? null : [c.localAuthorityCode, c.halfYear, c.appealType],
    count: c.count,
  });
  // The dimensions are built from the leaves of every measure (and the region of each LA): part of every input.
  let dimensions: string | null = null;
  const dimensionsInput = (): string =>
    (dimensions ??= [
      [...new Set(laCodes)]
        .sort(byCodeUnits)
        .map((la) => `${la}>${regionOf(la) ?? UNKNOWN_REGION}`)
        .join(','),
      [...new Set(halves)].sort(byCodeUnits).join(','),
      [...new Set(typesSeen)].sort(byCodeUnits).join(','),
    ].join(';'));
  return APPEAL_MEASURES.map((measure) => ({
    measure,
    build: () => buildTable(dims, (ofMeasure.get(measure) ?? []).map(entryOf)),
    input: (threshold) => {
      const hash = createHash('sha256').update(`${dimensionsInput()}\n${threshold ?? '-'}\n`);
      for (const c of ofMeasure.get(measure) ?? [])
        hash.update(`${c.localAuthorityCode},${c.halfYear},${c.appealType},${c.count};`);
      return hash.digest('base64url');
    },
  }));
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
    appealTables(counts, regionOf).map(({ measure, build }) => [
      measure,
      publishTable(build(), threshold),
    ]),
  ) as Record<AppealMeasure, PublishedTable>;
  return { tables, regionOf };
};

/** Work of a national build between two turns of the event loop (milliseconds). */
const SLICE_MS = 8;
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same tables, for the national statistics of a running service: computed in slices of a few milliseconds with
 * the event loop's turn in between (a national table takes up to a second or two, during which other requests are
 * served), and incrementally: a measure whose input is the same as in `previous` (nothing it is made of changed,
 * e.g. a new appeal changes `registered` only) keeps `previous`'s table. The result is identical to
 * `buildAppealStatistics`.
 */
export const buildAppealStatisticsInSteps = async (
  counts: readonly AppealCount[],
  regionOf: RegionOf,
  threshold: number | null,
  previous?: AppealStatisticsTables | null,
): Promise<AppealStatisticsTables> => {
  const tables: Partial<Record<AppealMeasure, PublishedTable>> = {};
  const inputs: Partial<Record<AppealMeasure, string>> = {};
  for (const { measure, build, input } of appealTables(counts, regionOf)) {
    const digest = input(threshold);
    inputs[measure] = digest;
    const known = previous?.inputs?.[measure] === digest ? previous.tables[measure] : undefined;
    if (known) tables[measure] = known;
    else {
      await nextTurn();
      tables[measure] = await publishTableInSteps(build(), threshold, nextTurn, SLICE_MS);
    }
  }
  return {
    tables: tables as Record<AppealMeasure, PublishedTable>,
    regionOf,
    inputs: inputs as Record<AppealMeasure, string>,
  };
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
