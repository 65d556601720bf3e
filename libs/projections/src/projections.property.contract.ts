import { caseDecider, caseStreamId, ERASED_TEXT, PERSONAL_DATA_FIELDS } from '@app/domain';
import {
  handleCommand,
  PersonalDataEventStore,
  subjectAfterPrefix,
  type EventStore,
  type KeyStore,
  type RecordedEvent,
} from '@app/event-store';
import { ALL_PROJECTIONS } from './index';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { generateHistory, Rng, type History } from './random-history.spec-helper';
import type { ReadModelDb } from './read-model-db';
import { rebuildProjections } from './rebuild';
import { REFERENCE_TABLES } from './reference/reference-import';

/**
 * Properties of every read model over random valid event histories (random-history.spec-helper.ts), run by the
 * SQLite and PostgreSQL int specs. For each seed, on a fresh store and read-model database:
 *
 * (a) incremental == rebuild: the history is written command by command while a runner (random small batch size,
 *     sometimes restarted) catches up after every command; then every projection is rebuilt from scratch with one
 *     large batch. Every read-model table must be the same.
 * (c) deterministic: a second rebuild, at another wall-clock time, gives byte-identical tables.
 * (b) crash replay: from empty, each projection is taken up to a random prefix of the log, its checkpoint rewound to
 *     a random earlier event (events already applied are delivered again, as after a crash between commit and
 *     acknowledgement) — a few times over — then caught up: the tables equal (a)'s. And each batch of a random split
 *     of the log is applied twice (`apply` + write, without the checkpoint guard): the read-model tables equal (a)'s.
 *
 * Runs over ALL_PROJECTIONS, so every read model added there is covered without touching this file. Tables compared:
 * every table of the database except the event store's (`es_*`), the case keys (`pd_*`) and the reference data, so a
 * projection writing to a table it does not declare in `tables` (which a rebuild would not empty) shows up too;
 * `rm_checkpoints.updated_at` is left out (wall-clock time by design). The store is the service's: personal fields
 * encrypted per case, and an accepted erasure destroys the case's key, so the rebuild of an erased case (its events
 * now read as erased) is compared with the purge done incrementally.
 *
 * Reproduce a failure with PROPERTY_SEED=<seed>; run more seeds with PROPERTY_SEEDS=<count>.
 */

export interface PropertyFixture {
  /** As the service has it: personal fields encrypted per case (see `withPersonalData`). */
  readonly store: EventStore;
  readonly db: ReadModelDb;
  /** The case keys behind `store`: an accepted erasure destroys the case's key, as the service's erasure does. */
  readonly keys: KeyStore;
}

/** The store the service uses (apps/api open-stores.ts): personal fields encrypted with the case's own key. */
export const withPersonalData = (inner: EventStore, keys: KeyStore): EventStore =>
  new PersonalDataEventStore(inner, keys, {
    fields: PERSONAL_DATA_FIELDS,
    subjectOf: subjectAfterPrefix('case'),
    erasedText: ERASED_TEXT,
  });

export interface PropertySuiteOptions {
  /** How many seeds (1..n) to run unless PROPERTY_SEED / PROPERTY_SEEDS say otherwise. */
  readonly seeds: number;
  readonly open: () => Promise<PropertyFixture>;
  readonly close: (fixture: PropertyFixture) => Promise<void>;
  /** Default ALL_PROJECTIONS. */
  readonly projections?: readonly Projection[];
}

/** The seeds to run: PROPERTY_SEED (one, to reproduce a failure), PROPERTY_SEEDS (a count), or 1..`count`. */
export const propertySeeds = (count: number): number[] => {
  const one = process.env.PROPERTY_SEED;
  if (one !== undefined && one !== '') return [Number(one)];
  const many = Number(process.env.PROPERTY_SEEDS ?? count);
  return Array.from({ length: many }, (_, i) => i + 1);
};

/** A table's rows as canonical JSON strings (sorted keys), sorted: equal dumps mean equal multisets of rows. */
export type TableDump = Readonly<Record<string, readonly string[]>>;

