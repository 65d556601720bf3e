import type {
  AppealOutcome,
  AppealType,
  DecisionExtent,
  DutyHolderType,
  OrderType,
} from '@app/domain';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ValidateNested,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  AppealOutcomeEnum,
  AppealTypeEnum,
  DecisionExtentEnum,
  DutyHolderKindEnum,
  OrderTypeEnum,
} from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { MutationInput } from '../graphql/mutation-input';

@InputType()
export class OpenCaseInput extends MutationInput {
  @Field({
    description:
      '3-digit DfE code of the local authority, e.g. 886 for Kent (see localAuthorities).',
  })
  @Matches(/^\d{3}$/, { message: 'localAuthorityCode must be a 3-digit DfE code, e.g. 886.' })
  localAuthorityCode!: string;

  @Field({
    description: 'How you refer to your child here, e.g. a first name (at most 100 characters).',
  })
  @IsString()
  @MaxLength(100, { message: 'childLabel must be at most 100 characters.' })
  childLabel!: string;
}

@InputType({
  description:
    'Who owed a duty. LA: localAuthorityCode; school: name (and URN); health body: name.',
})
export class DutyHolderInput {
  @Field(() => DutyHolderKindEnum)
  @IsIn(Object.values(DutyHolderKindEnum))
  kind!: DutyHolderType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'localAuthorityCode must be a 3-digit DfE code.' })
  localAuthorityCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, {
    message: 'name must not contain control characters.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'School URN (6 digits).' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'urn must be a 6-digit school URN.' })
  urn?: string | null;
}

@InputType({
  description: 'An order made with the outcome (reg 43/44), or what the LA agreed to do (reg 45).',
})
export class OrderInput {
  @Field(() => OrderTypeEnum)
  @IsIn(Object.values(OrderTypeEnum))
  type!: OrderType;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day the order was sent; defaults to decidedOn.',
  })
  @IsOptional()
  @IsString()
  madeOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'A date the tribunal set, where the regulations give none.',
  })
  @IsOptional()
  @IsString()
  directedDueOn?: string | null;
}

@InputType()
export class LodgeAppealInput extends MutationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'caseId must be the id of one of your cases.' })
  caseId!: string;

  @Field(() => [AppealTypeEnum], {
    description: 'What the appeal is about; one appeal can cover several types.',
  })
  @ArrayMinSize(1, { message: 'Choose at least one appeal type.' })
  @ArrayMaxSize(11, { message: 'There are only 11 appeal types.' })
  @IsIn(Object.values(AppealTypeEnum), { each: true })
  appealTypes!: AppealType[];

  @Field(() => LocalDateScalar, { description: 'The date the tribunal received the appeal.' })
  @IsString()
  lodgedOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of the decision letter appealed against.',
  })
  @IsOptional()
  decisionLetterOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the mediation certificate was issued.',
  })
  @IsOptional()
  mediationCertificateOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The LA decision appealed against, if recorded (recordDecision).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'decisionId must be the id of a decision recorded on this case.' })
  decisionId?: string | null;

  @Field(() => DutyHolderInput, {
    nullable: true,
    description: 'Disability discrimination claims: the school.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DutyHolderInput)
  respondent?: DutyHolderInput | null;
}

@InputType()
export class RecordAppealOutcomeInput extends MutationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'appealId must be the id of an appeal on one of your cases.' })
  appealId!: string;

  @Field(() => AppealOutcomeEnum)
  @IsIn(Object.values(AppealOutcomeEnum))
  outcome!: AppealOutcome;

  @Field(() => DecisionExtentEnum, {
    nullable: true,
    description: 'For DECIDED_IN_FAVOUR: in full or in part.',
  })
  @IsOptional()
  @IsIn(Object.values(DecisionExtentEnum))
  extent?: DecisionExtent | null;

  @Field(() => LocalDateScalar, {
    description: 'The date of the decision, withdrawal or concession.',
  })
  @IsString()
  decidedOn!: string;

  @Field(() => [OrderInput], {
    nullable: true,
    description: 'Orders made (or, for a concession, what the LA agreed).',
  })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'At most 10 orders.' })
  @ValidateNested({ each: true })
  @Type(() => OrderInput)
  orders?: OrderInput[] | null;
}
