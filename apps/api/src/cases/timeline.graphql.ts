import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType({ description: 'One event in the life of a case, in the order it was recorded.' })
export class TimelineEntry {
  @Field(() => Int, { description: 'Position in the case history (1 = first).' })
  position!: number;
  @Field({ description: 'The event type, e.g. AppealLodged.' })
  type!: string;
  @Field(() => LocalDateScalar, {
    description: 'When it happened (the date on the letter, the hearing…).',
  })
  occurredOn!: string;
  @Field({ description: 'When it was recorded here (ISO 8601 instant).' })
  recordedAt!: string;
  @Field({ description: 'What happened, in plain English.' })
  summary!: string;
  @Field(() => ID, { nullable: true })
  appealId!: string | null;
}
