import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { Appeal } from './appeal.graphql';
import { LocalAuthority } from '../reference/local-authority.graphql';
import { TimelineEntry } from './timeline.graphql';
import { Deadline, NextAction } from './deadline.graphql';
import { Breach } from '../breaches/breach.graphql';
import {
  AdviceRequest,
  LaDecision,
  Mediation,
  PhaseTransfer,
  ReviewMeeting,
  StatutoryRequest,
  TimeLimitException,
} from './process.graphql';

@ObjectType({
  description: "A child's SEND case, as seen by the family and advocates they share it with.",
})
export class Case {
  @Field(() => ID)
  id!: string;
  @Field({ description: '3-digit DfE code of the local authority responsible.' })
  localAuthorityCode!: string;
  @Field(() => LocalAuthority, { nullable: true })
  localAuthority!: LocalAuthority | null;
  @Field({
    description: 'How the family refers to the child (personal data); "[erased]" once erased.',
  })
  childLabel!: string;
  @Field(() => LocalDateScalar)
  openedOn!: string;
  @Field({
    description:
      'Whether the personal data of the case was erased: its personal fields then read as "[erased]" or null, while dates, appeals, outcomes, deadlines and breaches stay.',
  })
  erased!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When it was erased.' })
  erasedOn!: string | null;
  @Field(() => [StatutoryRequest], { description: 'Assessment and re-assessment requests.' })
  requests!: StatutoryRequest[];
  @Field(() => [AdviceRequest])
  advice!: AdviceRequest[];
  @Field(() => [LaDecision])
  decisions!: LaDecision[];
  @Field(() => [ReviewMeeting])
  reviews!: ReviewMeeting[];
  @Field(() => [PhaseTransfer])
  transfers!: PhaseTransfer[];
  @Field(() => [TimeLimitException])
  exceptions!: TimeLimitException[];
  @Field(() => Mediation)
  mediation!: Mediation;
  @Field(() => [Appeal])
  appeals!: Appeal[];
  @Field(() => [Breach])
  breaches!: Breach[];
  @Field(() => [Deadline], {
    description: 'Every statutory deadline of the case, with status as of today.',
  })
  deadlines!: Deadline[];
  @Field(() => [NextAction], { description: 'What to do next, most urgent first.' })
  nextActions!: NextAction[];
  @Field(() => [TimelineEntry])
  timeline!: TimelineEntry[];
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class CaseEdge {
  @Field()
  cursor!: string;
  @Field(() => Case)
  node!: Case;
}

@ObjectType()
export class CaseConnection {
  @Field(() => [CaseEdge])
  edges!: CaseEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
