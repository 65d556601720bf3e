import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseStreamId } from '@app/domain';
import {
  describeWithPostgres,
  dropTestSchema,
  handleCommand,
  uniqueTestSchema,
  type EventStore,
} from '@app/event-store';
import { PostgresBulkSink, SqliteBulkSink, type BulkSink } from './bulk-sink';
import { generateCommands, newStats } from './generate';
import { importCommands, type Rejection, type SourceLine } from './importer';

/** A generated file plus a few lines that must be refused, at known line numbers. */
const buildFile = (cases = 40, seed = 3) => {
  const stats = newStats();
  const lines = [...generateCommands({ cases, seed }, stats)].map((l) => JSON.stringify(l));
  const first = JSON.parse(lines[0]!) as { caseId: string; actor: string };
  const bad: { at: number; text: string; code: string }[] = [
    { at: 5, text: '{"caseId": "oops", ', code: 'MALFORMED_LINE' },
    {
      // A second OpenCase for a case already open: refused by the decider, on every run.
      at: 30,
      text: JSON.stringify({
        caseId: first.caseId,
        actor: first.actor,
        clientMutationId: 'reopen-1',
        command: {
          type: 'OpenCase',
          data: { caseId: first.caseId, localAuthorityCode: '886', childLabel: 'Sam' },
          metadata: { actor: first.actor, today: '2026-01-01' },
        },
      }),
      code: 'INVALID_TRANSITION',
    },
    {
      at: 200,
      text: JSON.stringify({
        caseId: 'never-opened',
        actor: 'family-x',
        clientMutationId: 'x-1',
        command: {
          type: 'RecordMediation',
          data: { endedOn: '2025-01-01', agreementReached: false },
          metadata: { actor: 'family-x', today: '2025-01-02' },
        },
      }),
      code: 'INVALID_TRANSITION',
    },
    {
      at: 333,
      text: JSON.stringify({
        caseId: first.caseId,
        actor: first.actor,
        clientMutationId: 'bad-la',
        command: {
          type: 'NoSuchCommand',
          data: {},
          metadata: { actor: first.actor, today: '2025-01-02' },
        },
      }),
      code: 'INVALID_TRANSITION',
    },
  ];
  for (const { at, text } of bad) lines.splice(at - 1, 0, text);
  return { lines, stats, bad };
};

/** The same file with its cases taken in turn (each case's lines still in order; the bad lines where they were). */
const interleaved = (file: ReturnType<typeof buildFile>): ReturnType<typeof buildFile> => {
  const queues = new Map<string, string[]>();
  file.lines
    .filter((_, i) => !file.bad.some((b) => b.at === i + 1))
    .forEach((text) => {
      const { caseId } = JSON.parse(text) as { caseId: string };
      (queues.get(caseId) ?? queues.set(caseId, []).get(caseId)!).push(text);
    });
  const lines: string[] = [];
  while (lines.length < file.lines.length - file.bad.length)
    for (const queue of queues.values()) if (queue.length > 0) lines.push(queue.shift()!);
  for (const { at, text } of file.bad) lines.splice(at - 1, 0, text);
  return { ...file, lines };
};

const source = (lines: readonly string[]): SourceLine[] =>
  lines.map((text, i) => ({ number: i + 1, text, bytes: text.length + 1 }));

/** The whole log as (stream, version, id, type, data), decrypted, in global order. */
const logOf = async (store: EventStore): Promise<string[]> => {
  const out: string[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return out;
    for (const e of page.events)
      out.push(JSON.stringify([e.streamId, e.streamVersion.toString(), e.id, e.type, e.data]));
    checkpoint = page.checkpoint;
  }
};

/** Everything stored, metadata and global order included. */
const fullLogOf = async (store: EventStore): Promise<string[]> => {
  const out: string[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 1000);
    if (page.events.length === 0) return out;
    for (const e of page.events)
      out.push(
        JSON.stringify([e.streamId, e.streamVersion.toString(), e.id, e.type, e.data, e.metadata]),
      );
    checkpoint = page.checkpoint;
  }
};

