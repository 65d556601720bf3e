import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/config';
import { renderSchema } from '../graphql/schema-file';

/** Writes apps/api/schema.gql from the code-first definitions (run from the repository root). */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'send-schema-'));
  const app = await createApp(loadConfig({ NODE_ENV: 'test', STORE: 'memory', DATA_DIR: dir }));
  await app.init();
  const text = renderSchema(app.get(GraphQLSchemaHost).schema);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  const file = resolve('apps/api/schema.gql');
  const before = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  writeFileSync(file, text);
  console.log(before === text ? `${file} is up to date.` : `Wrote ${file}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
