import {
  APPEAL_TYPES,
  BREACH_TYPES,
  DUTY_HOLDER_KINDS,
  DomainError,
  type AppealType,
  type BreachType,
  type DutyHolderType,
} from '@app/domain';
import { STATISTICS_DIMENSIONS, type StatisticsDimension } from '@app/projections';
import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuthService } from '../auth/auth.service';
import type { Viewer } from '../auth/viewer';
import { buildContext } from '../graphql/graphql.config';
import { OfficialAppealRatesService } from '../reference/official-appeal-rates.service';
import { toCsv, type CsvColumn } from './csv';
import {
  STATISTICS_SCOPES,
  type BreachPattern,
  type OrderComplianceStatistics,
  type StatisticsScope,
} from './statistics.graphql';
import { StatisticsService } from './statistics.service';

/** A bad query parameter: 400 with the same error shape as GraphQL. */
class BadParameter extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Request['query'];

const values = (query: Query, name: string): string[] | undefined => {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [],
  );
  const cleaned = list.map((v) => v.trim()).filter((v) => v !== '');
  if (cleaned.length === 0) throw new BadParameter(name, `${name} is empty.`);
  return cleaned;
};

const oneOf = <T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
): T[] | undefined => {
  const list = values(query, name);
  for (const value of list ?? []) {
    if (!(allowed as readonly string[]).includes(value))
      throw new BadParameter(name, `${name}: "${value}" is not one of ${allowed.join(', ')}.`);
  }
  return list as T[] | undefined;
};

const integers = (query: Query, name: string): number[] | undefined =>
  values(query, name)?.map((v) => {
    if (!/^-?\d+$/.test(v)) throw new BadParameter(name, `${name}: "${v}" is not a whole number.`);
    return Number(v);
  });

const single = (query: Query, name: string): number | undefined => {
  const list = integers(query, name);
  if (list && list.length > 1) throw new BadParameter(name, `${name} takes one value.`);
  return list?.[0];
};

const only = (query: Query, allowed: readonly string[]): void => {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name))
      throw new BadParameter(name, `Unknown parameter ${name}; use ${allowed.join(', ')}.`);
  }
};

const scopeOf = (query: Query): StatisticsScope => {
  const scope = oneOf(query, 'scope', STATISTICS_SCOPES);
  if (scope && scope.length > 1) throw new BadParameter('scope', 'scope takes one value.');
  return scope?.[0] ?? 'ALL_CASES';
};

const AREA_PARAMETERS = ['localAuthorityCodes', 'regionCodes', 'academicYears', 'calendarYears'];

const areaFilter = (query: Query) => ({
  localAuthorityCodes: values(query, 'localAuthorityCodes'),
  regionCodes: values(query, 'regionCodes'),
  academicYears: values(query, 'academicYears'),
  calendarYears: integers(query, 'calendarYears'),
});

const areaColumns = <
  T extends {
    areaLevel: string;
    localAuthorityCode: string | null;
    localAuthorityName: string | null;
    regionCode: string | null;
    regionName: string | null;
    academicYear: string | null;
    calendarYear: number | null;
  },
>(): CsvColumn<T>[] => [
  { header: 'area_level', value: (r) => r.areaLevel },
  { header: 'local_authority_code', value: (r) => r.localAuthorityCode },
  { header: 'local_authority_name', value: (r) => r.localAuthorityName },
  { header: 'region_code', value: (r) => r.regionCode },
  { header: 'region_name', value: (r) => r.regionName },
  { header: 'academic_year', value: (r) => r.academicYear },
  { header: 'calendar_year', value: (r) => r.calendarYear },
];

const count = <T>(header: string, field: keyof T & string): CsvColumn<T> => ({
  header,
  field,
  value: (row) => row[field],
});

/**
 * CSV export of the statistics: the same filters (query parameters named like the GraphQL filter fields; lists
 * comma-separated or repeated), the same disclosure control and the same bearer-token check as GraphQL. Errors are
 * JSON in GraphQL's shape: 401 without a valid token, 400 for a bad parameter, 403 for a scope the role may not use.
 */
@Controller('export')
export class StatisticsExportController {
  private readonly logger = new Logger('StatisticsExport');

  constructor(
    private readonly auth: AuthService,
    private readonly statistics: StatisticsService,
    private readonly officialRates: OfficialAppealRatesService,
  ) {}

