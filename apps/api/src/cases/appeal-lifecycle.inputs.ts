import type { ChallengeKind } from '@app/domain';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ChallengeKindEnum, PartyEnum, RecommendationAddresseeEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { MutationInput } from '../graphql/mutation-input';

const CASE_ID = { message: 'caseId must be the id of one of your cases.' };
const APPEAL_ID = { message: 'appealId must be the id of an appeal on one of your cases.' };

@InputType()
export class RecordMediationAdviserContactInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => ID, { nullable: true, description: 'The LA decision this is about, if recorded.' })
  @IsOptional()
  @IsUUID()
  decisionId?: string | null;
  @Field(() => LocalDateScalar) @IsString() contactedOn!: string;
  @Field({ description: 'Whether the family wants mediation (reg 33).' })
  @IsBoolean()
  mediationWanted!: boolean;
}

@InputType()
export class RecordMediationInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LocalDateScalar, { description: 'The day mediation ended.' })
  @IsString()
  endedOn!: string;
  @Field() @IsBoolean() agreementReached!: boolean;
}

@InputType()
export class RecordMediationCertificateInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;
  @Field(() => LocalDateScalar) @IsString() issuedOn!: string;
}

@InputType()
export class RegisterAppealInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field({ description: 'The tribunal reference on the registration letter.' })
  @IsString()
  @MaxLength(30)
  @Matches(/^[A-Za-z0-9/ -]+$/, {
    message: 'tribunalReference may contain letters, digits, spaces, / and -.',
  })
  tribunalReference!: string;
  @Field(() => LocalDateScalar) @IsString() registeredOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsString() responseDueOn?:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsString() evidenceDueOn?:
    string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsString() hearingOn?:
    string | null;
}

@InputType()
export class RecordLaResponseInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() receivedOn!: string;
  @Field({ description: 'Whether the LA opposes the appeal.' }) @IsBoolean() opposed!: boolean;
}

@InputType()
export class RecordEvidenceInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() submittedOn!: string;
  @Field(() => PartyEnum) @IsIn(Object.values(PartyEnum)) party!: 'FAMILY' | 'LA';
}

@InputType()
export class RecordHearingBundleInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() sentOn!: string;
}

@InputType()
export class ScheduleHearingInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() hearingOn!: string;
}

@InputType()
export class AdjournHearingInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() adjournedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() @IsString() newHearingOn?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?:
    string | null;
}

@InputType()
export class RecordHearingHeldInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() heldOn!: string;
}

@InputType()
export class RecordOrderComplianceInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => ID)
  @IsUUID('all', { message: 'orderId must be the id of an order on this appeal.' })
  orderId!: string;
  @Field(() => LocalDateScalar, { description: 'The day the LA did what it was ordered to do.' })
  @IsString()
  compliedOn!: string;
}

@InputType()
export class LodgeDecisionChallengeInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => ChallengeKindEnum) @IsIn(Object.values(ChallengeKindEnum)) kind!: ChallengeKind;
  @Field(() => LocalDateScalar) @IsString() lodgedOn!: string;
  @Field(() => PartyEnum) @IsIn(Object.values(PartyEnum)) by!: 'FAMILY' | 'LA';
}

@InputType()
export class RecordChallengeDecisionInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => ID) @IsUUID() challengeId!: string;
  @Field(() => LocalDateScalar) @IsString() decidedOn!: string;
  @Field() @IsBoolean() granted!: boolean;
}

@InputType()
export class RecordHscRecommendationsInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => LocalDateScalar) @IsString() madeOn!: string;
  @Field(() => RecommendationAddresseeEnum)
  @IsIn(Object.values(RecommendationAddresseeEnum))
  addressedTo!: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
}

@InputType()
export class RecordHscAnswerInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', APPEAL_ID) appealId!: string;
  @Field(() => ID) @IsUUID() recommendationId!: string;
  @Field(() => LocalDateScalar) @IsString() answeredOn!: string;
  @Field({ description: 'Whether the LA/health body will follow the recommendations.' })
  @IsBoolean()
  followed!: boolean;
}
