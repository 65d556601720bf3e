import { InvalidInput } from '@app/domain';
import type { Selection } from '../disclosure/cube';
import {
  ALL_TIME_NODE,
  ALL_TYPES_NODE,
  ENGLAND_NODE,
  UNKNOWN_REGION,
  levelOf,
  regionNode,
  valueOf,
} from '../disclosure/dimensions';
import { academicYearsFromLabels } from '../disclosure/periods';

export const STATISTICS_DIMENSIONS = [
  'LOCAL_AUTHORITY',
  'REGION',
  'ENGLAND',
  'ACADEMIC_YEAR',
  'CALENDAR_YEAR',
  'APPEAL_TYPE',
] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** Filters shared by the appeal statistics and order compliance (order compliance has no appeal types). */
export interface StatisticsFilter {
  readonly localAuthorityCodes?: readonly string[] | null;
  readonly regionCodes?: readonly string[] | null;
  readonly appealTypes?: readonly string[] | null;
  /** Labels such as "2023/24". */
  readonly academicYears?: readonly string[] | null;
  readonly calendarYears?: readonly number[] | null;
}

/** A checked request: how to group, and what to keep. */
export interface StatisticsRequest {
  readonly geography: 'LOCAL_AUTHORITY' | 'REGION' | 'ENGLAND';
  readonly period: 'ACADEMIC_YEAR' | 'CALENDAR_YEAR' | null;
  readonly byType: boolean;
  readonly localAuthorityCodes: ReadonlySet<string> | null;
  readonly regionCodes: ReadonlySet<string> | null;
  readonly appealTypes: ReadonlySet<string> | null;
  readonly academicYears: ReadonlySet<number> | null;
  readonly calendarYears: ReadonlySet<number> | null;
}

const MAX_VALUES = 500;

const setOf = <T>(values: readonly T[] | null | undefined, field: string): Set<T> | null => {
  if (values === null || values === undefined) return null;
  if (values.length === 0)
    throw new InvalidInput(field, `Leave ${field} out, or name at least one value.`);
  if (values.length > MAX_VALUES)
    throw new InvalidInput(field, `At most ${MAX_VALUES} values in ${field}.`);
  return new Set(values);
};

/**
 * Checks a groupBy + filter pair. Rules that keep every answer a sum of canonical cells (see
 * disclosure/suppression.ts): one year convention at a time; several appeal types only when grouped by type (an
 * appeal with several types would otherwise count twice); ENGLAND means "not grouped by area".
 */
export const normaliseStatisticsRequest = (
  groupBy: readonly StatisticsDimension[] | null | undefined,
  filter: StatisticsFilter | null | undefined,
  options: { readonly appealTypes: boolean },
): StatisticsRequest => {
  const dims = new Set(groupBy ?? []);
  const f = filter ?? {};
  if (!options.appealTypes) {
    if (dims.has('APPEAL_TYPE'))
      throw new InvalidInput('groupBy', 'APPEAL_TYPE is not a dimension of this table.');
    if (f.appealTypes)
      throw new InvalidInput('filter.appealTypes', 'This table has no appeal types.');
  }
  if (dims.has('ENGLAND') && (dims.has('LOCAL_AUTHORITY') || dims.has('REGION'))) {
    throw new InvalidInput(
      'groupBy',
      'ENGLAND means one row for the whole country; leave it out to group by local authority or region.',
    );
  }
  if (dims.has('ACADEMIC_YEAR') && dims.has('CALENDAR_YEAR')) {
    throw new InvalidInput('groupBy', 'Group by academic years or by calendar years, not both.');
  }
  if (f.academicYears && f.calendarYears) {
    throw new InvalidInput(
      'filter',
      'Filter by academic years or by calendar years, not both: the two overlap.',
    );
  }
  const period = dims.has('ACADEMIC_YEAR')
    ? 'ACADEMIC_YEAR'
    : dims.has('CALENDAR_YEAR')
      ? 'CALENDAR_YEAR'
      : null;
  if (period === 'ACADEMIC_YEAR' && f.calendarYears) {
    throw new InvalidInput(
      'filter.calendarYears',
      'Grouped by academic year: filter with academicYears ("2023/24").',
    );
  }
  if (period === 'CALENDAR_YEAR' && f.academicYears) {
    throw new InvalidInput(
      'filter.academicYears',
      'Grouped by calendar year: filter with calendarYears (2024).',
    );
  }
  const appealTypes = setOf(f.appealTypes, 'filter.appealTypes');
  if (appealTypes && appealTypes.size > 1 && !dims.has('APPEAL_TYPE')) {
    throw new InvalidInput(
      'filter.appealTypes',
      'To compare several appeal types, also group by APPEAL_TYPE (an appeal can have several types).',
    );
  }
  const las = setOf(f.localAuthorityCodes, 'filter.localAuthorityCodes');
  for (const code of las ?? []) {
    if (!/^\d{3}$/.test(code))
      throw new InvalidInput(
        'filter.localAuthorityCodes',
        `"${code}" is not a 3-digit DfE LA code.`,
      );
  }
  const regions = setOf(f.regionCodes, 'filter.regionCodes');
  for (const code of regions ?? []) {
    if (!/^E\d{8}$/.test(code))
      throw new InvalidInput(
        'filter.regionCodes',
        `"${code}" is not a region code (E12000001…E12000009).`,
      );
  }
  const calendarYears = setOf(f.calendarYears, 'filter.calendarYears');
  for (const year of calendarYears ?? []) {
    if (!Number.isInteger(year) || year < 1990 || year > 2100)
      throw new InvalidInput('filter.calendarYears', `${year} is not a calendar year.`);
  }
  const academicLabels = setOf(f.academicYears, 'filter.academicYears');
  const academic = academicLabels
    ? new Set(academicYearsFromLabels([...academicLabels], 'filter.academicYears'))
    : null;
  return {
    geography: dims.has('LOCAL_AUTHORITY')
      ? 'LOCAL_AUTHORITY'
      : dims.has('REGION')
        ? 'REGION'
        : 'ENGLAND',
    period,
    byType: dims.has('APPEAL_TYPE'),
    localAuthorityCodes: las,
    regionCodes: regions,
    appealTypes,
    academicYears: academic,
    calendarYears,
  };
};

