import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AuthService } from '../../api/src/auth/auth.service';
import { loadOrCreateSigningKeys } from '../../api/src/auth/signing-key';
import { loadConfig } from '../../api/src/config/config';
import { log, median, type Measurement } from './util';

/**
 * The real API (a child process running dist/apps/api/src/main.js on a copy of the SQLite fixture) under autocannon
 * on loopback, with bearer tokens signed by the app's own key: appeal(id) at a fixed rate, the national appeal
 * outcome statistics grouped by LA, lodgeAppeal throughput, and freshness (mutation response → read model).
 */

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => {
  on(
    event: 'response',
    handler: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
} & PromiseLike<AutocannonResult>;

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. The API's CPU per
 * request is steadier than its latencies when other work shares the cores.
 */
const cpuMsOf = (pid: number | undefined): number | null => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (USER_HZ is 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
};

const cpuNote = (before: number | null, after: number | null, requests: number): string =>
  before === null || after === null || requests === 0
    ? ''
    : `; API CPU ${((after - before) / requests).toFixed(2)} ms/request`;

const post = async (
  url: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string }[];
  };
};

export async function benchGraphql(options: {
  readonly fixtureDb: string;
  readonly seconds: number;
  readonly rate: number;
  readonly writeRate: number;
}): Promise<Measurement[]> {
  // No type declarations ship with autocannon (a CommonJS function).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as Autocannon;
  const out: Measurement[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-graphql-'));
  const dbFile = join(dir, 'send-tracker.sqlite');
  copyFileSync(options.fixtureDb, dbFile);
  if (existsSync(`${options.fixtureDb}-wal`))
    copyFileSync(`${options.fixtureDb}-wal`, `${dbFile}-wal`);
  // An appeal of a generated family, to read as that family.
  const fixture = new Database(dbFile, { readonly: true });
  const pick = fixture
    .prepare('SELECT appeal_id, owner_id FROM rm_appeals ORDER BY appeal_id LIMIT 1 OFFSET 100')
    .get() as { appeal_id: string; owner_id: string } | undefined;
  const events = (fixture.prepare('SELECT count(*) AS n FROM es_events').get() as { n: number }).n;
  fixture.close();
  const port = 40000 + (process.pid % 2000);
  const env = {
    ...process.env,
    STORE: 'sqlite',
    DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '1000000',
    BREACH_DETECTION_INTERVAL_MINUTES: '0',
    LOG_LEVEL: 'warn',
  };
  const root = resolve(__dirname, '../../../..');
  // BENCH_API_NODE_ARGS: extra Node options for the API child only, e.g. "-r ./profile-hook.js" or "--cpu-prof" to
  // profile it under load. Unset: the API runs as always.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
  const app: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '-r',
      join(root, 'apps/api/register-paths.js'),
      join(root, 'dist/apps/api/src/main.js'),
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  app.stderr?.on(
    'data',
    (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)),
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`The API exited: ${stderr}`);
      try {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{__typename}"}',
        });
        if (r.status < 500) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('The API did not start.');
      await new Promise((r) => setTimeout(r, 250));
    }
    const config = loadConfig(env);
    const keys = await loadOrCreateSigningKeys({
      inline: config.auth.signingKey,
      file: config.auth.signingKeyFile,
    });
    const auth = new AuthService(config, keys);
    const policy = await auth.sign({ sub: 'bench-policy', role: 'POLICY' }, '2h');
    const family = await auth.sign({ sub: pick?.owner_id ?? 'nobody', role: 'FAMILY' }, '2h');
    const writer = await auth.sign({ sub: 'bench-family', role: 'FAMILY' }, '2h');

    /** One latency row of the table: p95 is the figure, p50/p95/p99 the runs. */
    const latencyRow = (name: string, percentiles: [number, number, number], note: string) => {
      log(`  graphql ${name}: ${note}`);
      out.push({
        section: 'graphql',
        workload: name,
        store: 'sqlite',
        value: percentiles[1],
        unit: 'ms p95',
        runs: percentiles,
        note,
      });
    };

    const fixedRate = async (
      name: string,
      token: string,
      body: string,
      rate: number,
    ): Promise<void> => {
      const check = await post(url, token, (JSON.parse(body) as { query: string }).query);
      if (check.errors) {
        log(`  graphql ${name}: skipped (${check.errors[0]?.message})`);
        out.push({
          section: 'graphql',
          workload: name,
          store: 'sqlite',
          value: Number.NaN,
          unit: 'ms p95',
          runs: [],
          note: `skipped: ${check.errors[0]?.message}`,
        });
        return;
      }
      const load = (duration: number) =>
        autocannon({
          url,
          method: 'POST',
          body,
          connections: 20,
          overallRate: rate,
          duration,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
      // Two seconds at the same rate first, not measured: the figures are of the warmed-up (JIT-compiled) API.
      await load(2);
      const latencies: number[] = [];
      const instance = load(options.seconds);
      instance.on('response', (_c, _s, _b, ms) => void latencies.push(ms));
      const cpuBefore = cpuMsOf(app.pid);
      const result = await instance;
      const cpu = cpuNote(cpuBefore, cpuMsOf(app.pid), result.requests.total);
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      const p99 = percentile(latencies, 99);
      const note = `${events} events loaded; ${Math.round(result.requests.average)} req/s achieved; p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; non-2xx ${result.non2xx}, errors ${result.errors}${cpu}`;
      latencyRow(name, [p50, p95, p99], note);
    };

    /**
     * The same request at an evenly paced rate (open loop: one request every 1/rate s whatever the answers do),
     * latency counted from when each request was due. autocannon's rate limit instead lets each connection send its
     * quota for the second back to back at the start of the second, then wait for the next: its "500 req/s" arrives
     * as 20 requests in flight for part of each second and idle for the rest.
     */
    const pacedRate = async (name: string, token: string, query: string, rate: number) => {
      const latencies: number[] = [];
      let failed = 0;
      const total = rate * options.seconds;
      const cpuBefore = cpuMsOf(app.pid);
      const started = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        pending.push(
          post(url, token, query).then(
            (answer) => {
              if (answer.errors) failed++;
              latencies.push(performance.now() - due);
            },
            () => void failed++,
          ),
        );
      }
      await Promise.all(pending);
      const achieved = latencies.length / ((performance.now() - started) / 1000);
      const cpu = cpuNote(cpuBefore, cpuMsOf(app.pid), total);
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p)) as [
        number,
        number,
        number,
      ];
      const note = `${events} events loaded; ${total} requests due evenly over ${options.seconds} s, ${Math.round(achieved)} req/s answered; p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (from when each was due); failed ${failed}${cpu}`;
      latencyRow(name, [p50, p95, p99], note);
    };

    if (pick) {
      const query = `{ appeal(id: "${pick.appeal_id}") { id status outcome extent } }`;
      await fixedRate(
        `appeal(id) @${options.rate}/s`,
        family,
        JSON.stringify({ query }),
        options.rate,
      );
      await pacedRate(`appeal(id) @${options.rate}/s paced`, family, query, options.rate);
    }
    const statistics =
      '{ appealOutcomeStatistics(groupBy: [LOCAL_AUTHORITY]) { __typename suppressedFields } }';
    await fixedRate(
      'appealOutcomeStatistics by LA',
      policy,
      JSON.stringify({ query: statistics }),
      20,
    );
    await pacedRate('appealOutcomeStatistics by LA paced', policy, statistics, 20);

    // lodgeAppeal throughput: discrimination claims (no decision needed), 10 connections. Twice: on 40 cases of one
    // family — this bench's first workload (the issue names none), a stress of long cases: each gathers over a
    // hundred appeals in a run, so every mutation folds and projects a longer history — and spread over 2,000 cases,
    // a few appeals each, as families lodge them.
    const lodge = `mutation($input: LodgeAppealInput!) { lodgeAppeal(input: $input) { id status } }`;
    const openCases = async (count: number, tag: string): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 10) {
        const opened = await Promise.all(
          Array.from({ length: Math.min(10, count - i) }, (_, j) =>
            post(
              url,
              writer,
              `mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
              {
                input: {
                  localAuthorityCode: '886',
                  childLabel: `Bench ${i + j}`,
                  clientMutationId: `bench-open-${tag}-${process.pid}-${i + j}`,
                },
              },
            ),
          ),
        );
        for (const answer of opened) {
          const id = (answer.data?.openCase as { id: string } | undefined)?.id;
          if (!id) throw new Error(`openCase failed: ${JSON.stringify(answer.errors)}`);
          ids.push(id);
        }
      }
      return ids;
    };
    const lodgeInput = (ids: readonly string[], tag: string, n: number) => ({
      caseId: ids[n % ids.length],
      appealTypes: ['DISABILITY_DISCRIMINATION'],
      lodgedOn: '2026-01-15',
      respondent: { kind: 'SCHOOL', name: 'Riverside Academy' },
      clientMutationId: `bench-lodge-${tag}-${process.pid}-${n}`,
    });
    const lodgeThroughput = async (count: number, workload: string): Promise<string[]> => {
      const tag = `c${count}`;
      const ids = await openCases(count, tag);
      const probe = await post(url, writer, lodge, { input: lodgeInput(ids, tag, 1_000_000) });
      if (probe.errors) throw new Error(`lodgeAppeal failed: ${probe.errors[0]?.message}`);
      let n = 0;
      let failed = 0;
      const latencies: number[] = [];
      const instance = autocannon({
        url,
        method: 'POST',
        connections: 10,
        duration: options.seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              body: JSON.stringify({
                query: lodge,
                variables: { input: lodgeInput(ids, tag, n++) },
              }),
            }),
          },
        ],
      });
      instance.on('response', (_c, status, _b, ms) => {
        latencies.push(ms);
        if (status !== 200) failed++;
      });
      const cpuBefore = cpuMsOf(app.pid);
      const result = await instance;
      const cpu = cpuNote(cpuBefore, cpuMsOf(app.pid), result.requests.total);
      // Successes counted in the log, not by HTTP status (GraphQL errors come with 200).
      const check = new Database(dbFile, { readonly: true });
      const appended =
        (
          check
            .prepare(
              `SELECT count(*) AS n FROM es_events WHERE type = 'AppealLodged' AND stream_id IN (SELECT value FROM json_each(?))`,
            )
            .get(JSON.stringify(ids.map((c) => `case-${c}`))) as { n: number }
        ).n - 1;
      check.close();
      const rate = appended / result.duration;
      const note = `${result.requests.total} requests in ${result.duration} s (10 connections, ${count} cases), ${appended} appeals recorded, non-200 ${failed}; p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms${cpu}`;
      log(`  graphql ${workload}: ${Math.round(rate)}/s — ${note}`);
      out.push({
        section: 'graphql',
        workload,
        store: 'sqlite',
        value: rate,
        unit: 'appeals/s',
        runs: [rate],
        note,
      });
      return ids;
    };
    await lodgeThroughput(40, 'lodgeAppeal throughput');
    const caseIds = await lodgeThroughput(2000, 'lodgeAppeal throughput, 2,000 cases');

    // Freshness at a fixed write rate (open loop), on the 2,000 cases: response → the appeal's row in the read model.
    // The API waits for the projection before it answers, so this is ~0 unless it gave up waiting; request → visible
    // is reported too.
    const reader = new Database(dbFile, { readonly: true });
    const seen = reader.prepare('SELECT 1 FROM rm_appeals WHERE appeal_id = ?');
    const freshness: number[] = [];
    const endToEnd: number[] = [];
    let refused = 0;
    const freshSeconds = Math.min(options.seconds, 5);
    const writes = options.writeRate * freshSeconds;
    const interval = 1000 / options.writeRate;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < writes; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        (async () => {
          const sentAt = performance.now();
          const input = lodgeInput(caseIds, 'fresh', 2_000_000 + i);
          let answer: Awaited<ReturnType<typeof post>>;
          try {
            answer = await post(url, writer, lodge, { input });
          } catch {
            refused++;
            return;
          }
          if (answer.errors) {
            refused++;
            return;
          }
          const respondedAt = performance.now();
          const appealId = (answer.data?.lodgeAppeal as { id: string }).id;
          while (!seen.get(appealId)) {
            if (performance.now() - respondedAt > 10_000) return;
            await new Promise((r) => setTimeout(r, 1));
          }
          const visibleAt = performance.now();
          freshness.push(visibleAt - respondedAt);
          endToEnd.push(visibleAt - sentAt);
        })(),
      );
    }
    await Promise.all(pending);
    const achieved = freshness.length / ((performance.now() - started) / 1000);
    reader.close();
    const fp50 = percentile(freshness, 50);
    const fp95 = percentile(freshness, 95);
    const freshNote =
      `${writes} lodgeAppeal writes offered at ${options.writeRate}/s for ${freshSeconds} s: ${freshness.length} ` +
      `answered and seen (${Math.round(achieved)}/s over the whole run), ${refused} failed; response → visible ` +
      `p50 ${fp50.toFixed(1)} ms, p95 ${fp95.toFixed(1)} ms; request → visible p50 ` +
      `${percentile(endToEnd, 50).toFixed(0)} ms, p95 ${percentile(endToEnd, 95).toFixed(0)} ms`;
    log(`  freshness: ${freshNote}`);
    out.push({
      section: 'freshness',
      workload: `freshness @${options.writeRate} writes/s`,
      store: 'sqlite',
      value: fp95,
      unit: 'ms p95',
      runs: [fp50, fp95, percentile(endToEnd, 50), percentile(endToEnd, 95)],
      note: freshNote,
    });
    void median;
  } finally {
    app.kill('SIGTERM');
    // A profiled child may write its profile as it exits: give it up to 10 s.
    if (nodeArgs.length > 0 && app.exitCode === null)
      await new Promise((r) => {
        app.once('exit', r);
        setTimeout(r, 10_000).unref();
      });
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