const canonical = (value: unknown): unknown => {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `base64:${value.toString('base64')}`;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
};

const IGNORED_TABLES = new Set<string>(REFERENCE_TABLES);

const listTables = async (db: ReadModelDb): Promise<string[]> => {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
      : await db.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        );
  return rows
    .map((r) => r.name)
    .filter((name) => !/^(es|pd)_/.test(name) && !IGNORED_TABLES.has(name))
    .sort();
};

/** Every read-model table (see above), without `rm_checkpoints.updated_at`. */
export const dumpReadModels = async (
  db: ReadModelDb,
  options: { withCheckpoints?: boolean } = {},
): Promise<TableDump> => {
  const dump: Record<string, string[]> = {};
  for (const table of await listTables(db)) {
    if (table === 'rm_checkpoints' && options.withCheckpoints === false) continue;
    const rows = await db.query(`SELECT * FROM ${table}`);
    dump[table] = rows
      .map((row) => {
        if (table === 'rm_checkpoints') {
          const { updated_at: _ignored, ...rest } = row;
          return JSON.stringify(canonical(rest));
        }
        return JSON.stringify(canonical(row));
      })
      .sort();
  }
  return dump;
};

const clip = (text: string): string => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

/** Null when equal; otherwise which tables differ (and whose they are), with a few rows on each side. */
export const describeDifference = (
  expected: TableDump,
  actual: TableDump,
  labels: readonly [string, string],
  projections: readonly Projection[],
): string | null => {
  const ownerOf = (table: string): string =>
    projections.find((p) => p.tables.includes(table))?.name ??
    (table === 'rm_checkpoints' ? 'the runner' : 'no projection declares it');
  const lines: string[] = [];
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const table of tables) {
    const a = expected[table] ?? [];
    const b = actual[table] ?? [];
    if (a.length === b.length && a.every((row, i) => row === b[i])) continue;
    const inB = new Set(b);
    const inA = new Set(a);
    const onlyA = a.filter((row) => !inB.has(row));
    const onlyB = b.filter((row) => !inA.has(row));
    lines.push(
      `table ${table} (${ownerOf(table)}): ${a.length} rows ${labels[0]}, ${b.length} rows ${labels[1]}`,
    );
    for (const row of onlyA.slice(0, 2)) lines.push(`  only ${labels[0]}: ${clip(row)}`);
    for (const row of onlyB.slice(0, 2)) lines.push(`  only ${labels[1]}: ${clip(row)}`);
    if (onlyA.length === 0 && onlyB.length === 0) lines.push('  (same rows, different counts)');
  }
  return lines.length === 0 ? null : lines.join('\n');
};

/** The whole log, in order. */
const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const log: RecordedEvent[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const batch = await store.readAll(checkpoint, 500);
    if (batch.events.length === 0) return log;
    log.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
};

/**
 * Waits until the whole log (`count` events) can be read. PostgreSQL serves the log only below the oldest transaction
 * still running anywhere on the server (so a late commit is never skipped): any other session's open transaction
 * holds recent events back for a moment.
 */
