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

@ObjectType({ description: 'An appeal (or claim) to the First-tier Tribunal (SEND).' })
export class Appeal {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  caseId!: string;
  @Field(() => [AppealTypeEnum])
  appealTypes!: AppealType[];
  @Field(() => AppealStageEnum, { description: 'Where the appeal stands.' })
  status!: 'LODGED' | 'CONCLUDED';
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
  @Field(() => AppealOutcomeEnum, { nullable: true })
  outcome!: AppealOutcome | null;
  @Field(() => DecisionExtentEnum, { nullable: true })
  extent!: DecisionExtent | null;
  @Field(() => LocalDateScalar, { nullable: true })
  decidedOn!: string | null;
  @Field(() => [TimelineEntry], { description: 'What happened on this appeal, oldest first.' })
  timeline!: TimelineEntry[];
}
