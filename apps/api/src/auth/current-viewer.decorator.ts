import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '../graphql/errors';
import type { RequestContext } from '../graphql/request-context';
import type { Viewer } from './viewer';

export const viewerOf = (context: ExecutionContext): Viewer => {
  const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
  if (!ctx.viewer) throw unauthenticated(ctx.authError);
  return ctx.viewer;
};

/** The authenticated caller; the request fails with UNAUTHENTICATED without a valid token. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  viewerOf(context),
);
