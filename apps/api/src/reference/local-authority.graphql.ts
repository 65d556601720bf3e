import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An English local authority as DfE identifies it.' })
export class LocalAuthority {
  @Field({ description: '3-digit DfE code, e.g. 886 (Kent).' })
  code!: string;
  @Field({ description: '9-character code used by DfE (E06/E08/E09/E10…).' })
  gssCode!: string;
  @Field()
  name!: string;
  @Field()
  region!: string;
  @Field()
  regionCode!: string;
  @Field({
    description:
      'False for a predecessor authority that no longer exists but appears in historic DfE series (Bournemouth, ' +
      'Poole, Northamptonshire, Cumbria).',
  })
  current!: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      'Year a predecessor authority was replaced (on 1 April); null for a current authority.',
  })
  endYear!: number | null;
  @Field(() => [String], {
    description:
      'DfE codes of the authorities that replaced a predecessor; empty for a current authority.',
  })
  replacedBy!: string[];
}
