import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RoleEnum } from '../graphql/enums';
import type { Role } from './viewer';

@ObjectType({ description: 'The signed-in user.' })
export class ViewerObject {
  @Field(() => ID)
  id!: string;
  @Field(() => RoleEnum)
  role!: Role;
  @Field(() => String, { nullable: true, description: 'The advocacy organisation of an ADVOCATE.' })
  organisation!: string | null;
}
