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
/** How long the service waits at start for the national tables before it takes requests anyway. */
const STARTUP_WARM_MS = 10_000;
/** Answers kept for the current national tables (distinct questions; the least recently asked go first). */
const MAX_ANSWERS = 256;

interface Cached<T> {
  readonly key: string;
  readonly value: Promise<T>;
}

interface NationalTables {
  /** Where the statistics read model stood (checkpoint and version) and the threshold. */
  readonly key: string;
  readonly tables: Promise<AppealStatisticsTables>;
}

/** A row given to several callers: frozen, so none can change what the next one gets. */
const frozen = (row: AppealOutcomeStatistics): AppealOutcomeStatistics => {
  Object.freeze(row.suppressedFields);
  if (row.officialKey) Object.freeze(row.officialKey);
  return Object.freeze(row);
};

const sortedList = <T>(values: ReadonlySet<T> | null): T[] | null =>
  values === null ? null : [...values].sort();

/** The question a checked request asks, in one canonical form (order and repetition of values do not matter). */
const questionOf = (request: StatisticsRequest): string =>
  JSON.stringify([
    request.geography,
    request.period,
    request.byType,
    sortedList(request.localAuthorityCodes),
    sortedList(request.regionCodes),
    sortedList(request.appealTypes),
    sortedList(request.academicYears),
    sortedList(request.calendarYears),
  ]);

/**
 * The groupings, filters, suppression and access rules shared by the GraphQL queries and the CSV export.
 *
 * National appeal statistics (scope ALL_CASES) are computed from the read model's counters, under disclosure
 * control, once per state of the read model (its checkpoint), and the answer to each distinct question is kept for
 * that state: a repeated question costs a lookup. When the read model moves (a new event), the next question
 * recomputes — lazily, nothing is done after each projected batch — and incrementally: only the measures whose
 * counts changed are suppressed again, in slices that leave the event loop to other requests.
 */
@Injectable()
export class StatisticsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Statistics');
  private readonly cache = new Map<string, Cached<unknown>>();
  private national: NationalTables | null = null;
  /** Answers for the national tables of `answersKey`, by question. */
  private readonly answers = new Map<string, readonly AppealOutcomeStatistics[]>();
  private answersKey: string | null = null;
  private stopped = false;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: LocalAuthoritiesService,
    private readonly visibility: StatisticsVisibility,
  ) {}

  /**
   * Computes the national appeal tables before the service takes requests (bounded by STARTUP_WARM_MS; on a store
   * of a million events they take a second or two), so the first national question is answered from memory and the
   * computation does not compete with the first requests.
   */
  async onApplicationBootstrap(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const warm = this.nationalAppealTables().catch((error: unknown) => {
      if (!this.stopped) this.logger.warn(`Could not precompute statistics: ${String(error)}`);
    });
    await Promise.race([
      warm,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STARTUP_WARM_MS);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  onModuleDestroy(): void {
    this.stopped = true;
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

  /**
   * The national appeal tables for where the read model stands now. Requests at the same point share one
   * computation; a computation for a newer point starts from the latest tables and suppresses again only the
   * measures whose inputs changed.
   */
  private async nationalAppealTables(): Promise<{ key: string; tables: AppealStatisticsTables }> {
    const key = `${await statisticsCheckpoint(this.db, [APPEALS])}|${this.threshold}`;
    const current = this.national;
    if (current?.key === key) return { key, tables: await current.tables };
    const tables = (async () => {
      const previous = current ? await current.tables.catch(() => null) : null;
      return buildAppealStatisticsInSteps(
        await loadAppealCounts(this.db),
        this.regionOf,
        this.threshold,
        previous,
      );
    })();
    const next: NationalTables = { key, tables };
    this.national = next;
    // A failure is not kept: the next request tries again (from the last tables that were computed).
    tables.catch(() => {
      if (this.national === next) this.national = current;
    });
    return { key, tables: await tables };
  }

  /** The answer to a question already asked of these tables, or computes and keeps it. */
  private nationalAnswer(
    key: string,
    request: StatisticsRequest,
    compute: () => AppealOutcomeStatistics[],
  ): readonly AppealOutcomeStatistics[] {
    if (this.answersKey !== key) {
      // The read model moved: answers for the earlier state are of no use any more.
      this.answers.clear();
      this.answersKey = key;
    }
    const question = questionOf(request);
    const known = this.answers.get(question);
    if (known) {
      this.answers.delete(question);
      this.answers.set(question, known);
      return known;
    }
    const rows = Object.freeze(compute().map(frozen));
    this.answers.set(question, rows);
    if (this.answers.size > MAX_ANSWERS) {
      const oldest = this.answers.keys().next();
      if (!oldest.done) this.answers.delete(oldest.value);
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
    // The register's regions only when a region is asked for (most questions name none).
    if (!filter.regionCodes?.length) return;
    const regions = new Set(
      this.register.all({ includePredecessors: true }).map((la) => la.regionCode),
    );
    for (const code of filter.regionCodes) {
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
    // Frozen rows shared by every caller asking the same question of the same tables (nothing writes to them).
    return this.nationalAnswer(key, request, () =>
      appealStatisticsRows(tables, request).map((row) => this.appealRow(row, request)),
    ) as AppealOutcomeStatistics[];
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
