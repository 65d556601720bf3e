import type { LaDecisionKind, RecordedException, TransferKind } from '@app/domain';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  AdviceSourceEnum,
  LaDecisionKindEnum,
  RecordedExceptionEnum,
  RequesterEnum,
  TransferKindEnum,
} from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { MutationInput } from '../graphql/mutation-input';

const CASE_ID = { message: 'caseId must be the id of one of your cases.' };

@InputType()
export class RequestAssessmentInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LocalDateScalar, {
    description: 'The day the council received the request: the 6/16/20-week clocks start.',
  })
  @IsString()
  receivedOn!: string;
  @Field(() => RequesterEnum, { defaultValue: 'PARENT' })
  @IsIn(Object.values(RequesterEnum))
  requestedBy!: 'PARENT' | 'YOUNG_PERSON' | 'SCHOOL' | 'OTHER';
}

@InputType()
export class RequestReassessmentInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LocalDateScalar) @IsString() receivedOn!: string;
}

@InputType()
export class RecordAdviceRequestInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => AdviceSourceEnum) @IsIn(Object.values(AdviceSourceEnum)) from!:
    'HEALTH_BODY' | 'LA' | 'SCHOOL';
  @Field({ description: 'Who was asked, e.g. "Educational psychology service".' })
  @IsString()
  @MaxLength(200)
  bodyName!: string;
  @Field(() => LocalDateScalar) @IsString() requestedOn!: string;
}

@InputType()
export class RecordAdviceReceivedInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => ID) @IsUUID() adviceId!: string;
  @Field(() => LocalDateScalar) @IsString() receivedOn!: string;
}

@InputType()
export class RecordDecisionInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LaDecisionKindEnum) @IsIn(Object.values(LaDecisionKindEnum)) kind!: LaDecisionKind;
  @Field(() => LocalDateScalar, { description: 'The date the decision letter was sent.' })
  @IsString()
  decisionLetterOn!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Did the letter state the right of appeal?',
  })
  @IsOptional()
  @IsBoolean()
  appealRightsStated?: boolean | null;
}

@InputType()
export class RecordReviewMeetingInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LocalDateScalar) @IsString() heldOn!: string;
}

@InputType()
export class RecordPhaseTransferInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => TransferKindEnum) @IsIn(Object.values(TransferKindEnum)) kind!: TransferKind;
  @Field(() => Int) @IsInt() transferYear!: number;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'POST16_OTHER only: the date of the move.',
  })
  @IsOptional()
  @IsString()
  transferOn?: string | null;
}

@InputType()
export class RecordExceptionInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => RecordedExceptionEnum)
  @IsIn(Object.values(RecordedExceptionEnum))
  exception!: RecordedException;
  @Field(() => LocalDateScalar) @IsString() recordedOn!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?:
    string | null;
}
