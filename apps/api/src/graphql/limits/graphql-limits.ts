import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Viewer } from '../../auth/viewer';
import type { AppConfig } from '../../config/config';
import { estimateCost, OBJECT_COST, SCALAR_COST, DEFAULT_LIST_SIZE } from './cost';
import { maxAliasesRule, maxDirectivesRule } from './count.rules';
import { maxDepthRule } from './depth.rule';
import { fragmentsOf } from './document-walk';
import { limitExceeded } from './limit-errors';
import { TokenBucketRateLimiter } from './rate-limiter';
import { enforceDeadlines, timeoutPlugin } from './timeout';

export type GraphqlLimitSettings = AppConfig['graphqlLimits'];

const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** The document limits as GraphQL validation rules (they run with the specified rules, on every document). */
export const limitValidationRules = (limits: GraphqlLimitSettings): ValidationRule[] => [
  maxDepthRule(limits.maxDepth),
  maxAliasesRule(limits.maxAliases),
  maxDirectivesRule(limits.maxDirectives),
];

/**
 * The cost limit needs the variables (`first: $n`), and Apollo caches validated documents without them, so it
 * runs once the operation is known, before execution. Also hides "Did you mean …?" hints in production, including
 * those in variable-coercion errors that Apollo's own `hideSchemaDetailsFromClientErrors` does not reach.
 */
const costAndSuggestionsPlugin = (
  limits: GraphqlLimitSettings,
  hideSuggestions: boolean,
): ApolloServerPlugin<object> => ({
  requestDidStart: () =>
    Promise.resolve({
      didResolveOperation: ({ document, operation, request, schema }) => {
        if (!operation) return Promise.resolve();
        const cost = estimateCost({
          schema,
          fragments: fragmentsOf(document),
          operation,
          variables: request.variables,
        });
        if (cost > limits.maxCost) {
          throw limitExceeded(
            'cost',
            `Query cost ${cost} exceeds the maximum of ${limits.maxCost} (each object ${OBJECT_COST}, each scalar ` +
              `${SCALAR_COST}, lists counted ${DEFAULT_LIST_SIZE} times or by their first argument): ask for fewer ` +
              'fields or a smaller page.',
            cost,
            limits.maxCost,
            [operation],
          );
        }
        return Promise.resolve();
      },
      didEncounterErrors: ({ errors }) => {
        if (hideSuggestions) {
          for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
        }
        return Promise.resolve();
      },
    }),
});

const rateLimited = (retryAfterSeconds: number, perMinute: number): GraphQLError =>
  new GraphQLError(
    `Too many requests: at most ${perMinute} a minute. Try again in ${retryAfterSeconds} s.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );

/** Everything the API limits per request, built once per app (the rate limiter keeps its buckets here). */
export interface GraphqlLimits {
  readonly apolloOptions: Pick<
    ApolloDriverConfig,
    | 'validationRules'
    | 'parseOptions'
    | 'plugins'
    | 'allowBatchedHttpRequests'
    | 'hideSchemaDetailsFromClientErrors'
  >;
  /** Puts the request deadline into every field of the schema (see `enforceDeadlines`). */
  enforceDeadlines(schema: GraphQLSchema): GraphQLSchema;
  /**
   * Runs while the request context is made, after the token is checked and before the document is parsed:
   * per-caller rate limit (viewer id, or IP without a valid token), then the query length.
   */
  checkRequest(req: Request | undefined, viewer: Viewer | null): void;
}

export const createGraphqlLimits = (
  config: AppConfig,
  now: () => number = Date.now,
): GraphqlLimits => {
  const limits = config.graphqlLimits;
  const limiter = new TokenBucketRateLimiter(config.rateLimitPerMinute, now);
  const production = config.env === 'production';
  return {
    apolloOptions: {
      validationRules: limitValidationRules(limits),
      // graphql-js stops parsing at this many tokens: a huge document costs no more than a small one.
      parseOptions: { maxTokens: limits.maxTokens },
      plugins: [costAndSuggestionsPlugin(limits, production), timeoutPlugin(limits.timeoutMs)],
      // One operation per request (Apollo's default, stated so it is not switched on by accident).
      allowBatchedHttpRequests: false,
      hideSchemaDetailsFromClientErrors: production,
    },
    enforceDeadlines: (schema) => enforceDeadlines(schema, limits.timeoutMs),
    checkRequest(req, viewer) {
      const caller = viewer
        ? `viewer:${viewer.id}`
        : `ip:${req?.ip ?? req?.socket?.remoteAddress ?? '?'}`;
      const decision = limiter.take(caller);
      if (!decision.allowed)
        throw rateLimited(decision.retryAfterSeconds, config.rateLimitPerMinute);
      const query = queryText(req);
      if (query !== null && query.length > limits.maxQueryLength) {
        throw limitExceeded(
          'queryLength',
          `The query has ${query.length} characters; the maximum is ${limits.maxQueryLength}.`,
          query.length,
          limits.maxQueryLength,
        );
      }
    },
  };
};

const queryText = (req: Request | undefined): string | null => {
  if (!req) return null;
  const source: unknown =
    req.method === 'GET' ? (req.query as Record<string, unknown> | undefined)?.['query'] : req.body;
  if (typeof source === 'string') return source;
  if (source && typeof source === 'object' && !Array.isArray(source)) {
    const query = (source as Record<string, unknown>)['query'];
    return typeof query === 'string' ? query : null;
  }
  return null;
};
