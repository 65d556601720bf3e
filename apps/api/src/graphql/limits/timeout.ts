import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';

/** When each request's time is up, by its GraphQL context object. */
const deadlines = new WeakMap<object, number>();

const duration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export const timedOut = (timeoutMs: number): GraphQLError =>
  new GraphQLError(
    `The request took longer than ${duration(timeoutMs)} and was stopped. A change may or may not have been ` +
      'saved: retry it with the same clientMutationId and it will not be recorded twice.',
    { extensions: { code: 'TIMEOUT' } },
  );

/** Starts each request's clock once its context is made (the fields' resolvers read it: `enforceDeadlines`). */
export const timeoutPlugin = (timeoutMs: number): ApolloServerPlugin<object> => ({
  requestDidStart({ contextValue }) {
    deadlines.set(contextValue, Date.now() + timeoutMs);
    return Promise.resolve();
  },
});

type Resolver = GraphQLFieldResolver<unknown, unknown>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/** Refuses to start the field once the request's time is up. */
const fieldWithDeadline =
  (resolve: Resolver, timeoutMs: number): Resolver =>
  (source, args, context, info) => {
    const deadline = deadlines.get(context as object);
    if (deadline !== undefined && Date.now() > deadline) throw timedOut(timeoutMs);
    return resolve(source, args, context, info);
  };

/**
 * A query or mutation field: refused once the time is up, and answered with TIMEOUT if it is still running at the
 * deadline (the work itself is not cancelled: a slow write may still complete, which the idempotency key makes safe
 * to retry).
 */
const rootWithDeadline =
  (resolve: Resolver, timeoutMs: number): Resolver =>
  (source, args, context, info) => {
    const deadline = deadlines.get(context as object);
    if (deadline === undefined) return resolve(source, args, context, info);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut(timeoutMs);
    const result = resolve(source, args, context, info);
    if (!isThenable(result)) return result;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(timedOut(timeoutMs)), remaining);
    });
    return Promise.race([result, late]).finally(() => clearTimeout(timer));
  };

/**
 * Puts the request deadline into every field of the schema (changed in place, and returned): a large query stops
 * resolving fields at the deadline instead of running on, and a root resolver still running then is answered with
 * TIMEOUT. A plain function around each resolver costs a clock read per field; Apollo's per-field plugin hook, which
 * did this before, wraps every field in promise bookkeeping. Requests without a deadline (subscriptions over
 * WebSocket, which are not timed) pass straight through, and subscription fields are left alone.
 */
export const enforceDeadlines = (schema: GraphQLSchema, timeoutMs: number): GraphQLSchema => {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) continue;
    const wrap = roots.has(type) ? rootWithDeadline : fieldWithDeadline;
    for (const field of Object.values(type.getFields()))
      field.resolve = wrap(field.resolve ?? defaultFieldResolver, timeoutMs);
  }
  return schema;
};
