import type { AppealType, LaDecisionKind, RecordedException, TransferKind } from '@app/domain';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  AdviceSourceEnum,
  AppealTypeEnum,
  LaDecisionKindEnum,
  RecordedExceptionEnum,
  TransferKindEnum,
} from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType({ description: 'A decision letter from the local authority.' })
export class LaDecision {
  @Field(() => ID)
  id!: string;
  @Field(() => LaDecisionKindEnum)
  kind!: LaDecisionKind;
  @Field(() => LocalDateScalar, { description: 'The day the decision letter was sent.' })
  decisionLetterOn!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the letter stated the right of appeal.',
  })
  appealRightsStated!: boolean | null;
  @Field(() => [AppealTypeEnum], {
    description: 'The appeals this decision opens (empty when none).',
  })
  appealableAs!: AppealType[];
}

@ObjectType()
export class StatutoryRequest {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'ASSESSMENT or REASSESSMENT.' })
  kind!: string;
  @Field(() => LocalDateScalar, {
    description: 'The day the LA received the request (the clocks start here).',
  })
  receivedOn!: string;
  @Field(() => String, { nullable: true })
  requestedBy!: string | null;
}

@ObjectType()
export class AdviceRequest {
  @Field(() => ID)
  id!: string;
  @Field(() => AdviceSourceEnum)
  from!: string;
  @Field()
  bodyName!: string;
  @Field(() => LocalDateScalar)
  requestedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true })
  receivedOn!: string | null;
}

@ObjectType()
export class ReviewMeeting {
  @Field(() => ID)
  id!: string;
  @Field(() => LocalDateScalar)
  heldOn!: string;
}

@ObjectType()
export class PhaseTransfer {
  @Field(() => ID)
  id!: string;
  @Field(() => TransferKindEnum)
  kind!: TransferKind;
  @Field(() => Int)
  transferYear!: number;
  @Field(() => LocalDateScalar, { nullable: true })
  transferOn!: string | null;
}

@ObjectType({ description: 'An exception to a time limit, as recorded (never assumed).' })
export class TimeLimitException {
  @Field(() => ID)
  id!: string;
  @Field(() => RecordedExceptionEnum)
  exception!: RecordedException;
  @Field(() => LocalDateScalar)
  recordedOn!: string;
}

@ObjectType()
export class Mediation {
  @Field(() => LocalDateScalar, { nullable: true })
  adviserContactedOn!: string | null;
  @Field(() => Boolean, { nullable: true })
  mediationWanted!: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true })
  mediationEndedOn!: string | null;
  @Field(() => Boolean, { nullable: true })
  agreementReached!: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true })
  certificateIssuedOn!: string | null;
}