export const untilLogVisible = async (
  store: EventStore,
  count: number,
  timeoutMs = 30_000,
): Promise<RecordedEvent[]> => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const log = await readLog(store);
    if (log.length >= count) return log;
    if (performance.now() > deadline)
      throw new Error(`Only ${log.length} of ${count} events became readable in ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Writes the history command by command through the real `handleCommand`, catching up after each one; then, once
 * the whole log is readable, catches up for the last time.
 */
const writeIncrementally = async (
  fixture: PropertyFixture,
  projections: readonly Projection[],
  history: History,
  rng: Rng,
): Promise<void> => {
  const { store, db } = fixture;
  const newRunner = async (): Promise<ProjectionRunner> => {
    const runner = new ProjectionRunner(store, db, projections, { batchSize: rng.int(1, 7) });
    await runner.init();
    return runner;
  };
  let runner = await newRunner();
  for (const [i, step] of history.steps.entries()) {
    await handleCommand(store, caseStreamId(step.caseId), caseDecider, step.command, {
      actor: step.actor,
      now: step.now,
      idempotencyKey: `seed-${history.seed}-${i}`,
    });
    // Erasure = the event, then the key destroyed (apps/api erasure.service.ts): earlier events now read as erased.
    if (step.command.type === 'ErasePersonalData')
      await fixture.keys.destroyKey(step.caseId, step.now);
    // A restart now and then: the new runner resumes from the stored checkpoints.
    if (rng.chance(0.1)) runner = await newRunner();
    await runner.catchUp();
  }
  await untilLogVisible(store, history.eventCount);
  await runner.catchUp();
};

/** Empties every projection and rewinds its checkpoint (as a rebuild's first step). */
const resetAll = async (fixture: PropertyFixture, projections: readonly Projection[]) => {
  const runner = new ProjectionRunner(fixture.store, fixture.db, projections);
  await runner.init();
  for (const projection of projections) await runner.reset(projection);
};

/**
 * From empty: a few times, takes each projection up to a random prefix of the log, then rewinds its checkpoint to a
 * random earlier event, so the events in between are delivered again; finally catches everything up.
 */
const replayAfterCrashes = async (
  fixture: PropertyFixture,
  projections: readonly Projection[],
  log: readonly RecordedEvent[],
  rng: Rng,
): Promise<void> => {
  const { store, db } = fixture;
  await resetAll(fixture, projections);
  const checkpointAfter = (count: number): string | null =>
    count === 0 ? null : log[count - 1]!.checkpoint;
  const position = new Map(projections.map((p) => [p.name, 0]));
  const crashes = rng.int(1, 3);
  for (let crash = 0; crash < crashes; crash++) {
    const prefix = rng.int(Math.min(1, log.length), log.length);
    for (const projection of projections) {
      const from = position.get(projection.name)!;
      if (prefix > from) {
        const runner = new ProjectionRunner(store, db, [projection], { batchSize: prefix - from });
        await runner.init();
        const moved = await runner.step(projection);
        if (moved !== prefix - from)
          throw new Error(`expected to move ${prefix - from} events, moved ${moved}`);
      }
      const reached = Math.max(from, prefix);
      // Strictly earlier (when anything was applied): at least the last event is delivered again.
      const rewound = reached === 0 ? 0 : rng.int(0, reached - 1);
      await db.writeTransaction([
        {
          sql: 'UPDATE rm_checkpoints SET checkpoint = $2, events_processed = $3 WHERE projection = $1',
          params: [projection.name, checkpointAfter(rewound), rewound],
        },
      ]);
      position.set(projection.name, rewound);
    }
  }
  const runner = new ProjectionRunner(store, db, projections, { batchSize: rng.int(1, 7) });
  await runner.init();
  await runner.catchUp();
};

/** From empty: every batch of a random split of the log is applied and written twice, with no checkpoint guard. */
const applyEveryBatchTwice = async (
  fixture: PropertyFixture,
  projections: readonly Projection[],
  log: readonly RecordedEvent[],
  rng: Rng,
): Promise<void> => {
  await resetAll(fixture, projections);
  for (let start = 0; start < log.length;) {
    const batch = log.slice(start, start + rng.int(1, 7));
    start += batch.length;
    for (const projection of projections) {
      const relevant = batch.filter((event) => projection.handles.includes(event.type));
      if (relevant.length === 0) continue;
      for (let time = 0; time < 2; time++) {
        await fixture.db.writeTransaction(await projection.apply(relevant, fixture.db));
      }
    }
  }
};

/** Distinct wall-clock times for the phases, so a projection reading the clock cannot pass by luck. */
const CLOCKS = {
  incremental: '2030-01-15T10:00:00.000Z',
  rebuild: '2031-06-01T23:59:59.999Z',
  secondRebuild: '2032-02-29T04:05:06.007Z',
  replay: '2033-12-31T12:00:00.000Z',
};

/**
 * Checks (a), (c) and (b) for one seed on a fresh fixture; throws an error naming the property, the seed and the
 * differing tables (with the projection owning each).
 */
export const checkProjectionProperties = async (
  seed: number,
  fixture: PropertyFixture,
  projections: readonly Projection[],
): Promise<void> => {
  const history = generateHistory(seed);
  const rng = new Rng(seed * 7919 + 17);
  const failure = (property: string, detail: string): Error =>
    new Error(
      `Property "${property}" failed for seed ${seed} (${history.steps.length} commands, ${history.eventCount} events). ` +
        `Re-run with PROPERTY_SEED=${seed}.\n${detail}`,
    );
  const expectSame = (
    property: string,
    expected: TableDump,
    actual: TableDump,
    labels: readonly [string, string],
  ): void => {
    const difference = describeDifference(expected, actual, labels, projections);
    if (difference !== null) throw failure(property, difference);
  };

  jest.setSystemTime(new Date(CLOCKS.incremental));
  await writeIncrementally(fixture, projections, history, rng);
  const incremental = await dumpReadModels(fixture.db);
  const log = await untilLogVisible(fixture.store, history.eventCount);
  if (log.length !== history.eventCount)
    throw failure(
      'the history was written',
      `${log.length} events in the log, ${history.eventCount} decided`,
    );

  // (a) a full rebuild equals the incrementally maintained state.
  jest.setSystemTime(new Date(CLOCKS.rebuild));
  await rebuildProjections(fixture.store, fixture.db, projections, { batchSize: 1000 });
  const rebuilt = await dumpReadModels(fixture.db);
  expectSame('incremental == rebuild', incremental, rebuilt, ['incrementally', 'rebuilt']);

  // (c) rebuilding is deterministic: byte for byte, whatever the time.
  jest.setSystemTime(new Date(CLOCKS.secondRebuild));
  await rebuildProjections(fixture.store, fixture.db, projections, { batchSize: 1000 });
  const again = await dumpReadModels(fixture.db);
  expectSame('two rebuilds are identical', rebuilt, again, ['first', 'second']);
  if (JSON.stringify(again) !== JSON.stringify(rebuilt))
    throw failure('two rebuilds are identical', 'the dumps differ byte for byte');

  // (b) delivering any prefix again (a crash replay) changes nothing.
  jest.setSystemTime(new Date(CLOCKS.replay));
  await replayAfterCrashes(fixture, projections, log, rng);
  expectSame('crash replay changes nothing', incremental, await dumpReadModels(fixture.db), [
    'incrementally',
    'after replays',
  ]);

  // (b) and `apply` + write of the same batch twice, without the checkpoint guard, changes nothing either.
  await applyEveryBatchTwice(fixture, projections, log, rng);
  expectSame(
    'applying every batch twice changes nothing',
    Object.fromEntries(Object.entries(incremental).filter(([t]) => t !== 'rm_checkpoints')),
    await dumpReadModels(fixture.db, { withCheckpoints: false }),
    ['incrementally', 'applied twice'],
  );
};

/** Only Date is faked (timers, I/O and microtasks run for real): each phase sees its own wall-clock time. */
export const fakeDateOnly = (): void => {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
};

export const projectionPropertySuite = (name: string, options: PropertySuiteOptions): void =>
  describe(`read-model properties over random histories (${name})`, () => {
    const projections = options.projections ?? ALL_PROJECTIONS;
    beforeAll(fakeDateOnly);
    afterAll(() => {
      jest.useRealTimers();
    });

    it.each(propertySeeds(options.seeds))(
      'seed %i: rebuild == incremental, crash replays change nothing, deterministic',
      async (seed) => {
        const fixture = await options.open();
        try {
          await checkProjectionProperties(seed, fixture, projections);
        } finally {
          await options.close(fixture);
        }
      },
    );
  });
