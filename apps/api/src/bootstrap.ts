import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/config';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssetFiles } from './graphql/graphiql/graphiql-assets';
import { graphiqlPage } from './graphql/graphiql/graphiql.page';

/** Creates the app as `main` runs it (used by e2e tests too), without listening. */
export const createApp = async (config: AppConfig, clock?: Clock): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clock), {
    logger: config.env === 'test' ? ['error', 'warn'] : ['log', 'warn', 'error'],
    bodyParser: false,
  });
  // A case event is a few hundred bytes; anything near this limit is abuse, not data.
  app.useBodyParser('json', { limit: '100kb' });
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
