import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextWillSendResponse,
} from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Metrics } from './metrics';

/** Operation names are chosen by clients: only sane ones become labels, and only so many (cardinality). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_NAMES = 200;

/** Where the plugin leaves the operation's label for the request log (read by the pino-http `customProps`). */
export const OPERATION_LABEL = Symbol('graphqlOperationLabel');

const rootFields = (operation: OperationDefinitionNode | undefined): string | null => {
  const fields = (operation?.selectionSet.selections ?? [])
    .flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
    .sort();
  return fields.length > 0 ? fields.slice(0, 3).join('+') : null;
};

/**
 * Times every GraphQL operation over HTTP and counts the errors in its response by `extensions.code` (after
 * `formatGraphQLError`, so the codes are the stable ones clients see). Neither labels nor logs carry variables,
 * messages or anything else from the request body.
 */
export const graphqlMetricsPlugin = (metrics: Metrics): ApolloServerPlugin<BaseContext> => {
  const names = new Set<string>();
  const labelOf = (ctx: GraphQLRequestContextWillSendResponse<BaseContext>): string => {
    const name = ctx.operationName ?? null;
    if (name && NAME.test(name) && (names.has(name) || names.size < MAX_NAMES)) {
      names.add(name);
      return name;
    }
    // Anonymous, odd or one name too many: the root fields, which the schema bounds.
    return rootFields(ctx.operation) ?? (ctx.document ? 'anonymous' : 'unparsed');
  };
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse(ctx) {
          const operation = labelOf(ctx);
          const type = ctx.operation?.operation ?? 'unknown';
          metrics.graphqlSeconds.observe(
            { operation, type },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
          const body = ctx.response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.['code'];
            metrics.graphqlErrors.inc({
              operation,
              code: typeof code === 'string' && NAME.test(code) ? code : 'UNKNOWN',
            });
          }
          const req = (ctx.contextValue as { req?: Record<symbol, unknown> }).req;
          if (req) req[OPERATION_LABEL] = `${type} ${operation}`;
          return Promise.resolve();
        },
      });
    },
  };
};