const importerSuite = (open: () => Promise<BulkSink>, workers: number) => {
  const file = buildFile();
  const valid = file.lines.length - file.bad.length;

  it('imports every valid line through the decider, reports the refused ones, and exits cleanly on a re-run', async () => {
    const sink = await open();
    try {
      const rejected: Rejection[] = [];
      const first = await importCommands(sink, source(file.lines), {
        workers,
        batchSize: 50,
        onRejected: (r) => rejected.push(r),
      });
      expect(first).toMatchObject({
        lines: file.lines.length,
        imported: valid,
        rejected: file.bad.length,
        events: file.stats.events,
        alreadyImported: 0,
      });
      expect(rejected.map((r) => [r.line, r.code])).toEqual(file.bad.map((b) => [b.at, b.code]));
      expect(rejected[1]!.reason).toMatch(/already open/);
      const log = await logOf(sink.store);
      expect(log).toHaveLength(file.stats.events);

      const again: Rejection[] = [];
      const second = await importCommands(sink, source(file.lines), {
        workers,
        batchSize: 70,
        onRejected: (r) => again.push(r),
      });
      expect(second).toMatchObject({ imported: 0, events: 0, alreadyImported: valid });
      expect(again).toEqual(rejected);
      expect(await logOf(sink.store)).toEqual(log);
    } finally {
      await sink.close();
    }
  });

  it('continues after a crash without duplicates: the same log as an uninterrupted import', async () => {
    const whole = await open();
    let expected: string[];
    try {
      await importCommands(whole, source(file.lines), { workers, batchSize: 40 });
      expected = await logOf(whole.store);
    } finally {
      await whole.close();
    }
    const crashed = await open();
    try {
      const partial = await importCommands(crashed, source(file.lines), {
        workers,
        batchSize: 40,
        stopAfterBatches: 3,
      });
      expect(partial.stopped).toBe(true);
      expect(partial.batches).toBe(3);
      const resumed = await importCommands(crashed, source(file.lines), { workers, batchSize: 40 });
      expect(resumed.alreadyImported).toBeGreaterThan(0);
      expect(resumed.imported + resumed.alreadyImported).toBe(valid);
      expect(partial.events + resumed.events).toBe(file.stats.events);
      // Same streams, versions, ids, types and data; order across streams may differ only by batch boundaries.
      expect([...(await logOf(crashed.store))].sort()).toEqual([...expected].sort());
    } finally {
      await crashed.close();
    }
  });
};

