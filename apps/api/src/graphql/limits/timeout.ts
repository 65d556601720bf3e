import type { ApolloServerPlugin } from '@apollo/server';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { throwError, timeout, type Observable } from 'rxjs';

/** When each request's time is up, by its GraphQL context object. */
const deadlines = new WeakMap<object, number>();

const duration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export const timedOut = (timeoutMs: number): GraphQLError =>
  new GraphQLError(
    `The request took longer than ${duration(timeoutMs)} and was stopped. A change may or may not have been ` +
      'saved: retry it with the same clientMutationId and it will not be recorded twice.',
    { extensions: { code: 'TIMEOUT' } },
  );

/**
 * Starts each request's clock (after its context is made) and refuses to resolve any field once the time is up,
 * so a large query stops doing work at the deadline instead of running on.
 */
export const timeoutPlugin = (timeoutMs: number): ApolloServerPlugin<object> => ({
  requestDidStart({ contextValue }) {
    const deadline = Date.now() + timeoutMs;
    deadlines.set(contextValue, deadline);
    return Promise.resolve({
      executionDidStart: () =>
        Promise.resolve({
          willResolveField: () => {
            if (Date.now() > deadline) throw timedOut(timeoutMs);
          },
        }),
    });
  },
});

/**
 * Answers a query or mutation resolver that is still running at the request's deadline with TIMEOUT (the work
 * itself is not cancelled: a slow write may still complete, which the idempotency key makes safe to retry).
 */
@Injectable()
export class ResolverTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly timeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const deadline = deadlines.get(GqlExecutionContext.create(context).getContext<object>());
    if (deadline === undefined) return next.handle();
    const remaining = deadline - Date.now();
    if (remaining <= 0) return throwError(() => timedOut(this.timeoutMs));
    return next
      .handle()
      .pipe(timeout({ first: remaining, with: () => throwError(() => timedOut(this.timeoutMs)) }));
  }
}
