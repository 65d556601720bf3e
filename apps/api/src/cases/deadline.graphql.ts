import type { BreachType, DutyHolderKind } from '@app/domain';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BreachTypeEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { DutyHolderObject } from './appeal-parts.graphql';

export enum DeadlineStatusEnum {
  MET = 'MET',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(DeadlineStatusEnum, {
  name: 'DeadlineStatus',
  description: 'As of today in England.',
});

export enum NextActionKindEnum {
  FAMILY_DEADLINE = 'FAMILY_DEADLINE',
  CHASE_OVERDUE = 'CHASE_OVERDUE',
  WAIT = 'WAIT',
}
registerEnumType(NextActionKindEnum, { name: 'NextActionKind' });

@ObjectType()
export class DeadlineStart {
  @Field({ description: 'The event that started the clock.' })
  eventType!: string;
  @Field(() => LocalDateScalar, { nullable: true })
  on!: string | null;
}

@ObjectType({ description: 'A statutory deadline of the case, with the rule that produced it.' })
export class Deadline {
  @Field({ description: 'Stable within the case.' })
  key!: string;
  @Field({ description: 'The rule id, e.g. EHC_FINAL_PLAN_20WK.' })
  rule!: string;
  @Field()
  title!: string;
  @Field({ description: 'The law, e.g. "SEND Regs 2014 reg 13(2)".' })
  citation!: string;
  @Field(() => LocalDateScalar)
  dueOn!: string;
  @Field(() => DeadlineStatusEnum)
  status!: DeadlineStatusEnum;
  @Field({ description: 'What it means, in plain English.' })
  explanation!: string;
  @Field(() => String, {
    description: 'FAMILY, LA, TRIBUNAL, HEALTH_BODY, MEDIATION_ADVISER or SCHOOL.',
  })
  dutyHolderKind!: DutyHolderKind;
  @Field(() => DutyHolderObject, { nullable: true })
  dutyHolder!: DutyHolderObject | null;
  @Field(() => DeadlineStart)
  startedBy!: DeadlineStart;
  @Field(() => LocalDateScalar, { nullable: true })
  metOn!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Met late, or overdue: days past the due date.',
  })
  daysLate!: number | null;
  @Field()
  exceptionApplies!: boolean;
  @Field(() => String, { nullable: true })
  notApplicableReason!: string | null;
  @Field(() => BreachTypeEnum, {
    nullable: true,
    description: 'The breach a missed deadline is; null for family/tribunal.',
  })
  breachType!: BreachType | null;
}

@ObjectType({ description: 'What to do next, in plain English.' })
export class NextAction {
  @Field(() => NextActionKindEnum)
  kind!: NextActionKindEnum;
  @Field(() => LocalDateScalar)
  dueOn!: string;
  @Field()
  text!: string;
  @Field()
  deadlineKey!: string;
}
