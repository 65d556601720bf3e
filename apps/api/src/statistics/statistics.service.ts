import { InvalidInput } from '@app/domain';
import {
  academicYearLabel,
  appealStatisticsRows,
  breachPatternRows,
  buildAppealStatistics,
  buildAppealStatisticsInSteps,
  buildOrderCompliance,
  loadAppealCounts,
  loadAppealCountsOfCases,
  loadBreachOccurrences,
  loadOrders,
  normaliseStatisticsRequest,
  orderComplianceRows,
  statisticsCheckpoint,
  type AppealStatisticsRow,
  type AppealStatisticsTables,
  type BreachOccurrence,
  type BreachPatternFilter,
  type OrderComplianceTables,
  type ReadModelDb,
  type StatisticsDimension,
  type StatisticsFilter,
  type StatisticsRequest,
} from '@app/projections';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Viewer } from '../auth/viewer';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { forbidden } from '../graphql/errors';
import { READ_MODEL_DB } from '../persistence/persistence.tokens';
import { ProjectionService } from '../persistence/projection.service';
import { LocalAuthoritiesService } from '../reference/local-authorities.service';
import type {
  AppealOutcomeStatistics,
  BreachPattern,
  OrderComplianceStatistics,
  StatisticsScope,
} from './statistics.graphql';
import { StatisticsVisibility } from './statistics-visibility';

const APPEALS = 'appeal-statistics';
const BREACHES = 'breach-patterns';
/** Rebuild the national tables when the read model has not moved for this long (batches come in bursts). */
const WARM_AFTER_MS = 500;

interface Cached<T> {
  readonly key: string;
  readonly value: Promise<T>;
}

