import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openBulkSink } from '../bulk/bulk-sink';
import { importCommands, type Rejection } from '../bulk/importer';
import { readNdjson } from '../bulk/ndjson-source';
import { ProgressReporter } from '../bulk/progress';
import { ConfigError, loadConfig } from '../config/config';

const usage = `Usage: npm run import -- FILE.ndjson [--report rejected.ndjson] [--batch-size N]
Runs every command of the file (one JSON object a line: caseId, actor, clientMutationId, command, as written by
\`npm run generate\`) through the case decider and appends the events to the configured store (STORE, DATA_DIR,
DATABASE_URL… as for the server), --batch-size lines (default 2000) per transaction.
Safe to run again after a crash or on the same file: commands already imported are recognised and skipped.
Refused lines go to the report (default: FILE.rejected.ndjson) with their line number and reason; the exit code is
1 when any line was refused, 2 on a usage or configuration error.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      report: { type: 'string' },
      'batch-size': { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new ConfigError(['Give exactly one file to import.', usage]);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ConfigError([`--batch-size must be a whole number of at least 1.`, usage]);
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch {
    throw new ConfigError([`Cannot read ${file}.`, usage]);
  }
  const reportPath = values.report ?? `${file.replace(/\.ndjson$/, '')}.rejected.ndjson`;
  const config = loadConfig(process.env);
  const sink = await openBulkSink(config);
  let report: WriteStream | null = null;
  const writeRejection = (rejection: Rejection): void => {
    report ??= createWriteStream(reportPath);
    report.write(`${JSON.stringify(rejection)}\n`);
  };
  const progress = new ProgressReporter(process.stderr, 'events');
  let lastSample = { done: 0, total: totalBytes, count: 0, elapsedMs: 0 };
  try {
    const summary = await importCommands(sink, readNdjson(file), {
      batchSize,
      onRejected: writeRejection,
      onProgress: (p) => {
        lastSample = { done: p.bytes, total: totalBytes, count: p.events, elapsedMs: p.elapsedMs };
        progress.update(lastSample);
      },
    });
    progress.done({ ...lastSample, done: totalBytes, elapsedMs: summary.elapsedMs });
    const seconds = summary.elapsedMs / 1000;
    console.log(
      `Imported ${summary.imported} commands (${summary.events} events, ` +
        `${Math.round(summary.events / Math.max(seconds, 1e-9))} events/s) from ${summary.lines} lines in ` +
        `${seconds.toFixed(1)} s: ${summary.alreadyImported} already imported, ${summary.unchanged} with nothing to ` +
        `record, ${summary.rejected} refused${summary.rejected > 0 ? ` (see ${reportPath})` : ''}.`,
    );
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    if (report !== null) {
      const stream: WriteStream = report;
      stream.end();
      await once(stream, 'finish');
    }
    await sink.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof ConfigError ? 2 : 3);
  },
);
