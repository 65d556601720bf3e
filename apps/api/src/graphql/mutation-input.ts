import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';

const CLIENT_MUTATION_ID = /^[\x21-\x7e]{1,100}$/;

/** Every mutation input takes an idempotency key: a retry with the same key is not duplicated. */
@InputType({ isAbstract: true })
export abstract class MutationInput {
  @Field({
    nullable: true,
    description:
      'Idempotency key chosen by the client (1–100 printable ASCII characters). Retrying with the same key returns the first result and changes nothing.',
  })
  @IsOptional()
  @Matches(CLIENT_MUTATION_ID, {
    message: 'clientMutationId must be 1–100 printable ASCII characters without spaces.',
  })
  clientMutationId?: string;
}
