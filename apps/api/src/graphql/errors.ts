import { GraphQLError } from 'graphql';

/** Stable codes clients rely on (product brief §4). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export const apiError = (
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError => new GraphQLError(message, { extensions: { code, ...extra } });

export const unauthenticated = (reason: string | null): GraphQLError =>
  apiError(
    'UNAUTHENTICATED',
    reason ?? 'Sign in: send a bearer token in the Authorization header.',
  );

export const forbidden = (message: string): GraphQLError => apiError('FORBIDDEN', message);

export const notFound = (what: string): GraphQLError =>
  apiError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);
