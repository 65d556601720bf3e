import { parseArgs } from 'node:util';
import {
  ALL_PROJECTIONS,
  PostgresAdvisoryLocks,
  ProjectionBusyError,
  rebuildProjections,
  selectProjections,
  UnknownProjectionError,
  type RebuildProgress,
} from '@app/projections';
import { ConfigError, loadConfig } from '../config/config';
import { openStores } from '../persistence/open-stores';

const usage = `Usage: npm run projections:rebuild [-- --only <projection>[,<projection>…]] [--batch-size <n>]
Empties the read models (all of them, or those named with --only) and rebuilds them from the first event of the log,
in the configured database (STORE, DATA_DIR, DATABASE_URL… as for the server). Other read models are not touched.
Projections: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}.

Stop the service first. On PostgreSQL the rebuild takes the service's projection locks, so it refuses (exit code 3)
while any replica runs; on SQLite nothing stops a running service from racing the rebuild, which its checkpoint
guard makes unlikely to matter but not impossible. Interrupted, a read model stays consistent at its last batch: the
service, or running this again, continues. (The service also rebuilds a read model by itself on start when its
version changed.)
Exit codes: 0 rebuilt, 1 the rebuild failed, 2 bad arguments or configuration, 3 the service is running.`;

export interface CliOutput {
  log(message: string): void;
  error(message: string): void;
}

const PROGRESS_EVERY_MS = 1000;

const count = (n: number): string => n.toLocaleString('en-GB');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Prints a line per projection at the start and the end, and one a second while it catches up. */
const progressPrinter = (out: CliOutput) => {
  let lastPrinted = 0;
  return (progress: RebuildProgress): void => {
    if (progress.phase === 'reset') {
      lastPrinted = progress.elapsedMs;
      out.log(`${progress.projection}: emptied, rebuilding from the first event…`);
    } else if (progress.phase === 'batch') {
      if (progress.elapsedMs - lastPrinted < PROGRESS_EVERY_MS) return;
      lastPrinted = progress.elapsedMs;
      out.log(`${progress.projection}: ${count(progress.events)} events…`);
    } else {
      out.log(
        `${progress.projection} (version ${progress.version}): rebuilt from ${count(progress.events)} events in ${seconds(progress.elapsedMs)}.`,
      );
    }
  };
};

/**
 * The command, callable in-process (tests): returns the exit code instead of exiting. Arguments and configuration
 * are checked before anything is opened, so a typo never touches the database.
 */
export async function runProjectionsRebuild(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: CliOutput = console,
): Promise<number> {
  let values: { only?: string[]; 'batch-size'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        only: { type: 'string', multiple: true },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    out.log(usage);
    return 0;
  }
  const only = (values.only ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const batchText = values['batch-size'] ?? '1000';
  const batchSize = Number(batchText);
  if (!/^\d+$/.test(batchText) || batchSize < 1 || batchSize > 100_000) {
    out.error(`--batch-size must be a whole number from 1 to 100000 (got "${batchText}").`);
    return 2;
  }
  let config;
  try {
    selectProjections(ALL_PROJECTIONS, only);
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof UnknownProjectionError || error instanceof ConfigError) {
      out.error(error.message);
      return 2;
    }
    throw error;
  }
  if (config.store === 'memory') {
    out.error('STORE=memory keeps nothing between runs: there is nothing to rebuild.');
    return 2;
  }

  const stores = await openStores(config);
  // As the service's ProjectionService: PostgreSQL advisory locks wherever several processes share the read models.
  const locks =
    config.store === 'postgres' || config.store === 'kurrentdb'
      ? new PostgresAdvisoryLocks({
          connectionString: config.databaseUrl ?? '',
          scope: config.databaseSchema,
          applicationName: 'send-tracker projections:rebuild',
        })
      : undefined;
  try {
    const rebuilt = await rebuildProjections(
      stores.eventStore,
      stores.readModels,
      ALL_PROJECTIONS,
      { only, batchSize, onProgress: progressPrinter(out), ...(locks && { locks }) },
    );
    out.log(`Rebuilt ${rebuilt.length} read model${rebuilt.length === 1 ? '' : 's'}.`);
    return 0;
  } catch (error) {
    if (error instanceof ProjectionBusyError) {
      out.error(error.message);
      return 3;
    }
    out.error(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    // Releasing the locks hands the projections back to the service.
    await locks?.close();
    await stores.close();
  }
}

if (require.main === module) {
  runProjectionsRebuild(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
