import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import type { Request } from 'express';
import type { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/config';
import { formatGraphQLError } from './format-error';
import type { RequestContext } from './request-context';

const bearer = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
};

/** Verifies the bearer token once per request; resolvers read the result from the context. */
export const buildContext = async (
  auth: AuthService,
  req: Request | undefined,
): Promise<RequestContext> => {
  const token = bearer(req?.headers.authorization);
  if (!token) {
    const sent = req?.headers.authorization !== undefined;
    return {
      req,
      viewer: null,
      authError: sent ? 'The Authorization header must be "Bearer <token>".' : null,
    };
  }
  try {
    return { req, viewer: await auth.verify(token), authError: null };
  } catch (error) {
    return {
      req,
      viewer: null,
      authError: error instanceof Error ? error.message : 'Invalid token.',
    };
  }
};

export const graphqlOptions = (config: AppConfig, auth: AuthService): ApolloDriverConfig => ({
  driver: ApolloDriver,
  path: '/graphql',
  autoSchemaFile: true,
  sortSchema: true,
  // GraphiQL is served by bootstrap.ts from local assets; Apollo's own (CDN-based) landing pages stay off.
  graphiql: false,
  playground: false,
  introspection: config.env !== 'production',
  includeStacktraceInErrorResponses: false,
  csrfPrevention: true,
  context: ({ req }: { req?: Request }) => buildContext(auth, req),
  formatError: formatGraphQLError,
});
