/**
 * An error as logs may show it: its type and code, never its message. Messages of parser and driver errors quote
 * their input (`Unexpected token … "<the body>"`, `invalid input syntax … "<a value>"`), which may be personal data.
 */
export const safeError = (error: unknown): Record<string, unknown> => {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  // An Error, or what pino-http's own serializer already made of one ({ type, message, stack, … }).
  const { name, type, code, status, statusCode } = error as {
    name?: unknown;
    type?: unknown;
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
  };
  const httpStatus = status ?? statusCode;
  const kind = error instanceof Error ? error.name : (type ?? name);
  return {
    type: typeof kind === 'string' ? kind : 'object',
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof httpStatus === 'number' ? { status: httpStatus } : {}),
  };
};

/** `safeError` as text, for the app's one-line log messages. */
export const describeError = (error: unknown): string =>
  Object.entries(safeError(error))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
