import type { AppealOutcome, AppealType, DecisionExtent } from '@app/domain';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  AppealOutcomeEnum,
  AppealStageEnum,
  AppealTypeEnum,
  DecisionExtentEnum,
} from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { LocalAuthority } from '../reference/local-authority.graphql';
import { TimelineEntry } from './timeline.graphql';
import { Deadline, NextAction } from './deadline.graphql';
import { Breach } from '../breaches/breach.graphql';
import {
  Adjournment,
  DecisionChallenge,
  DutyHolderObject,
  EvidenceItem,
  HscRecommendation,
  LaResponse,
  TribunalOrder,
} from './appeal-parts.graphql';
import type { AppealStage } from '@app/projections';

@ObjectType({ description: 'An appeal (or claim) to the First-tier Tribunal (SEND).' })
export class Appeal {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  caseId!: string;
  @Field(() => [AppealTypeEnum])
  appealTypes!: AppealType[];
  @Field(() => AppealStageEnum, { description: 'Where the appeal stands.' })
  status!: AppealStage;
  @Field()
  localAuthorityCode!: string;
  @Field(() => LocalAuthority, { nullable: true })
  localAuthority!: LocalAuthority | null;
  @Field(() => LocalDateScalar)
  lodgedOn!: string;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of the decision letter appealed against.',
  })
  decisionLetterOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  mediationCertificateOn!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The LA decision appealed against, when recorded here.',
  })
  decisionId!: string | null;
  @Field(() => DutyHolderObject, {
    nullable: true,
    description: 'Disability discrimination claims: the school.',
  })
  respondent!: DutyHolderObject | null;
  @Field(() => String, { nullable: true })
  tribunalReference!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  registeredOn!: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Directed date for the LA response.',
  })
  responseDueOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Directed date for evidence.' })
  evidenceDueOn!: string | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The hearing date currently fixed.',
  })
  hearingOn!: string | null;
  @Field(() => LaResponse, { nullable: true })
  laResponse!: LaResponse | null;
  @Field(() => [EvidenceItem])
  evidence!: EvidenceItem[];
  @Field(() => LocalDateScalar, { nullable: true })
  bundleSentOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true })
  hearingHeldOn!: string | null;
  @Field(() => [Adjournment])
  adjournments!: Adjournment[];
  @Field({ description: 'Conceded before the LA responded (reg 45).' })
  unopposed!: boolean;
  @Field(() => [TribunalOrder])
  orders!: TribunalOrder[];
  @Field(() => [DecisionChallenge])
  challenges!: DecisionChallenge[];
  @Field(() => [HscRecommendation])
  recommendations!: HscRecommendation[];
  @Field(() => AppealOutcomeEnum, { nullable: true })
  outcome!: AppealOutcome | null;
  @Field(() => DecisionExtentEnum, { nullable: true })
  extent!: DecisionExtent | null;
  @Field(() => LocalDateScalar, { nullable: true })
  decidedOn!: string | null;
  @Field(() => [TimelineEntry], { description: 'What happened on this appeal, oldest first.' })
  timeline!: TimelineEntry[];
  @Field(() => [Deadline], {
    description: 'This appeal’s deadlines (and its orders’), with status as of today.',
  })
  deadlines!: Deadline[];
  @Field(() => [NextAction], { description: 'What to do next about this appeal.' })
  nextActions!: NextAction[];
  @Field(() => [Breach], { description: 'Breaches detected on this appeal’s deadlines.' })
  breaches!: Breach[];
}
