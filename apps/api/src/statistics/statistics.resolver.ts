import type { StatisticsDimension } from '@app/projections';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import type { Viewer } from '../auth/viewer';
import { OfficialAppealRate } from '../reference/official-appeal-rate.graphql';
import { OfficialAppealRatesService } from '../reference/official-appeal-rates.service';
import {
  AppealOutcomeStatistics,
  AppealStatisticsDimensionEnum,
  BreachPattern,
  OrderComplianceDimensionEnum,
  OrderComplianceStatistics,
  StatisticsScopeEnum,
  type StatisticsScope,
} from './statistics.graphql';
import {
  AppealStatisticsFilter,
  BreachPatternFilter,
  OrderComplianceFilter,
} from './statistics.inputs';
import { StatisticsService } from './statistics.service';

const scopeArg = {
  type: () => StatisticsScopeEnum,
  nullable: true,
  defaultValue: 'ALL_CASES',
  description:
    'ALL_CASES (under disclosure control) or VISIBLE_CASES (exact, only cases you may see).',
} as const;

/** Aggregates for every signed-in role; exact figures only over the caller's own visible cases. */
@Resolver(() => AppealOutcomeStatistics)
export class StatisticsResolver {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly officialRates: OfficialAppealRatesService,
  ) {}

  @Query(() => [AppealOutcomeStatistics], {
    description:
      'Appeal outcome statistics from the appeals recorded in the tracker, grouped by groupBy (none: one row for ' +
      'England). MoJ-comparable: academic years 1 September – 31 August; success rate = decided in favour ÷ ' +
      'decided. Rows without any appeal are left out. Suppressed counts are null with suppressed: true.',
  })
  appealOutcomeStatistics(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => AppealStatisticsFilter, nullable: true })
    filter: AppealStatisticsFilter | null,
    @Args('groupBy', { type: () => [AppealStatisticsDimensionEnum], nullable: true })
    groupBy: StatisticsDimension[] | null,
    @Args('scope', scopeArg) scope: StatisticsScope | null,
  ): Promise<AppealOutcomeStatistics[]> {
    return this.statistics.appealOutcomeStatistics(viewer, groupBy, filter, scope ?? 'ALL_CASES');
  }

  @ResolveField('official', () => OfficialAppealRate, {
    nullable: true,
    description:
      'The official DfE figures (appeals registered, appeal rate; all appeal types, calendar year) for the same ' +
      'authority — or England — and calendar year, exactly as published. Null unless the row is one authority ' +
      '(or all of England), one calendar year and all appeal types, or when DfE published nothing for it.',
  })
  official(@Parent() row: AppealOutcomeStatistics): Promise<OfficialAppealRate | null> {
    const key = row.officialKey;
    return key ? this.officialRates.forYear(key.code, key.year) : Promise.resolve(null);
  }

  @Query(() => [OrderComplianceStatistics], {
    description:
      'Compliance with tribunal orders per area and period of the order: made, complied on time, late (with days ' +
      'late), outstanding and overdue as of today.',
  })
  orderCompliance(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => OrderComplianceFilter, nullable: true })
    filter: OrderComplianceFilter | null,
    @Args('groupBy', { type: () => [OrderComplianceDimensionEnum], nullable: true })
    groupBy: StatisticsDimension[] | null,
    @Args('scope', scopeArg) scope: StatisticsScope | null,
  ): Promise<OrderComplianceStatistics[]> {
    return this.statistics.orderCompliance(viewer, groupBy, filter, scope ?? 'ALL_CASES');
  }

  @Query(() => [BreachPattern], {
    description:
      'Repeat-breach patterns per duty-holder × breach type × calendar year, with a repeat flag (at least ' +
      'minDistinctCases distinct cases within some window of windowDays days) and the trend against the year ' +
      'before.',
  })
  breachPatterns(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => BreachPatternFilter, nullable: true })
    filter: BreachPatternFilter | null,
    @Args('minDistinctCases', { type: () => Int, nullable: true, defaultValue: 3 })
    minDistinctCases: number | null,
    @Args('windowDays', { type: () => Int, nullable: true, defaultValue: 365 })
    windowDays: number | null,
    @Args('scope', scopeArg) scope: StatisticsScope | null,
  ): Promise<BreachPattern[]> {
    return this.statistics.breachPatterns(
      viewer,
      filter,
      minDistinctCases,
      windowDays,
      scope ?? 'ALL_CASES',
    );
  }
}
