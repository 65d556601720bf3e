import { Field, ObjectType } from '@nestjs/graphql';

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
}
