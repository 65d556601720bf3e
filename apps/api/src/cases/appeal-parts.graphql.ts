import type { ChallengeKind, DutyHolderType, OrderBasis, OrderType } from '@app/domain';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  ChallengeKindEnum,
  DutyHolderKindEnum,
  OrderBasisEnum,
  OrderTypeEnum,
  PartyEnum,
  RecommendationAddresseeEnum,
} from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType({ description: 'Who owed a duty: an LA by DfE code, a school or health body by name.' })
export class DutyHolderObject {
  @Field(() => DutyHolderKindEnum)
  kind!: DutyHolderType;
  @Field(() => String, { nullable: true })
  localAuthorityCode!: string | null;
  @Field(() => String, { nullable: true })
  name!: string | null;
  @Field(() => String, { nullable: true, description: 'School URN, when known.' })
  urn!: string | null;
}

@ObjectType()
export class LaResponse {
  @Field(() => LocalDateScalar)
  receivedOn!: string;
  @Field({ description: 'Whether the LA opposes the appeal.' })
  opposed!: boolean;
}

@ObjectType()
export class Adjournment {
  @Field(() => LocalDateScalar)
  adjournedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true })
  newHearingOn!: string | null;
  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType()
export class EvidenceItem {
  @Field(() => PartyEnum)
  party!: 'FAMILY' | 'LA';
  @Field(() => LocalDateScalar)
  submittedOn!: string;
}

@ObjectType({ description: 'What the LA must do after the appeal, and whether it did it in time.' })
export class TribunalOrder {
  @Field(() => ID)
  id!: string;
  @Field(() => OrderTypeEnum)
  type!: OrderType;
  @Field(() => OrderBasisEnum)
  basis!: OrderBasis;
  @Field(() => LocalDateScalar, {
    description: 'The day the order was sent (or the LA notified the tribunal, reg 45).',
  })
  madeOn!: string;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The statutory (or directed) due date.',
  })
  dueOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  compliedOn!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days late when complied after the due date (0 when on time).',
  })
  daysLate!: number | null;
}

@ObjectType()
export class DecisionChallenge {
  @Field(() => ID)
  id!: string;
  @Field(() => ChallengeKindEnum)
  kind!: ChallengeKind;
  @Field(() => LocalDateScalar)
  lodgedOn!: string;
  @Field(() => PartyEnum)
  by!: 'FAMILY' | 'LA';
  @Field(() => LocalDateScalar, { nullable: true })
  decidedOn!: string | null;
  @Field(() => Boolean, { nullable: true })
  granted!: boolean | null;
}

@ObjectType({
  description: 'Non-binding health and social care recommendations (extended appeals).',
})
export class HscRecommendation {
  @Field(() => ID)
  id!: string;
  @Field(() => LocalDateScalar)
  madeOn!: string;
  @Field(() => RecommendationAddresseeEnum)
  addressedTo!: 'LA_SOCIAL_CARE' | 'HEALTH_BODY';
  @Field(() => LocalDateScalar, { nullable: true })
  answeredOn!: string | null;
  @Field(() => Boolean, { nullable: true })
  followed!: boolean | null;
}
