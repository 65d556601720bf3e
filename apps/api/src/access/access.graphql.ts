import type { Role } from '../auth/viewer';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../cases/case.graphql';
import { RoleEnum } from '../graphql/enums';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType({
  description: 'The family’s consent for an advocacy organisation to see and work on the case.',
})
export class AccessGrant {
  @Field({ description: 'The organisation, as named in its advocates’ sign-in tokens.' })
  organisation!: string;
  @Field(() => LocalDateScalar)
  grantedOn!: string;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day of access (inclusive); null = until revoked.',
  })
  expiresOn!: string | null;
  @Field({ description: 'Whether the grant is in force today.' })
  active!: boolean;
}

@ObjectType({ description: 'One read of the case’s data: who, what, when and why.' })
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'When (ISO 8601 instant).' })
  readAt!: string;
  @Field(() => ID, { description: 'Who: the reader’s user id.' })
  readerId!: string;
  @Field(() => RoleEnum)
  readerRole!: Role;
  @Field(() => String, { nullable: true, description: 'The advocate’s organisation.' })
  readerOrganisation!: string | null;
  @Field({ description: 'What: the operation that returned the data, e.g. Query.case.' })
  operation!: string;
  @Field({ description: 'Why: the purpose the reader gave, or the default for their role.' })
  purpose!: string;
}

@ObjectType()
export class AccessLogEdge {
  @Field()
  cursor!: string;
  @Field(() => AccessLogEntry)
  node!: AccessLogEntry;
}

@ObjectType({ description: 'Who read the case, newest first.' })
export class AccessLogConnection {
  @Field(() => [AccessLogEdge])
  edges!: AccessLogEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
