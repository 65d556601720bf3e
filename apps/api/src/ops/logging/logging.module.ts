import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { levels, stdTimeFunctions, type Bindings } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../config/config';
import { OPERATION_LABEL } from '../metrics/graphql-metrics.plugin';
import { safeError } from './safe-error';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether a line at `level` is written when the configured level is `configured`. */
const writes = (level: string, configured: string): boolean =>
  (levels.values[level] ?? Infinity) >= (levels.values[configured] ?? Infinity);

/** The path without its query string: a GraphQL GET carries the query and its variables there. */
export const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

/**
 * JSON lines on stdout through pino: one line per HTTP request (method, path, status, time, request id, GraphQL
 * operation name) and the app's own messages. Never request bodies, query strings, headers or GraphQL variables;
 * the Authorization header is redacted should anything ever log it.
 */
export const pinoHttpOptions = (config: AppConfig): Options => ({
  level: config.ops.logLevel,
  base: { service: 'send-tracker-api' },
  timestamp: stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-api-key"]',
      'res.headers["set-cookie"]',
      'headers.authorization',
      'authorization',
      'token',
      'variables',
    ],
    censor: '[redacted]',
  },
  genReqId: (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    return id;
  },
  serializers: {
    req: (req: { id?: unknown; method?: string; url?: string }) => ({
      id: req.id,
      method: req.method,
      path: pathOf(req.url),
    }),
    res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    err: safeError,
  },
  // Nothing before the operation is known: pino-http makes a child logger for any object returned, even `{}`.
  customProps: ((req: IncomingMessage): Bindings | undefined => {
    const operation = (req as unknown as Record<symbol, unknown>)[OPERATION_LABEL];
    return typeof operation === 'string' ? { graphqlOperation: operation } : undefined;
  }) as Options['customProps'],
  // A line below the configured level is not assembled at all ('silent'), rather than built and then dropped.
  customLogLevel: (_req, res, error) => {
    const level = error || res.statusCode >= 500 ? 'error' : 'info';
    return writes(level, config.ops.logLevel) ? level : 'silent';
  },
  // Probes and scrapes every few seconds would drown everything else.
  autoLogging: {
    ignore: (req) => /^\/(health|metrics)(\/|$)/.test(pathOf(req.url)),
  },
});

export const loggingModule = (config: AppConfig): DynamicModule =>
  LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config) });
