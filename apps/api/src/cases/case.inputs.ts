import type { AppealOutcome, AppealType, DecisionExtent } from '@app/domain';
import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { AppealOutcomeEnum, AppealTypeEnum, DecisionExtentEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

const CLIENT_MUTATION_ID = /^[\x21-\x7e]{1,100}$/;

/** Every mutation input takes an idempotency key: a retry with the same key is not duplicated. */
@InputType({ isAbstract: true })
abstract class MutationInput {
  @Field({
    nullable: true,
    description:
      'Idempotency key chosen by the client (1–100 printable ASCII characters). Retrying with the same key returns the first result and changes nothing.',
  })
  @IsOptional()
  @Matches(CLIENT_MUTATION_ID, {
    message: 'clientMutationId must be 1–100 printable ASCII characters without spaces.',
  })
  clientMutationId?: string;
}

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
}
