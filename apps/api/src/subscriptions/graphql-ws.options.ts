import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Request } from 'express';
import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
  type ValidationRule,
} from 'graphql';
import type { RequestContext } from '../graphql/request-context';

/** How the HTTP side turns a request into a context (graphql.config.ts `buildContext`). */
export type ContextBuilder = (req: Request | undefined) => Promise<RequestContext>;
export type ErrorFormatter = (
  formatted: GraphQLFormattedError,
  raw: unknown,
) => GraphQLFormattedError;

/** The bearer token a graphql-ws client sends as connection parameters: `{ authorization: "Bearer <token>" }`. */
const authorizationOf = (
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined => {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The context of a subscription: the same token check as an HTTP request, fed from the connection parameters
 * (browsers cannot set headers on a WebSocket).
 */
export const subscriptionContext = async (
  build: ContextBuilder,
  params: Readonly<Record<string, unknown>> | undefined,
  extra?: unknown,
): Promise<RequestContext> => {
  const authorization = authorizationOf(params);
  const withToken = { headers: authorization === undefined ? {} : { authorization } } as Request;
  const { viewer, authError } = await build(withToken);
  // `req` is the WebSocket upgrade request (its headers, e.g. x-access-purpose, but never a token): code that reads
  // the request finds a real one, and Nest does not substitute graphql-ws's connection context for it.
  const upgrade = (extra as { request?: Request } | undefined)?.request;
  return { req: upgrade ?? ({ headers: {} } as Request), viewer, authError };
};

/**
 * graphql-ws on /graphql: a connection needs a valid token (else it is closed with 4403), only subscriptions may
 * run over it (queries and mutations go through HTTP, where Apollo's plugins, limits and CSRF checks apply), and
 * errors are formatted as over HTTP (no messages or stacks of unexpected errors).
 */
export const graphqlWsOptions = (
  build: ContextBuilder,
  formatError: ErrorFormatter,
  limits: {
    readonly validationRules?: readonly ValidationRule[] | undefined;
    readonly parseOptions?: ParseOptions | undefined;
  } = {},
): GraphQLWsSubscriptionsConfig => {
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));
  const rules = [...specifiedRules, ...(limits.validationRules ?? [])];
  // graphql-ws accepts `parse` and `validate` (Nest's type lists fewer options but passes them all through): the
  // same token cap and validation rules (depth, aliases, …) as over HTTP.
  const passedThrough: Pick<ServerOptions, 'parse' | 'validate' | 'onError'> = {
    parse: (source: string | Source): DocumentNode => parse(source, limits.parseOptions),
    validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, rules),
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
  return {
    ...(passedThrough as GraphQLWsSubscriptionsConfig),
    path: '/graphql',
    connectionInitWaitTimeout: 5000,
    onConnect: async (ctx) => {
      const context = await subscriptionContext(build, ctx.connectionParams);
      return context.viewer !== null;
    },
    onSubscribe: (_ctx, _id, payload) => {
      let operation;
      try {
        operation = getOperationAST(
          parse(payload.query, limits.parseOptions),
          payload.operationName ?? undefined,
        );
      } catch {
        return; // graphql-ws reports the syntax error itself
      }
      if (operation && operation.operation !== OperationTypeNode.SUBSCRIPTION) {
        return [
          new GraphQLError(
            'Only subscriptions run over WebSocket; send queries and mutations over HTTP.',
            {
              extensions: { code: 'BAD_REQUEST' },
            },
          ),
        ];
      }
      return;
    },
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: format(result.errors) } : undefined,
  };
};
