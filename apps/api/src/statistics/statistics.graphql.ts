import type { AppealType, BreachType, DutyHolderType } from '@app/domain';
import { STATISTICS_DIMENSIONS } from '@app/projections';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AppealTypeEnum, BreachTypeEnum, DutyHolderKindEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

const asEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;

export const AppealStatisticsDimensionEnum = asEnum(STATISTICS_DIMENSIONS);
export const OrderComplianceDimensionEnum = asEnum(
  STATISTICS_DIMENSIONS.filter((d) => d !== 'APPEAL_TYPE'),
);
export const STATISTICS_SCOPES = ['ALL_CASES', 'VISIBLE_CASES'] as const;
export type StatisticsScope = (typeof STATISTICS_SCOPES)[number];
export const StatisticsScopeEnum = asEnum(STATISTICS_SCOPES);
export const BreachTrendEnum = asEnum(['UP', 'DOWN', 'SAME', 'NEW'] as const);

registerEnumType(AppealStatisticsDimensionEnum, {
  name: 'AppealStatisticsDimension',
  description:
    'What to group by. LOCAL_AUTHORITY, REGION or ENGLAND (one row for the country — also what no area ' +
    'dimension gives); ACADEMIC_YEAR (1 September – 31 August, as MoJ) or CALENDAR_YEAR (as the DfE per-LA ' +
    'series), not both; APPEAL_TYPE (an appeal with several types then counts once under each of them — and only ' +
    'then).',
});
registerEnumType(OrderComplianceDimensionEnum, {
  name: 'OrderComplianceDimension',
  description:
    'What to group by: LOCAL_AUTHORITY, REGION or ENGLAND; ACADEMIC_YEAR or CALENDAR_YEAR of the order.',
});
registerEnumType(StatisticsScopeEnum, {
  name: 'StatisticsScope',
  description:
    'ALL_CASES (default): every case in the tracker, with disclosure control for every role — counts from 1 to ' +
    'the threshold (default 5) minus one are suppressed, with secondary suppression. VISIBLE_CASES: exact ' +
    'figures over only the cases you may see yourself (a family its own cases, an advocate the cases shared ' +
    'with its organisation); not available to POLICY or ADMIN, who see no case.',
  valuesMap: {
    ALL_CASES: { description: 'All cases, with disclosure control.' },
    VISIBLE_CASES: { description: 'Only the cases you may see, exact.' },
  },
});
registerEnumType(BreachTrendEnum, {
  name: 'BreachTrend',
  description:
    'Occurrences against the previous year: UP, DOWN, SAME, or NEW (none the year before).',
});

const SUPPRESSED =
  'Null when suppressed (listed in suppressedFields), never shown as 0; a true 0 is shown as 0 unless it had to be ' +
  'hidden as a secondary cell.';

