import { Catch, type ExceptionFilter } from '@nestjs/common';

/**
 * Hands every resolver error to Apollo unchanged. Without it Nest logs expected refusals (FORBIDDEN, BAD_USER_INPUT)
 * as errors; `formatGraphQLError` logs the unexpected ones.
 */
@Catch()
export class RethrowToGraphqlFilter implements ExceptionFilter {
  catch(exception: unknown): never {
    throw exception;
  }
}
