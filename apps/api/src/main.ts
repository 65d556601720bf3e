import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql`;
  const store = config.store === 'sqlite' ? `SQLite at ${config.sqliteFile}` : config.store;
  const logger = new Logger('Main');
  logger.log(`SEND tracker API listening on ${url} (store: ${store})`);
  if (config.graphiql) {
    logger.log(`GraphiQL: open ${url} in a browser.`);
    logger.log('Get a token:  npm run token -- --role FAMILY --sub parent-1');
    logger.log('then set the header  {"Authorization": "Bearer <token>"}  in GraphiQL.');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
