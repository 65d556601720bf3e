import { EventStoreUnavailable } from '../event-store.port';

/** SQLSTATE classes meaning "the server cannot serve us now" rather than "this request is wrong". */
const UNAVAILABLE_SQLSTATE = [
  /^08/, // connection exception
  /^53/, // insufficient resources (too many connections, disk full)
  /^57P0[1-4]/, // admin/crash shutdown, cannot connect now, database dropped
  /^58/, // system error (I/O)
];

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** pg reports some transport failures only by message. */
const POOL_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end/i;

/**
 * Duck-typed on purpose: errors raised by Node's socket layer may come from another realm (Jest's sandbox, for one),
 * where `instanceof Error` is false.
 */
export function isUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE.some((re) => re.test(code))) return true;
  }
  // Node's connect with several addresses (happy eyeballs) reports an AggregateError.
  if (Array.isArray(errors) && errors.some(isUnavailableError)) return true;
  return typeof message === 'string' && POOL_MESSAGES.test(message);
}

/** Runs a database call, turning transport failures into EventStoreUnavailable and leaving the rest untouched. */
export async function mapUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailableError(error)) {
      const message = String((error as { message?: unknown }).message ?? error);
      throw new EventStoreUnavailable(`PostgreSQL event store unavailable: ${message}`, error);
    }
    throw error;
  }
}
