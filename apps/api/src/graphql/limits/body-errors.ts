import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

interface BodyParserError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly type?: unknown;
}

const statusOf = (error: unknown): number => {
  const { status, statusCode } = (error ?? {}) as BodyParserError;
  if (typeof status === 'number') return status;
  if (typeof statusCode === 'number') return statusCode;
  return 500;
};

/**
 * Errors from reading the request body (too large, not JSON, bad charset) answered as GraphQL errors in JSON with
 * their 4xx status, instead of Express's HTML page (which outside production shows a stack trace).
 */
export const bodyErrorHandler =
  (limitDescription: string) =>
  (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    const type = (error as BodyParserError | null)?.type;
    let code = 'BAD_REQUEST';
    let message = 'The request body could not be read.';
    if (status === 413) {
      code = 'PAYLOAD_TOO_LARGE';
      message = `The request body is larger than the limit of ${limitDescription}.`;
    } else if (type === 'entity.parse.failed') {
      message = 'The request body is not valid JSON.';
    } else if (status < 400 || status >= 500) {
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      code = 'INTERNAL_SERVER_ERROR';
      message = 'Something went wrong on our side. Please try again later.';
    }
    res
      .status(code === 'INTERNAL_SERVER_ERROR' ? 500 : status)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
