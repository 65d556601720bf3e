import type { BreachType } from '@app/domain';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DutyHolderObject } from '../cases/appeal-parts.graphql';
import { BreachTypeEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType({
  description:
    'A breach of a statutory duty: reported by a person, or detected from a missed deadline.',
})
export class Breach {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  caseId!: string;
  @Field({ description: 'REPORTED or DETECTED.' })
  source!: string;
  @Field(() => BreachTypeEnum)
  breachType!: BreachType;
  @Field(() => DutyHolderObject)
  dutyHolder!: DutyHolderObject;
  @Field()
  legalBasis!: string;
  @Field(() => String, { nullable: true })
  guidanceReference!: string | null;
  @Field(() => LocalDateScalar)
  occurredOn!: string;
  @Field(() => [String])
  evidenceRefs!: string[];
  @Field(() => String, { nullable: true, description: 'The family’s own words (personal data).' })
  notes!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'For a detected breach: the deadline rule missed.',
  })
  ruleId!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  dueOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  detectedOn!: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'When the late action finally happened.',
  })
  remediedOn!: string | null;
  @Field(() => Int, { nullable: true })
  daysLate!: number | null;
}
