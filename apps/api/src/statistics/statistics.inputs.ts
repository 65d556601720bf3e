import type { AppealType, BreachType, DutyHolderType } from '@app/domain';
import { Field, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { AppealTypeEnum, BreachTypeEnum, DutyHolderKindEnum } from '../graphql/enums';

const MAX = 500;

@InputType({
  description: 'Which appeals to count. Each list narrows the rows; leave it out for all.',
})
export class AppealStatisticsFilter {
  @Field(() => [String], { nullable: true, description: '3-digit DfE LA codes, e.g. "886".' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @Matches(/^\d{3}$/, { each: true, message: 'A local authority code has 3 digits, e.g. 886.' })
  localAuthorityCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Region codes, e.g. "E12000008".' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @Matches(/^E\d{8}$/, { each: true, message: 'A region code looks like E12000008.' })
  regionCodes?: string[] | null;

  @Field(() => [AppealTypeEnum], {
    nullable: true,
    description:
      'Several types only together with groupBy APPEAL_TYPE (an appeal may have several).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsIn(Object.values(AppealTypeEnum), { each: true })
  appealTypes?: AppealType[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Academic years as MoJ writes them, e.g. "2023/24". Not with calendarYears.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsString({ each: true })
  academicYears?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Calendar years. Not with academicYears.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsInt({ each: true })
  calendarYears?: number[] | null;
}

@InputType({ description: 'Which tribunal orders to count (by the year they were made in).' })
export class OrderComplianceFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @Matches(/^\d{3}$/, { each: true, message: 'A local authority code has 3 digits, e.g. 886.' })
  localAuthorityCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @Matches(/^E\d{8}$/, { each: true, message: 'A region code looks like E12000008.' })
  regionCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'e.g. "2024/25". Not with calendarYears.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsString({ each: true })
  academicYears?: string[] | null;

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsInt({ each: true })
  calendarYears?: number[] | null;
}

@InputType({ description: 'Which breach patterns to return (rows are never added up).' })
export class BreachPatternFilter {
  @Field(() => [DutyHolderKindEnum], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsIn(Object.values(DutyHolderKindEnum), { each: true })
  dutyHolderKinds?: DutyHolderType[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The duty-holder’s LA (an LA itself, or the LA area of a school or other body).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @Matches(/^\d{3}$/, { each: true, message: 'A local authority code has 3 digits, e.g. 886.' })
  localAuthorityCodes?: string[] | null;

  @Field(() => [BreachTypeEnum], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsIn(Object.values(BreachTypeEnum), { each: true })
  breachTypes?: BreachType[] | null;

  @Field(() => [Int], { nullable: true, description: 'Calendar years.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX)
  @IsInt({ each: true })
  years?: number[] | null;
}
