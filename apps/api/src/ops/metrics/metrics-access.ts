import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Who may read `/metrics`. With METRICS_TOKEN: whoever sends `Authorization: Bearer <token>`. Without it: clients on
 * the loopback interface only, and never a request that passed through a proxy (a reverse proxy on the same host
 * would otherwise make every client look local).
 */
export const mayReadMetrics = (
  token: string | null,
  request: { readonly remoteAddress: string | undefined; readonly headers: IncomingHttpHeaders },
): boolean => {
  if (token !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && sameSecret(match[1], token);
  }
  const proxied =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.test(request.remoteAddress ?? '');
};