const all = (): boolean => true;

/** Which canonical cells answer the request (geography, period and, with `withType`, appeal type). */
export const selectionFor = (
  request: StatisticsRequest,
  regionOf: (laCode: string) => string | null,
  withType: boolean,
): Selection => {
  const region = (la: string): string => regionOf(la) ?? UNKNOWN_REGION;
  const las = request.localAuthorityCodes;
  const regions = request.regionCodes;
  const acceptLa = (node: string): boolean =>
    (!las || las.has(valueOf(node))) && (!regions || regions.has(region(valueOf(node))));
  const acceptRegion = (node: string): boolean => !regions || regions.has(valueOf(node));

  let geo: [string, (node: string) => boolean, (node: string) => string];
  if (request.geography === 'LOCAL_AUTHORITY') geo = ['L', acceptLa, (node) => node];
  else if (request.geography === 'REGION')
    geo = las
      ? ['L', acceptLa, (node) => regionNode(region(valueOf(node)))]
      : ['R', acceptRegion, (node) => node];
  else if (las) geo = ['L', acceptLa, () => ENGLAND_NODE];
  else if (regions) geo = ['R', acceptRegion, () => ENGLAND_NODE];
  else geo = ['E', all, () => ENGLAND_NODE];

  const academic = request.academicYears;
  const calendar = request.calendarYears;
  const acceptYear =
    (years: ReadonlySet<number> | null) =>
    (node: string): boolean =>
      !years || years.has(Number(valueOf(node)));
  let time: [string, (node: string) => boolean, (node: string) => string];
  if (request.period === 'ACADEMIC_YEAR') time = ['A', acceptYear(academic), (node) => node];
  else if (request.period === 'CALENDAR_YEAR') time = ['C', acceptYear(calendar), (node) => node];
  else if (academic) time = ['A', acceptYear(academic), () => ALL_TIME_NODE];
  else if (calendar) time = ['C', acceptYear(calendar), () => ALL_TIME_NODE];
  else time = ['T', all, () => ALL_TIME_NODE];

  const dims = [geo, time];
  if (withType) {
    const types = request.appealTypes;
    const acceptType = (node: string): boolean => !types || types.has(valueOf(node));
    if (request.byType) dims.push(['t', acceptType, (node) => node]);
    else if (types) dims.push(['t', acceptType, () => ALL_TYPES_NODE]);
    else dims.push(['*', all, () => ALL_TYPES_NODE]);
  }
  return {
    levels: dims.map(([level]) => level),
    accept: dims.map(([, accept]) => accept),
    group: dims.map(([, , group]) => group),
  };
};

/** What an output group id says about its row. */
export interface GroupLabels {
  readonly localAuthorityCode: string | null;
  readonly regionCode: string | null;
  readonly academicYear: number | null;
  readonly calendarYear: number | null;
  readonly appealType: string | null;
}

export const labelsOf = (
  groupNodes: readonly string[],
  regionOf: (laCode: string) => string | null,
): GroupLabels => {
  const [geo = ENGLAND_NODE, time = ALL_TIME_NODE, type = ALL_TYPES_NODE] = groupNodes;
  const geoLevel = levelOf(geo);
  const la = geoLevel === 'L' ? valueOf(geo) : null;
  return {
    localAuthorityCode: la,
    regionCode: la !== null ? regionOf(la) : geoLevel === 'R' ? valueOf(geo) : null,
    academicYear: levelOf(time) === 'A' ? Number(valueOf(time)) : null,
    calendarYear: levelOf(time) === 'C' ? Number(valueOf(time)) : null,
    appealType: levelOf(type) === 't' ? valueOf(type) : null,
  };
};

/** Sort order of rows: area, then period, then type. */
export const compareGroupIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
