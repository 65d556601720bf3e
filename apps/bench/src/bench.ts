import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TEST_DATABASE_URL } from '@app/event-store';
import { ALL_PROJECTIONS } from '@app/projections';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { benchAppends } from './appends';
import {
  RESULTS_DIR,
  casesFor,
  generatedFile,
  importPostgres,
  importSqlite,
  postgresFixture,
  sqliteFixture,
} from './fixtures';
import { benchGraphql } from './graphql';
import { fmt, load, log, median, type Measurement } from './util';

const usage = `Usage: npm run bench -- [--events N] [--runs R] [--only appends,import,rebuild,graphql] [--seed S]
Measures appends (ours vs Emmett and bare inserts), bulk import, projection rebuild of N generated events (default
1,000,000) into every read model, and the GraphQL API under autocannon; prints a table and writes
bench-results/bench-<time>.json. DATABASE_URL (default ${DEFAULT_TEST_DATABASE_URL}) for PostgreSQL; generated data is
kept in bench-results/fixtures/ for the next run.`;

const SECTIONS = ['appends', 'import', 'rebuild', 'graphql'] as const;

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function child(args: string[]): Record<string, unknown> {
  const root = resolve(__dirname, '../../../..');
  const result = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '-r',
      join(root, 'apps/api/register-paths.js'),
      join(__dirname, 'rebuild.child.js'),
      ...args,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (result.status !== 0) throw new Error(`rebuild child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** Whether the SQLite fixture's read models exist (a rebuild ran on it), which the GraphQL section reads. */
function hasReadModels(dbFile: string): boolean {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (
      db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_appeals'`)
        .get() !== undefined
    );
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string' },
      seed: { type: 'string', default: '20261122' },
      'import-events': { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '10' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(usage);
  const events = Number(values.events);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const seconds = Number(values.seconds);
  const importEvents = Math.min(Number(values['import-events']), events);
  const only = new Set(values.only ? values.only.split(',') : SECTIONS);
  const url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const pg = (await reachable(url)) ? url : null;
  if (!pg) log(`PostgreSQL at ${url} unreachable: PostgreSQL figures are skipped.`);
  const results: Measurement[] = [];
  const started = Date.now();
  const meta = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    loadAtStart: load(),
    events,
    runs,
    seed,
    projections: ALL_PROJECTIONS.map((p) => p.name),
  };
  log(
    `Benchmark: ${events} events, ${runs} runs, projections ${meta.projections.join(', ')}, load ${meta.loadAtStart}`,
  );

  if (only.has('appends')) {
    log('Appends…');
    results.push(
      ...(await benchAppends({
        connectionString: pg,
        runs,
        sizes: { sequential: 2000, writers: 8, perWriter: 250, batches: 100, batchSize: 100 },
        pgSizes: { sequential: 1000, writers: 8, perWriter: 250, batches: 100, batchSize: 100 },
      })),
    );
  }

  const needsData = only.has('import') || only.has('rebuild') || only.has('graphql');
  if (needsData) {
    log('Generated data…');
    const big = await generatedFile(casesFor(events), seed);
    if (big.stats) {
      results.push({
        section: 'generate',
        workload: `generate ${big.stats.events} events`,
        store: '-',
        value: big.stats.events / big.seconds,
        unit: 'events/s',
        runs: [big.stats.events / big.seconds],
      });
    }
    // The SQLite fixture is itself a bulk import of the whole file: its rate is the large-import figure.
    const fixture = await sqliteFixture(big.path, `sqlite-${casesFor(events)}-${seed}`);
    if (fixture.summary) {
      const r = (fixture.summary.events * 1000) / fixture.summary.elapsedMs;
      log(`  imported the fixture: ${fixture.summary.events} events at ${Math.round(r)} events/s`);
      results.push({
        section: 'import',
        workload: `bulk import ${fixture.summary.events} events`,
        store: 'sqlite',
        value: r,
        unit: 'events/s',
        runs: [r],
        note: `load ${load()}`,
      });
    }

    if (only.has('import')) {
      log('Bulk import…');
      const small = await generatedFile(casesFor(importEvents), seed + 1);
      const sqliteRuns: number[] = [];
      const pgRuns: number[] = [];
      for (let run = 0; run < runs; run++) {
        const dir = join(RESULTS_DIR, 'tmp');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `import-${process.pid}-${run}.sqlite`);
        const s = await importSqlite(small.path, file);
        for (const suffix of ['', '-wal', '-shm']) spawnSync('rm', ['-f', file + suffix]);
        sqliteRuns.push((s.events * 1000) / s.elapsedMs);
        log(
          `  import sqlite run ${run + 1}: ${s.events} events, ${Math.round(sqliteRuns.at(-1)!)} events/s`,
        );
        if (pg) {
          const schema = `bench_import_${process.pid}_${run}`;
          const p = await importPostgres(small.path, pg, schema);
          pgRuns.push((p.events * 1000) / p.elapsedMs);
          log(
            `  import postgres run ${run + 1}: ${p.events} events, ${Math.round(pgRuns.at(-1)!)} events/s`,
          );
          const c = new Client({ connectionString: pg });
          await c.connect();
          await c.query(`DROP SCHEMA ${schema} CASCADE`);
          await c.end();
        }
      }
      results.push({
        section: 'import',
        workload: `bulk import ${importEvents} events`,
        store: 'sqlite',
        value: median(sqliteRuns),
        unit: 'events/s',
        runs: sqliteRuns,
      });
      if (pg)
        results.push({
          section: 'import',
          workload: `bulk import ${importEvents} events`,
          store: 'postgres',
          value: median(pgRuns),
          unit: 'events/s',
          runs: pgRuns,
        });
    }

    if (only.has('rebuild')) {
      log('Rebuild…');
      const rebuild = (store: string, args: string[]): void => {
        const figures: Record<string, unknown>[] = [];
        for (let run = 0; run < (events >= 500_000 ? 1 : Math.min(runs, 2)); run++) {
          const f = child(args);
          figures.push(f);
          log(
            `  rebuild ${store}: ${Math.round(f.rate as number)} events/s, peak RSS ${Math.round(f.maxRssMb as number)} MB ${JSON.stringify(f.projections ?? '')}`,
          );
        }
        const rates = figures.map((f) => f.rate as number);
        const rss = Math.max(...figures.map((f) => f.maxRssMb as number));
        results.push({
          section: 'rebuild',
          workload: `rebuild ${String(figures[0]!.events)} events, all read models`,
          store,
          value: median(rates),
          unit: 'events/s',
          runs: rates,
          note: `peak RSS ${Math.round(rss)} MB`,
        });
        results.push({
          section: 'rebuild',
          workload: 'rebuild peak RSS',
          store,
          value: rss,
          unit: 'MB',
          runs: figures.map((f) => f.maxRssMb as number),
        });
      };
      rebuild('sqlite', ['--store', 'sqlite', '--db', fixture.dbFile]);
      if (pg) {
        const schema = `bench_fixture_${casesFor(events)}_${seed}`;
        await postgresFixture(fixture.dbFile, pg, schema);
        const ceiling: number[] = [];
        for (let run = 0; run < runs; run++) {
          const f = child(['--ceiling', '--url', pg, '--schema', schema]);
          ceiling.push(f.rate as number);
          log(`  ordered read of the log (bare pg): ${Math.round(f.rate as number)} rows/s`);
        }
        results.push({
          section: 'rebuild',
          workload: 'ordered read of the log (ceiling)',
          store: 'postgres-bare',
          value: median(ceiling),
          unit: 'rows/s',
          runs: ceiling,
        });
        rebuild('postgres', ['--store', 'postgres', '--url', pg, '--schema', schema]);
      }
    }

    if (only.has('graphql')) {
      log('GraphQL…');
      try {
        if (!hasReadModels(fixture.dbFile)) {
          log('  the fixture has no read models yet: rebuilding them first (not measured)');
          child(['--store', 'sqlite', '--db', fixture.dbFile]);
        }
        results.push(
          ...(await benchGraphql({
            fixtureDb: fixture.dbFile,
            seconds,
            rate: 500,
            writeRate: 200,
          })),
        );
      } catch (error) {
        log(`  GraphQL section failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  printTable(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { ...meta, loadAtEnd: load(), seconds: (Date.now() - started) / 1000, results },
      null,
      2,
    ),
  );
  log(`Wrote ${file} (${Math.round((Date.now() - started) / 1000)} s).`);
}

/** The table, with the ratios the targets are stated in. */
function printTable(results: readonly Measurement[]): void {
  const find = (section: string, workload: string, store: string) =>
    results.find((r) => r.section === section && r.workload === workload && r.store === store);
  const rows: string[][] = [['workload', 'store', 'ours', 'reference', 'ratio', 'target']];
  for (const r of results) {
    if (r.store === 'emmett' || r.store.endsWith('-bare')) continue;
    let reference = '';
    let ratio = '';
    let target = '';
    if (r.section === 'appends') {
      const ref =
        r.store === 'postgres'
          ? find('appends', r.workload, 'emmett')
          : find('appends', r.workload, 'sqlite-bare');
      if (ref) {
        reference = `${fmt(ref.value)} (${ref.store})`;
        ratio = (r.value / ref.value).toFixed(2);
        target =
          r.store === 'postgres'
            ? r.value / ref.value >= 1.5
              ? 'met (≥1.5)'
              : 'missed (≥1.5)'
            : r.value / ref.value >= 0.6
              ? 'met (≥0.6)'
              : 'missed (≥0.6)';
      }
      if (r.store === 'postgres') {
        const bare = find('appends', r.workload, 'postgres-bare');
        if (bare) reference += `; bare ${fmt(bare.value)}`;
      }
    } else if (r.section === 'import') {
      const goal = r.store === 'sqlite' ? 20_000 : 10_000;
      target = r.value >= goal ? `met (≥${fmt(goal)})` : `missed (≥${fmt(goal)})`;
    } else if (r.section === 'rebuild' && r.unit === 'events/s') {
      if (r.store === 'sqlite') target = r.value >= 100_000 ? 'met (≥100k)' : 'missed (≥100k)';
      else {
        const ref = find('rebuild', 'ordered read of the log (ceiling)', 'postgres-bare');
        if (ref) {
          reference = `${fmt(ref.value)} (bare ordered read)`;
          ratio = (r.value / ref.value).toFixed(2);
          target = r.value / ref.value >= 0.9 ? 'met (≥0.9)' : 'missed (≥0.9)';
        }
      }
    } else if (r.section === 'rebuild' && r.unit === 'MB') {
      target = r.value <= 1024 ? 'met (≤1024)' : 'missed (≤1024)';
    } else if (r.section === 'graphql' || r.section === 'freshness') {
      const goal = r.workload.startsWith('appeal(')
        ? 20
        : r.workload.startsWith('appealOutcome')
          ? 50
          : r.workload.startsWith('lodge')
            ? 500
            : 200;
      if (Number.isNaN(r.value)) target = 'skipped';
      else if (r.unit === 'appeals/s')
        target = r.value >= goal ? `met (≥${goal})` : `missed (≥${goal})`;
      else target = r.value <= goal ? `met (≤${goal} ms)` : `missed (≤${goal} ms)`;
    }
    rows.push([r.workload, r.store, `${fmt(r.value)} ${r.unit}`, reference, ratio, target]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
