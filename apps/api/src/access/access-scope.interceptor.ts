import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Observable, map } from 'rxjs';
import type { RequestContext } from '../graphql/request-context';
import { accessScope, purposeFrom, type AccessScope } from './access-scope';

const isAsyncIterator = (value: unknown): value is AsyncIterator<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  Symbol.asyncIterator in value &&
  typeof (value as { next?: unknown }).next === 'function';

/**
 * A subscription's deliveries are read later, outside the resolver's call: each step of its iterator runs in the
 * scope too, so the reads it audits are named after the subscription.
 */
const inScope = <T>(iterator: AsyncIterator<T>, scope: AccessScope): AsyncIterableIterator<T> => {
  const bound: AsyncIterableIterator<T> = {
    next: (...args: [] | [unknown]) => accessScope.run(scope, () => iterator.next(...args)),
    return: (value?: unknown) =>
      accessScope.run(
        scope,
        () =>
          iterator.return?.(value as T) ??
          Promise.resolve({ done: true, value: value as T } as IteratorResult<T>),
      ),
    throw: (error?: unknown) =>
      accessScope.run(
        scope,
        () =>
          iterator.throw?.(error) ??
          Promise.reject(error instanceof Error ? error : new Error(String(error))),
      ),
    [Symbol.asyncIterator]: () => bound,
  };
  return bound;
};

/**
 * Global: every GraphQL operation resolver runs inside an AccessScope naming it (`Query.case`) and the purpose the
 * caller stated, so the read audit can say what was read and why.
 */
@Injectable()
export class AccessScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const scope: AccessScope = {
      operation: `${info.parentType.name}.${info.fieldName}`,
      purpose: purposeFrom(gql.getContext<RequestContext>().req),
    };
    // Subscribing inside run(): the resolver is called on subscription, so its whole async chain sees the scope.
    return new Observable<unknown>((subscriber) =>
      accessScope.run(scope, () => next.handle().subscribe(subscriber)),
    ).pipe(map((value) => (isAsyncIterator(value) ? inScope(value, scope) : value)));
  }
}
