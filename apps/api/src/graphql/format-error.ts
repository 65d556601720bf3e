import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@app/domain';
import {
  EventStoreUnavailable,
  IdempotencyConflict,
  StreamVersionConflict,
} from '@app/event-store';
import { Logger } from '@nestjs/common';
import { describeError } from '../ops/logging/safe-error';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const logger = new Logger('GraphQL');

/** Codes produced by GraphQL/Apollo itself for malformed requests; safe to pass through. */
const PASS_THROUGH = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const shape = (
  formatted: GraphQLFormattedError,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLFormattedError => ({
  message,
  ...(formatted.locations ? { locations: formatted.locations } : {}),
  ...(formatted.path ? { path: formatted.path } : {}),
  extensions,
});

/**
 * Maps every error to a stable `extensions.code` and a message a family can read. Unknown errors are logged and
 * masked: no stack trace or internal detail ever leaves the server.
 */
export const formatGraphQLError = (
  formatted: GraphQLFormattedError,
  raw: unknown,
): GraphQLFormattedError => {
  const error = unwrapResolverError(raw);
  if (error instanceof DomainError) {
    const field = 'field' in error ? (error as { field?: unknown }).field : undefined;
    return shape(formatted, error.message, { code: error.code, ...(field ? { field } : {}) });
  }
  if (error instanceof StreamVersionConflict) {
    return shape(
      formatted,
      'Someone else changed this case at the same moment. Please try again.',
      {
        code: 'CONFLICT',
      },
    );
  }
  if (error instanceof IdempotencyConflict) {
    return shape(formatted, 'This clientMutationId was already used for a different change.', {
      code: 'CONFLICT',
    });
  }
  if (error instanceof EventStoreUnavailable) {
    logger.error(`Event store unavailable: ${error.message}`);
    return shape(
      formatted,
      'The service cannot reach its database right now; nothing was saved. Please try again.',
      {
        code: 'SERVICE_UNAVAILABLE',
      },
    );
  }
  const code = formatted.extensions?.['code'];
  if (error instanceof GraphQLError && typeof code === 'string' && PASS_THROUGH.has(code)) {
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      originalError: _original,
      ...rest
    } = formatted.extensions ?? {};
    return shape(formatted, formatted.message, rest);
  }
  // Type, code and stack frames only: the message of an unexpected error may quote the request's input.
  const frames =
    error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  logger.error([`Unexpected error (${describeError(error)})`, ...frames].join('\n'));
  return shape(formatted, 'Something went wrong on our side. Please try again later.', {
    code: 'INTERNAL_SERVER_ERROR',
  });
};
