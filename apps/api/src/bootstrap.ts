import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/config';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssetFiles } from './graphql/graphiql/graphiql-assets';
import { graphiqlPage } from './graphql/graphiql/graphiql.page';
import { bodyErrorHandler } from './graphql/limits/body-errors';

/** Creates the app as `main` runs it (used by e2e tests too), without listening. */
export const createApp = async (config: AppConfig, clock?: Clock): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clock), {
    // Held until the pino logger (nestjs-pino, JSON lines, LOG_LEVEL) takes over below.
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  // A case event is a few hundred bytes; anything near this limit is abuse, not data.
  app.useBodyParser('json', { limit: '100kb' });
  // Too large / not JSON: a GraphQL error in JSON with its 4xx status, never Express's HTML page with a stack.
  app.use(bodyErrorHandler('100 kB'));
  // SIGTERM/SIGINT → app.close(), which runs in this order (test/graceful-shutdown.e2e.spec.ts):
  // 1. GraphQL stops: WebSocket subscriptions close, the HTTP server stops accepting and in-flight requests finish
  //    (Apollo's drain plugin; their read-your-writes still see the projection runner, which is still running);
  // 2. the projection runner finishes its current batch (checkpoint stored with it) and releases its locks;
  // 3. the pub/sub, then the stores, close.
  app.enableShutdownHooks();
  const assets = config.graphiql ? graphiqlAssetFiles() : null;
  if (assets) {
    app.use(`${GRAPHIQL_ASSETS_PATH}/:file`, (req: Request, res: Response) => {
      const file = assets[String(req.params['file'])];
      if (file) res.sendFile(file, { maxAge: '1d' });
      else res.status(404).end();
    });
    app.use('/graphql', graphiqlPage('/graphql'));
  }
  return app;
};