describe('bulk import on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const open = () =>
    Promise.resolve(new SqliteBulkSink(new Database(join(dir, `import-${++n}.sqlite`)), true));
  describe('deciding on this thread', () => importerSuite(open, 0));
  describe('deciding on a worker thread', () => importerSuite(open, 1));

  it.each([0, 1])(
    'stops with the store error when a stream cannot be read, without hanging (workers: %i)',
    async (workers) => {
      const inner = await open();
      const down = Object.assign(new Error('The store is down.'), { code: 'STORE_UNAVAILABLE' });
      const store: EventStore = Object.create(inner.store) as EventStore;
      store.readStream = () => Promise.reject(down);
      const sink: BulkSink = {
        kind: inner.kind,
        store,
        appendAll: (requests) => inner.appendAll(requests),
        close: () => inner.close(),
      };
      try {
        await expect(
          importCommands(sink, source(buildFile().lines), { workers, batchSize: 25 }),
        ).rejects.toThrow('The store is down.');
      } finally {
        await sink.close();
      }
    },
  );

  it('checkpoints its WAL every 64 MiB during the import, and folds it back into the file when it closes', async () => {
    const file = join(dir, `import-${++n}.sqlite`);
    const sink = new SqliteBulkSink(new Database(file), true);
    expect(sink.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    const built = buildFile(20, 3);
    const summary = await importCommands(sink, source(built.lines), { batchSize: 10 });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await sink.close();

    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM es_events').pluck().get()).toBe(summary.events);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('resumes a file whose cases come back after batches without them, as an uninterrupted import', async () => {
    const file = interleaved(buildFile(50, 8));
    const run = async (sink: BulkSink, options: Parameters<typeof importCommands>[2]) => {
      const rejected: Rejection[] = [];
      const summary = await importCommands(sink, source(file.lines), {
        batchSize: 20,
        ...options,
        onRejected: (r) => rejected.push(r),
      });
      return { summary, rejected };
    };
    const whole = await open();
    const crashed = await open();
    try {
      const uninterrupted = await run(whole, { workers: 1 });
      expect(uninterrupted.summary.events).toBe(file.stats.events);
      expect(uninterrupted.rejected.map((r) => [r.line, r.code])).toEqual(
        file.bad.map((b) => [b.at, b.code]),
      );
      const partial = await run(crashed, { workers: 1, stopAfterBatches: 7 });
      expect(partial.summary.stopped).toBe(true);
      const resumed = await run(crashed, { workers: 0 });
      expect(resumed.summary.alreadyImported).toBeGreaterThan(0);
      expect(partial.summary.events + resumed.summary.events).toBe(file.stats.events);
      expect(resumed.rejected).toEqual(uninterrupted.rejected);
      expect([...(await logOf(crashed.store))].sort()).toEqual(
        [...(await logOf(whole.store))].sort(),
      );
    } finally {
      await whole.close();
      await crashed.close();
    }
  });

  it.each([0, 1])(
    'redoes the cases someone else wrote to meanwhile one by one, and reads them again afterwards (workers: %i)',
    async (workers) => {
      const file = interleaved(buildFile(60, 21));
      const valid = file.lines.length - file.bad.length;
      const withoutForeign = (log: string[]) =>
        log
          .map((row) => JSON.parse(row) as [string, string, string, string, unknown])
          .filter(([, , , type]) => type !== 'ForeignNote')
          .map(([stream, , id, type, data]) => JSON.stringify([stream, id, type, data]))
          .sort();
      const plain = await open();
      let expected: string[];
      try {
        await importCommands(plain, source(file.lines), { workers, batchSize: 45 });
        expected = withoutForeign(await logOf(plain.store));
      } finally {
        await plain.close();
      }
      const inner = await open();
      let batches = 0;
      let foreign = 0;
      // Someone else writes to every case of the 2nd batch just before it is written: all its appends are refused.
      const sink: BulkSink = {
        kind: inner.kind,
        store: inner.store,
        appendAll: async (requests) => {
          if (++batches === 2) {
            for (const { streamId } of requests) {
              foreign++;
              const id = randomUUID();
              await inner.store.append(
                streamId,
                [
                  {
                    id,
                    type: 'ForeignNote',
                    data: {},
                    metadata: {
                      recordedAt: '2026-01-01T00:00:00.000Z',
                      actor: 'someone-else',
                      correlationId: id,
                      causationId: id,
                      schemaVersion: 1,
                    },
                  },
                ],
                { expectedVersion: 'any' },
              );
            }
          }
          return inner.appendAll(requests);
        },
        close: () => inner.close(),
      };
      try {
        const rejected: Rejection[] = [];
        const summary = await importCommands(sink, source(file.lines), {
          workers,
          batchSize: 45,
          onRejected: (r) => rejected.push(r),
        });
        expect(foreign).toBeGreaterThan(0);
        expect(summary.imported + summary.alreadyImported).toBe(valid);
        expect(summary.events).toBe(file.stats.events);
        expect(rejected.map((r) => [r.line, r.code])).toEqual(file.bad.map((b) => [b.at, b.code]));
        const log = await logOf(inner.store);
        expect(log).toHaveLength(file.stats.events + foreign);
        expect(withoutForeign(log)).toEqual(expected);
      } finally {
        await sink.close();
      }
    },
  );

  it.each(['one case after another', 'cases taken in turn'])(
    'stores exactly the same log (ids, order, metadata) and reports the same lines with or without the worker, as handleCommand line by line would (%s)',
    async (layout) => {
      const file =
        layout === 'cases taken in turn' ? interleaved(buildFile(90, 11)) : buildFile(90, 11);
      const at = new Date('2026-02-03T04:05:06.000Z');
      const run = async (workers: number, batchSize: number) => {
        const sink = await open();
        try {
          const rejected: Rejection[] = [];
          const progress: number[] = [];
          const summary = await importCommands(sink, source(file.lines), {
            workers,
            batchSize,
            now: () => at,
            onRejected: (r) => rejected.push(r),
            onProgress: (p) => progress.push(p.events),
          });
          return {
            summary: { ...summary, elapsedMs: 0 },
            rejected,
            progress,
            log: await fullLogOf(sink.store),
          };
        } finally {
          await sink.close();
        }
      };
      const single = await run(0, 45);
      const threaded = await run(1, 45);
      expect(single.log).toHaveLength(file.stats.events);
      expect(threaded).toEqual(single);
      // Another batch size moves batch boundaries only: same streams, versions, ids, data and metadata.
      const other = await run(1, 7);
      expect([...other.log].sort()).toEqual([...single.log].sort());
      expect(other.rejected).toEqual(single.rejected);

      // The reference: every line through handleCommand, one at a time, as the API does.
      const reference = await open();
      try {
        for (const text of file.lines) {
          let line: { caseId: string; actor: string; clientMutationId: string; command: never };
          try {
            line = JSON.parse(text) as typeof line;
          } catch {
            continue;
          }
          await handleCommand(
            reference.store,
            caseStreamId(line.caseId),
            caseDecider,
            line.command,
            {
              actor: line.actor,
              now: at,
              idempotencyKey: line.clientMutationId,
            },
          ).catch(() => undefined);
        }
        const byStream = (log: string[]) => [...log].sort();
        expect(byStream(await fullLogOf(reference.store))).toEqual(byStream(single.log));
      } finally {
        await reference.close();
      }
    },
  );
});

describeWithPostgres('bulk import on PostgreSQL', ({ connectionString }) => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropTestSchema(connectionString, schema);
  });
  const open = async () => {
    const schema = uniqueTestSchema('bulk_import');
    schemas.push(schema);
    return PostgresBulkSink.open({ connectionString, schema, poolSize: 4 });
  };
  describe('deciding on this thread', () => importerSuite(open, 0));
  describe('deciding on a worker thread', () => importerSuite(open, 1));
});