@ObjectType({
  description:
    'Appeal outcome statistics for one group (see AppealStatisticsDimension), from the appeals recorded in the ' +
    'tracker. Period basis, as MoJ: `registered` counts an appeal in the period of its registration by the ' +
    'tribunal (of its lodging while not registered); every outcome counts in the period of the outcome date. ' +
    'Success rate as MoJ: decided in the appellant’s favour (in full or in part) ÷ decided by the tribunal ' +
    '(in favour + dismissed); withdrawn, conceded, consent orders and struck out are shown beside it and never ' +
    'in the denominator. Figures for ALL_CASES are under disclosure control: see `suppressed`.',
})
export class AppealOutcomeStatistics {
  @Field(() => String, {
    nullable: true,
    description: 'When grouped by local authority: its 3-digit DfE code.',
  })
  localAuthorityCode!: string | null;
  @Field(() => String, { nullable: true })
  localAuthorityName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The region (E12…) of the local authority, or the region grouped by.',
  })
  regionCode!: string | null;
  @Field(() => String, { nullable: true })
  regionName!: string | null;
  @Field({
    description:
      'LOCAL_AUTHORITY, REGION or ENGLAND. An ENGLAND row filtered to some authorities or regions covers only them.',
  })
  areaLevel!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'When grouped by academic year: e.g. "2023/24" (1 September 2023 – 31 August 2024).',
  })
  academicYear!: string | null;
  @Field(() => Int, { nullable: true, description: 'When grouped by calendar year.' })
  calendarYear!: number | null;
  @Field(() => AppealTypeEnum, { nullable: true, description: 'When grouped by appeal type.' })
  appealType!: AppealType | null;

  @Field(() => Int, {
    nullable: true,
    description: `Appeals registered (by registration date; lodging date until registered). ${SUPPRESSED}`,
  })
  registered!: number | null;
  @Field(() => Int, { nullable: true, description: `Withdrawn (by outcome date). ${SUPPRESSED}` })
  withdrawn!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Conceded by the LA (by outcome date). ${SUPPRESSED}`,
  })
  conceded!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Consent orders (by outcome date). ${SUPPRESSED}`,
  })
  consentOrders!: number | null;
  @Field(() => Int, { nullable: true, description: `Struck out (by outcome date). ${SUPPRESSED}` })
  struckOut!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Decided by the tribunal = decidedInFavour + dismissed (by outcome date). ${SUPPRESSED}`,
  })
  decided!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Decided in the appellant’s favour, in full or in part. ${SUPPRESSED}`,
  })
  decidedInFavour!: number | null;
  @Field(() => Int, { nullable: true, description: SUPPRESSED })
  decidedInFavourInFull!: number | null;
  @Field(() => Int, { nullable: true, description: SUPPRESSED })
  decidedInFavourInPart!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Dismissed: the LA’s decision upheld. ${SUPPRESSED}`,
  })
  dismissed!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'decidedInFavour ÷ decided, from 0 to 1 (0.983 = 98.3%). Null when nothing was decided (decided = 0) and ' +
      'when decided or decidedInFavour is suppressed (then also listed in suppressedFields).',
  })
  successRate!: number | null;
  @Field({ description: 'True when any figure of the row is suppressed.' })
  suppressed!: boolean;
  @Field(() => [String], { description: 'The fields of this row that are suppressed.' })
  suppressedFields!: string[];

  /** The official series' key for `official`: an LA code or ENG, and a calendar year (not a GraphQL field). */
  officialKey!: { code: string; year: number } | null;
}

@ObjectType({
  description:
    'Compliance with tribunal orders (and reg 45 / reg 42 duties) for one group, by the period the order was ' +
    'made in. Due dates come from the deadline engine (SEND Regs 2014 regs 42, 44, 45), else the date the ' +
    'tribunal set; an order without either is never late or overdue. Figures for ALL_CASES are under disclosure ' +
    'control: see `suppressed`.',
})
export class OrderComplianceStatistics {
  @Field(() => String, { nullable: true })
  localAuthorityCode!: string | null;
  @Field(() => String, { nullable: true })
  localAuthorityName!: string | null;
  @Field(() => String, { nullable: true })
  regionCode!: string | null;
  @Field(() => String, { nullable: true })
  regionName!: string | null;
  @Field({ description: 'LOCAL_AUTHORITY, REGION or ENGLAND.' })
  areaLevel!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Academic year of the orders, e.g. "2024/25".',
  })
  academicYear!: string | null;
  @Field(() => Int, { nullable: true, description: 'Calendar year of the orders.' })
  calendarYear!: number | null;
  @Field(() => LocalDateScalar, {
    description: 'The day outstanding orders were judged overdue on (today).',
  })
  asOf!: string;
  @Field(() => Int, { nullable: true, description: `Orders made. ${SUPPRESSED}` })
  ordersMade!: number | null;
  @Field(() => Int, { nullable: true, description: `Complied with by the due date. ${SUPPRESSED}` })
  compliedOnTime!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Complied with after the due date. ${SUPPRESSED}`,
  })
  compliedLate!: number | null;
  @Field(() => Int, { nullable: true, description: `Not complied with yet. ${SUPPRESSED}` })
  outstanding!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Outstanding and past the due date as of asOf. ${SUPPRESSED}`,
  })
  overdue!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days late added up over the late orders; null when compliedLate is suppressed.',
  })
  totalDaysLate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Days late per late order; null when none was late or compliedLate is suppressed.',
  })
  averageDaysLate!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The most days late; null when none was late or compliedLate is suppressed.',
  })
  maxDaysLate!: number | null;
  @Field()
  suppressed!: boolean;
  @Field(() => [String])
  suppressedFields!: string[];
}

@ObjectType({ description: 'Who owed the duty.' })
export class BreachDutyHolder {
  @Field({
    description:
      'Identity used for grouping: LA:<code>; SCHOOL:urn:<URN>; otherwise <kind>:<LA code>:<name> (names repeat ' +
      'across the country, so a body without a national identifier is told apart by LA area).',
  })
  key!: string;
  @Field(() => DutyHolderKindEnum)
  kind!: DutyHolderType;
  @Field(() => String, {
    nullable: true,
    description: 'The LA itself, or the LA area of the school or body.',
  })
  localAuthorityCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'As first recorded (the LA’s name for an LA).',
  })
  name!: string | null;
  @Field(() => String, { nullable: true })
  urn!: string | null;
}

@ObjectType()
export class RepeatedBreachCases {
  @Field(() => Int, {
    nullable: true,
    description: `Cases that suffered this breach type from this duty-holder more than once in the year. ${SUPPRESSED}`,
  })
  count!: number | null;
  @Field(() => [ID], {
    description:
      'Those of them you may see yourself (a family’s own cases, an advocate’s shared cases); always empty for ' +
      'POLICY and ADMIN.',
  })
  caseIds!: string[];
}

@ObjectType({
  description:
    'Breaches of one type by one duty-holder in one calendar year. Reported (by families and advocates) and ' +
    'detected (a missed statutory deadline) breaches both count; a detected breach that was later remedied still ' +
    'counts. For ALL_CASES, a row with fewer distinct cases than the disclosure threshold shows only its key.',
})
export class BreachPattern {
  @Field(() => BreachDutyHolder)
  dutyHolder!: BreachDutyHolder;
  @Field(() => BreachTypeEnum)
  breachType!: BreachType;
  @Field(() => Int, {
    description: 'Calendar year of the occurrences (date reported / day after the deadline).',
  })
  year!: number;
  @Field(() => Int, { nullable: true, description: SUPPRESSED })
  occurrences!: number | null;
  @Field(() => Int, { nullable: true, description: SUPPRESSED })
  distinctCases!: number | null;
  @Field(() => LocalDateScalar, { nullable: true })
  firstOccurredOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  lastOccurredOn!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'A repeat pattern: at least minDistinctCases distinct cases within some window of windowDays consecutive ' +
      'days ending on an occurrence of this year (the window may reach into the year before).',
  })
  repeat!: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Occurrences of the previous year, as published (0 when there were none).',
  })
  previousOccurrences!: number | null;
  @Field(() => BreachTrendEnum, { nullable: true })
  trend!: 'UP' | 'DOWN' | 'SAME' | 'NEW' | null;
  @Field(() => RepeatedBreachCases)
  casesWithRepeatedBreach!: RepeatedBreachCases;
  @Field()
  suppressed!: boolean;
  @Field(() => [String])
  suppressedFields!: string[];
}
