import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import { withAccessScopes } from '../access/access-scope.resolvers';
import type { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/config';
import { graphqlMetricsPlugin } from '../ops/metrics/graphql-metrics.plugin';
import type { Metrics } from '../ops/metrics/metrics';
import { graphqlWsOptions, subscriptionContext } from '../subscriptions/graphql-ws.options';
import { formatGraphQLError } from './format-error';
import { createGraphqlLimits } from './limits/graphql-limits';
import { noStorePlugins } from './no-store.plugin';
import type { RequestContext } from './request-context';

const bearer = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
};

/** Verifies the bearer token once per request; resolvers read the result from the context. */
export const buildContext = async (
  auth: AuthService,
  req: Request | undefined,
): Promise<RequestContext> => {
  const token = bearer(req?.headers.authorization);
  if (!token) {
    const sent = req?.headers.authorization !== undefined;
    return {
      req,
      viewer: null,
      authError: sent ? 'The Authorization header must be "Bearer <token>".' : null,
    };
  }
  try {
    return { req, viewer: await auth.verify(token), authError: null };
  } catch (error) {
    return {
      req,
      viewer: null,
      authError: error instanceof Error ? error.message : 'Invalid token.',
    };
  }
};

export const graphqlOptions = (
  config: AppConfig,
  auth: AuthService,
  metrics?: Metrics,
): ApolloDriverConfig => {
  // Depth, aliases, directives, tokens, cost, query length, timeout, rate limit, batching off (README "Limits").
  const limits = createGraphqlLimits(config);
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // GraphiQL is served by bootstrap.ts from local assets; Apollo's own (CDN-based) landing pages stay off.
    graphiql: false,
    playground: false,
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    ...limits.apolloOptions,
    // Each operation field names its access scope for the read audit, outside the request deadline's check.
    transformSchema: (schema) => withAccessScopes(limits.enforceDeadlines(schema)),
    plugins: [
      ...(limits.apolloOptions.plugins ?? []),
      ...noStorePlugins(),
      ...(metrics ? [graphqlMetricsPlugin(metrics)] : []),
    ],
    // graphql-ws on the same path; the same token check, limits' validation rules and error formatting.
    subscriptions: {
      'graphql-ws': graphqlWsOptions((req) => buildContext(auth, req), formatGraphQLError, {
        validationRules: limits.apolloOptions.validationRules,
        parseOptions: limits.apolloOptions.parseOptions,
      }),
    },
    context: async ({
      req,
      extra,
      connectionParams,
    }: {
      req?: Request;
      extra?: unknown;
      connectionParams?: Readonly<Record<string, unknown>>;
    }) => {
      // graphql-ws calls this with its connection context (no req); Apollo with { req, res }.
      if (req === undefined && extra !== undefined)
        return subscriptionContext((r) => buildContext(auth, r), connectionParams, extra);
      const context = await buildContext(auth, req);
      limits.checkRequest(req, context.viewer);
      return context;
    },
    formatError: formatGraphQLError,
  };
};
