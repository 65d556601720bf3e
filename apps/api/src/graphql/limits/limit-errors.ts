import { GraphQLError, type ASTNode } from 'graphql';

/** Which limit refused the request; sent as `extensions.limit` so clients and logs can tell them apart. */
export type LimitName =
  | 'depth'
  | 'introspectionDepth'
  | 'introspectionListDepth'
  | 'aliases'
  | 'directives'
  | 'cost'
  | 'queryLength';

/**
 * A document refused by a limit: `GRAPHQL_VALIDATION_FAILED` with HTTP 400 (like every other invalid document), a
 * message that says what was counted and the maximum, and `extensions.limit`/`maximum`/`actual`.
 */
export const limitExceeded = (
  limit: LimitName,
  message: string,
  actual: number,
  maximum: number,
  nodes?: readonly ASTNode[],
): GraphQLError =>
  new GraphQLError(message, {
    ...(nodes ? { nodes } : {}),
    extensions: {
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit,
      maximum,
      actual,
      http: { status: 400, headers: new Map<string, string>() },
    },
  });
