import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/request-context';
import { accessScope, purposeFrom, type AccessScope } from './access-scope';

type Resolver = GraphQLFieldResolver<unknown, RequestContext>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

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

const scopeOf = (context: RequestContext | undefined, operation: string): AccessScope => ({
  operation,
  purpose: purposeFrom(context?.req),
});

/** A query or mutation field: its whole resolution (guards, pipes, the resolver's async chain) runs in the scope. */
const scopedResolve =
  (resolve: Resolver, operation: string): Resolver =>
  (source, args, context, info) =>
    accessScope.run(scopeOf(context, operation), () => resolve(source, args, context, info));

/** A subscription field: subscribing runs in the scope, and so does every step of the iterator it gives. */
const scopedSubscribe =
  (subscribe: Resolver, operation: string): Resolver =>
  (source, args, context, info) => {
    const scope = scopeOf(context, operation);
    const bind = (value: unknown): unknown =>
      isAsyncIterator(value) ? inScope(value, scope) : value;
    return accessScope.run(scope, () => {
      const result = subscribe(source, args, context, info);
      return isThenable(result) ? Promise.resolve(result).then(bind) : bind(result);
    });
  };

/**
 * Every GraphQL operation field runs inside an AccessScope naming it (`Query.case`) and the purpose the caller
 * stated, so the read audit can say what was read and why. Put into the schema's root fields (changed in place, and
 * returned) rather than into a Nest interceptor, whose per-call Observable plumbing cost more than the scope.
 */
export const withAccessScopes = (schema: GraphQLSchema): GraphQLSchema => {
  const roots: (GraphQLObjectType | null | undefined)[] = [
    schema.getQueryType(),
    schema.getMutationType(),
  ];
  for (const type of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = scopedResolve(field.resolve, `${type.name}.${field.name}`);
    }
  }
  const subscription = schema.getSubscriptionType();
  for (const field of Object.values(subscription?.getFields() ?? {})) {
    if (field.subscribe)
      field.subscribe = scopedSubscribe(field.subscribe, `${subscription!.name}.${field.name}`);
  }
  return schema;
};
