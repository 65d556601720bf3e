import { parseArgs } from 'node:util';
import { importReferenceData } from '@app/projections';
import { ConfigError, loadConfig } from '../config/config';
import { openStores } from '../persistence/open-stores';
import { describeImport } from '../reference/describe-import';

const usage = `Usage: npm run reference:import [-- --force]
Imports the committed reference data (LA register, DfE appeal-rate series 2014-2024) into the configured read-model
database (STORE, DATA_DIR, DATABASE_URL… as for the server). Skips what is already up to date; --force re-imports.
The server does the same on start, so this is only needed to import ahead of a start.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const config = loadConfig(process.env);
  const stores = await openStores(config);
  try {
    const result = await importReferenceData(stores.readModels, { force: values.force });
    console.log(result.imported ? describeImport(result) : 'Reference data already up to date.');
  } finally {
    await stores.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
