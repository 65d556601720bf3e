import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { MutationInput } from '../graphql/mutation-input';

const CASE_ID = { message: 'caseId must be the id of one of your cases.' };
// Printable, no control characters; the identity provider's organisation identifier.
// eslint-disable-next-line no-control-regex
const ORGANISATION = /^[^\u0000-\u001f\u007f]{1,100}$/;

@InputType()
export class GrantAccessInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;

  @Field({ description: 'The advocacy organisation to share the case with (its identifier).' })
  @IsString()
  @MaxLength(100, { message: 'organisation must be at most 100 characters.' })
  @Matches(ORGANISATION, { message: 'organisation must be 1–100 printable characters.' })
  organisation!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day of access (inclusive, today or later); omit to share until you revoke.',
  })
  @IsOptional()
  @IsString()
  expiresOn?: string | null;
}

@InputType()
export class RevokeAccessInput extends MutationInput {
  @Field(() => ID) @IsUUID('all', CASE_ID) caseId!: string;

  @Field({ description: 'The organisation to stop sharing the case with.' })
  @IsString()
  @MaxLength(100, { message: 'organisation must be at most 100 characters.' })
  @Matches(ORGANISATION, { message: 'organisation must be 1–100 printable characters.' })
  organisation!: string;
}