  @Get('appeal-outcome-statistics.csv')
  appealOutcomeStatistics(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, 'appeal-outcome-statistics', async (viewer, query) => {
      only(query, ['groupBy', 'scope', 'appealTypes', ...AREA_PARAMETERS]);
      const rows = await this.statistics.appealOutcomeStatistics(
        viewer,
        oneOf(query, 'groupBy', STATISTICS_DIMENSIONS),
        {
          ...areaFilter(query),
          appealTypes: oneOf<AppealType>(query, 'appealTypes', APPEAL_TYPES),
        },
        scopeOf(query),
      );
      const official = await Promise.all(
        rows.map((r) =>
          r.officialKey
            ? this.officialRates.forYear(r.officialKey.code, r.officialKey.year)
            : Promise.resolve(null),
        ),
      );
      const withOfficial = rows.map((row, i) => ({ ...row, officialRate: official[i] ?? null }));
      type Row = (typeof withOfficial)[number];
      return toCsv<Row>(withOfficial, [
        ...areaColumns<Row>(),
        { header: 'appeal_type', value: (r) => r.appealType },
        count<Row>('registered', 'registered'),
        count<Row>('withdrawn', 'withdrawn'),
        count<Row>('conceded', 'conceded'),
        count<Row>('consent_orders', 'consentOrders'),
        count<Row>('struck_out', 'struckOut'),
        count<Row>('decided', 'decided'),
        count<Row>('decided_in_favour', 'decidedInFavour'),
        count<Row>('decided_in_favour_in_full', 'decidedInFavourInFull'),
        count<Row>('decided_in_favour_in_part', 'decidedInFavourInPart'),
        count<Row>('dismissed', 'dismissed'),
        count<Row>('success_rate', 'successRate'),
        {
          header: 'official_appeals_registered',
          value: (r) => r.officialRate?.appealsRegistered,
        },
        { header: 'official_rate_pct', value: (r) => r.officialRate?.ratePct },
      ]);
    });
  }

  @Get('order-compliance.csv')
  orderCompliance(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, 'order-compliance', async (viewer, query) => {
      only(query, ['groupBy', 'scope', ...AREA_PARAMETERS]);
      const rows = await this.statistics.orderCompliance(
        viewer,
        oneOf(
          query,
          'groupBy',
          STATISTICS_DIMENSIONS.filter((d): d is StatisticsDimension => d !== 'APPEAL_TYPE'),
        ),
        areaFilter(query),
        scopeOf(query),
      );
      type Row = OrderComplianceStatistics;
      return toCsv<Row>(rows, [
        ...areaColumns<Row>(),
        { header: 'as_of', value: (r) => r.asOf },
        count<Row>('orders_made', 'ordersMade'),
        count<Row>('complied_on_time', 'compliedOnTime'),
        count<Row>('complied_late', 'compliedLate'),
        count<Row>('outstanding', 'outstanding'),
        count<Row>('overdue', 'overdue'),
        count<Row>('total_days_late', 'totalDaysLate'),
        count<Row>('average_days_late', 'averageDaysLate'),
        count<Row>('max_days_late', 'maxDaysLate'),
      ]);
    });
  }

  @Get('breach-patterns.csv')
  breachPatterns(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, 'breach-patterns', async (viewer, query) => {
      only(query, [
        'scope',
        'dutyHolderKinds',
        'localAuthorityCodes',
        'breachTypes',
        'years',
        'minDistinctCases',
        'windowDays',
      ]);
      const rows = await this.statistics.breachPatterns(
        viewer,
        {
          dutyHolderKinds: oneOf<DutyHolderType>(query, 'dutyHolderKinds', DUTY_HOLDER_KINDS),
          localAuthorityCodes: values(query, 'localAuthorityCodes'),
          breachTypes: oneOf<BreachType>(query, 'breachTypes', BREACH_TYPES),
          years: integers(query, 'years'),
        },
        single(query, 'minDistinctCases'),
        single(query, 'windowDays'),
        scopeOf(query),
      );
      type Row = BreachPattern;
      return toCsv<Row>(rows, [
        { header: 'duty_holder_key', value: (r) => r.dutyHolder.key },
        { header: 'duty_holder_kind', value: (r) => r.dutyHolder.kind },
        {
          header: 'duty_holder_local_authority_code',
          value: (r) => r.dutyHolder.localAuthorityCode,
        },
        { header: 'duty_holder_name', value: (r) => r.dutyHolder.name },
        { header: 'duty_holder_urn', value: (r) => r.dutyHolder.urn },
        { header: 'breach_type', value: (r) => r.breachType },
        { header: 'year', value: (r) => r.year },
        count<Row>('occurrences', 'occurrences'),
        count<Row>('distinct_cases', 'distinctCases'),
        count<Row>('first_occurred_on', 'firstOccurredOn'),
        count<Row>('last_occurred_on', 'lastOccurredOn'),
        count<Row>('repeat', 'repeat'),
        count<Row>('previous_occurrences', 'previousOccurrences'),
        count<Row>('trend', 'trend'),
        {
          header: 'cases_with_repeated_breach',
          field: 'casesWithRepeatedBreach',
          value: (r) => r.casesWithRepeatedBreach.count,
        },
        {
          header: 'repeated_breach_case_ids',
          value: (r) => r.casesWithRepeatedBreach.caseIds.join(';'),
        },
      ]);
    });
  }

  private async respond(
    req: Request,
    res: Response,
    name: string,
    produce: (viewer: Viewer, query: Query) => Promise<string>,
  ): Promise<void> {
    const fail = (status: number, code: string, message: string, field?: string) => {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      res
        .status(status)
        .type('application/json')
        .send({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
    };
    const { viewer, authError } = await buildContext(this.auth, req);
    if (!viewer) {
      fail(
        401,
        'UNAUTHENTICATED',
        authError ?? 'Sign in: send a bearer token in the Authorization header.',
      );
      return;
    }
    try {
      const csv = await produce(viewer, req.query);
      res
        .status(200)
        .setHeader('Content-Type', 'text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="${name}.csv"`)
        .setHeader('Cache-Control', 'no-store')
        .send(csv);
    } catch (error) {
      if (error instanceof BadParameter) fail(400, 'BAD_USER_INPUT', error.message, error.field);
      else if (error instanceof DomainError) {
        const field = 'field' in error ? String((error as { field?: unknown }).field) : undefined;
        fail(error.code === 'BAD_USER_INPUT' ? 400 : 409, error.code, error.message, field);
      } else if (error instanceof GraphQLError && error.extensions['code'] === 'FORBIDDEN') {
        fail(403, 'FORBIDDEN', error.message);
      } else {
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        fail(
          500,
          'INTERNAL_SERVER_ERROR',
          'Something went wrong on our side. Please try again later.',
        );
      }
    }
  }
}
