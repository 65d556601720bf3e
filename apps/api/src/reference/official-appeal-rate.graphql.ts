import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'One calendar year of the official DfE series "SEND Tribunals and appeal rate 2014-2024" (appeals registered: ' +
    'HMCTS; appealable decisions: DfE SEN2) for one local authority or England, exactly as published. Calendar ' +
    'years, so totals differ from MoJ academic-year statistics.',
})
export class OfficialAppealRate {
  @Field({
    description:
      'The 3-digit DfE code of the authority the row belongs to (by its name: the source prints wrong codes for ' +
      'some authorities), or ENG for the England total (ONS E92000001).',
  })
  localAuthorityCode!: string;
  @Field({ description: 'The name as published, footnote markers removed.' })
  localAuthorityName!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The code printed in the source (null when blank); differs from localAuthorityCode where the source is wrong.',
  })
  sourceLocalAuthorityCode!: string | null;
  @Field(() => Int)
  year!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'SEND Tribunal appeals registered in the year.',
  })
  appealsRegistered!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Total appealable decisions: refused assessment requests + assessments ending without a plan + EHC plans in ' +
      'January + plans ceased because needs were met without one.',
  })
  appealableDecisions!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Appeal rate in percent (appeals ÷ appealable decisions), as published: 6.6 means 6.6%.',
  })
  ratePct!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: '2024 only: the "in development" appealable-decisions denominator.',
  })
  inDevelopmentAppealableDecisions!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: '2024 only: the appeal rate in percent on the "in development" denominator.',
  })
  inDevelopmentRatePct!: number | null;
  @Field({ description: 'A value was published as "-" (nil) and is given as 0.' })
  nil!: boolean;
  @Field({
    description:
      'Appeals, decisions or rate were published as ".." or "x" (not available) and are null.',
  })
  notAvailable!: boolean;
  @Field({ description: 'The "in development" figures were published as not available.' })
  inDevelopmentNotAvailable!: boolean;
  @Field({ description: 'A value was published as "~" (suppressed) and is null.' })
  suppressed!: boolean;
  @Field({
    description:
      'The published values look wrong (e.g. the 2024 denominators of Cambridgeshire and Central Bedfordshire look ' +
      'swapped); they are given as published, see notes.',
  })
  suspect!: boolean;
  @Field(() => [String], {
    description:
      'Corrections made on import, caveats and the source footnotes that apply to the row.',
  })
  notes!: string[];
}
