import type { BreachType } from '@app/domain';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DutyHolderInput } from '../cases/case.inputs';
import { BreachTypeEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { MutationInput } from '../graphql/mutation-input';

@InputType({ description: 'A breach of a statutory duty you want on record (send-domain §3).' })
export class ReportBreachInput extends MutationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'caseId must be the id of one of your cases.' })
  caseId!: string;

  @Field(() => BreachTypeEnum)
  @IsIn(Object.values(BreachTypeEnum))
  breachType!: BreachType;

  @Field(() => DutyHolderInput)
  @ValidateNested()
  @Type(() => DutyHolderInput)
  dutyHolder!: DutyHolderInput;

  @Field({ description: 'The law broken, e.g. "SEND Regs 2014 reg 13(2)" or "CFA 2014 s.42".' })
  @IsString()
  @MaxLength(200)
  legalBasis!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Statutory guidance, e.g. "SEND Code of Practice 9.41".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  guidanceReference?: string | null;

  @Field(() => LocalDateScalar)
  @IsString()
  occurredOn!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'References to evidence (letter dates, file names), at most 20.',
  })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'At most 20 evidence references.' })
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  evidenceRefs?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'What happened, in your words (kept private to the case).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}