/** The groupings, filters, suppression and access rules shared by the GraphQL queries and the CSV export. */
@Injectable()
export class StatisticsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Statistics');
  private readonly cache = new Map<string, Cached<unknown>>();
  private warmTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: LocalAuthoritiesService,
    private readonly visibility: StatisticsVisibility,
    private readonly projections: ProjectionService,
  ) {}

  /** Keeps the national appeal tables warm: computed at start and shortly after the statistics read model moves. */
  onApplicationBootstrap(): void {
    this.warm();
    this.unsubscribe = this.projections.runner.onCommitted((projection) => {
      if (projection !== APPEALS) return;
      // Once the read model has been still for a moment: a bulk load does not recompute after every batch.
      if (this.warmTimer) clearTimeout(this.warmTimer);
      this.warmTimer = setTimeout(() => {
        this.warmTimer = null;
        this.warm();
      }, WARM_AFTER_MS);
      this.warmTimer.unref();
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.warmTimer) clearTimeout(this.warmTimer);
  }

  private stopped = false;

  private warm(): void {
    if (this.stopped) return;
    this.nationalAppealTables().catch((error: unknown) => {
      if (!this.stopped) this.logger.warn(`Could not precompute statistics: ${String(error)}`);
    });
  }

  get threshold(): number {
    return this.config.disclosureThreshold;
  }

  readonly regionOf = (laCode: string): string | null =>
    this.register.findAny(laCode)?.regionCode ?? null;

  private regionName(code: string | null): string | null {
    if (code === null) return null;
    return (
      this.register.all({ includePredecessors: true }).find((la) => la.regionCode === code)
        ?.region ?? null
    );
  }

  /** The same key always gives the same (shared, possibly in-flight) value; a failure is not kept. */
  private cached<T>(slot: string, key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(slot);
    if (hit && hit.key === key) return hit.value as Promise<T>;
    const value = build();
    this.cache.set(slot, { key, value });
    value.catch(() => {
      if (this.cache.get(slot)?.value === value) this.cache.delete(slot);
    });
    return value;
  }

  private async nationalAppealTables(): Promise<{ key: string; tables: AppealStatisticsTables }> {
    const key = `${await statisticsCheckpoint(this.db, [APPEALS])}|${this.threshold}`;
    const tables = await this.cached('appeals', key, async () =>
      buildAppealStatisticsInSteps(await loadAppealCounts(this.db), this.regionOf, this.threshold),
    );
    return { key, tables };
  }

  /** Answers already given for the current tables (the same question is asked again and again by dashboards). */
  private readonly answers = new Map<string, AppealOutcomeStatistics[]>();

  private remember(key: string, rows: AppealOutcomeStatistics[]): AppealOutcomeStatistics[] {
    this.answers.set(key, rows);
    if (this.answers.size > 200) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    return rows;
  }

  /** Checks codes against the register (the lib checks their form). */
  private checkCodes(filter: {
    localAuthorityCodes?: readonly string[] | null;
    regionCodes?: readonly string[] | null;
  }): void {
    for (const code of filter.localAuthorityCodes ?? []) {
      if (!this.register.findAny(code))
        throw new InvalidInput(
          'filter.localAuthorityCodes',
          `There is no local authority ${code}.`,
        );
    }
    const regions = new Set(
      this.register.all({ includePredecessors: true }).map((la) => la.regionCode),
    );
    for (const code of filter.regionCodes ?? []) {
      if (!regions.has(code))
        throw new InvalidInput('filter.regionCodes', `There is no region ${code}.`);
    }
  }

  /** Exact figures need cases the caller may see; POLICY and ADMIN see none. */
  private async exactCases(viewer: Viewer): Promise<string[]> {
    if (viewer.role !== 'FAMILY' && viewer.role !== 'ADVOCATE') {
      throw forbidden(
        'Policy and admin users see aggregates only: ask for scope ALL_CASES (figures under disclosure control).',
      );
    }
    return [...(await this.visibility.visibleCaseIds(viewer))];
  }

  async appealOutcomeStatistics(
    viewer: Viewer,
    groupBy: readonly StatisticsDimension[] | null | undefined,
    filter: StatisticsFilter | null | undefined,
    scope: StatisticsScope = 'ALL_CASES',
  ): Promise<AppealOutcomeStatistics[]> {
    const request = normaliseStatisticsRequest(groupBy, filter, { appealTypes: true });
    this.checkCodes(filter ?? {});
    if (scope === 'VISIBLE_CASES') {
      const tables = buildAppealStatistics(
        await loadAppealCountsOfCases(this.db, await this.exactCases(viewer)),
        this.regionOf,
        null,
      );
      return appealStatisticsRows(tables, request).map((row) => this.appealRow(row, request));
    }
    const { key, tables } = await this.nationalAppealTables();
    const question = `${key}|${JSON.stringify({ groupBy: [...new Set(groupBy ?? [])].sort(), filter })}`;
    const known = this.answers.get(question);
    if (known) return known.map((row) => ({ ...row, suppressedFields: [...row.suppressedFields] }));
    return this.remember(
      question,
      appealStatisticsRows(tables, request).map((row) => this.appealRow(row, request)),
    );
  }

  private area(
    labels: { localAuthorityCode: string | null; regionCode: string | null },
    request: StatisticsRequest,
  ) {
    const la =
      labels.localAuthorityCode === null ? null : this.register.findAny(labels.localAuthorityCode);
    return {
      localAuthorityCode: labels.localAuthorityCode,
      localAuthorityName: la?.name ?? null,
      regionCode: labels.regionCode,
      regionName: la?.region ?? this.regionName(labels.regionCode),
      areaLevel: request.geography,
    };
  }

  private appealRow(row: AppealStatisticsRow, request: StatisticsRequest): AppealOutcomeStatistics {
    const allTypes = row.appealType === null && request.appealTypes === null;
    const singleYear =
      request.period === null && request.calendarYears?.size === 1
        ? [...request.calendarYears][0]
        : undefined;
    const year = row.calendarYear ?? singleYear ?? null;
    const wholeEngland =
      request.geography === 'ENGLAND' && !request.localAuthorityCodes && !request.regionCodes;
    const code = row.localAuthorityCode ?? (wholeEngland ? 'ENG' : null);
    return {
      ...this.area(row, request),
      academicYear: row.academicYear === null ? null : academicYearLabel(row.academicYear),
      calendarYear: row.calendarYear,
      appealType: row.appealType as AppealOutcomeStatistics['appealType'],
      registered: row.registered,
      withdrawn: row.withdrawn,
      conceded: row.conceded,
      consentOrders: row.consentOrders,
      struckOut: row.struckOut,
      decided: row.decided,
      decidedInFavour: row.decidedInFavour,
      decidedInFavourInFull: row.decidedInFavourInFull,
      decidedInFavourInPart: row.decidedInFavourInPart,
      dismissed: row.dismissed,
      successRate: row.successRate,
      suppressed: row.suppressedFields.length > 0,
      suppressedFields: [...row.suppressedFields],
      officialKey: allTypes && year !== null && code !== null ? { code, year } : null,
    };
  }

  async orderCompliance(
    viewer: Viewer,
    groupBy: readonly StatisticsDimension[] | null | undefined,
    filter: StatisticsFilter | null | undefined,
    scope: StatisticsScope = 'ALL_CASES',
  ): Promise<OrderComplianceStatistics[]> {
    const request = normaliseStatisticsRequest(groupBy, filter, { appealTypes: false });
    this.checkCodes(filter ?? {});
    const today = this.clock.today();
    let tables: OrderComplianceTables;
    if (scope === 'VISIBLE_CASES') {
      const orders = await loadOrders(this.db, await this.exactCases(viewer));
      tables = buildOrderCompliance(orders, today, this.regionOf, null);
    } else {
      const at = await statisticsCheckpoint(this.db, [APPEALS]);
      tables = await this.cached('orders', `${at}|${today}|${this.threshold}`, async () =>
        buildOrderCompliance(await loadOrders(this.db), today, this.regionOf, this.threshold),
      );
    }
    return orderComplianceRows(tables, request).map((row) => ({
      ...this.area(row, request),
      academicYear: row.academicYear === null ? null : academicYearLabel(row.academicYear),
      calendarYear: row.calendarYear,
      asOf: today,
      ordersMade: row.ordersMade,
      compliedOnTime: row.compliedOnTime,
      compliedLate: row.compliedLate,
      outstanding: row.outstanding,
      overdue: row.overdue,
      totalDaysLate: row.totalDaysLate,
      averageDaysLate: row.averageDaysLate,
      maxDaysLate: row.maxDaysLate,
      suppressed: row.suppressedFields.length > 0,
      suppressedFields: [...row.suppressedFields],
    }));
  }

  async breachPatterns(
    viewer: Viewer,
    filter: BreachPatternFilter | null | undefined,
    minDistinctCases: number | null | undefined,
    windowDays: number | null | undefined,
    scope: StatisticsScope = 'ALL_CASES',
  ): Promise<BreachPattern[]> {
    this.checkCodes(filter ?? {});
    let occurrences: BreachOccurrence[];
    let visible: ReadonlySet<string>;
    if (scope === 'VISIBLE_CASES') {
      const ids = await this.exactCases(viewer);
      occurrences = await loadBreachOccurrences(this.db, ids);
      visible = new Set(ids);
    } else {
      const at = await statisticsCheckpoint(this.db, [BREACHES]);
      occurrences = await this.cached('breaches', at, () => loadBreachOccurrences(this.db));
      visible = await this.visibility.visibleCaseIds(viewer);
    }
    const rows = breachPatternRows(
      occurrences,
      { filter, minDistinctCases, windowDays },
      scope === 'VISIBLE_CASES' ? null : this.threshold,
      visible,
    );
    return rows.map((row) => ({
      dutyHolder: {
        ...row.dutyHolder,
        name:
          row.dutyHolder.kind === 'LA' && row.dutyHolder.localAuthorityCode !== null
            ? (this.register.findAny(row.dutyHolder.localAuthorityCode)?.name ??
              row.dutyHolder.name)
            : row.dutyHolder.name,
      },
      breachType: row.breachType,
      year: row.year,
      occurrences: row.occurrences,
      distinctCases: row.distinctCases,
      firstOccurredOn: row.firstOccurredOn,
      lastOccurredOn: row.lastOccurredOn,
      repeat: row.repeat,
      previousOccurrences: row.previousOccurrences,
      trend: row.trend,
      casesWithRepeatedBreach: {
        count: row.casesWithRepeatedBreach,
        caseIds: [...row.repeatedBreachCaseIds],
      },
      suppressed: row.suppressedFields.length > 0,
      suppressedFields: [...row.suppressedFields],
    }));
  }
}
