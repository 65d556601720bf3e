import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithPostgres,
  dropTestSchema,
  uniqueTestSchema,
  type EventStore,
} from '@app/event-store';
import { PostgresBulkSink, SqliteBulkSink, type BulkSink } from './bulk-sink';
import { generateCommands, newStats } from './generate';
import { importCommands, type Rejection, type SourceLine } from './importer';

/** A generated file plus a few lines that must be refused, at known line numbers. */
const buildFile = () => {
  const stats = newStats();
  const lines = [...generateCommands({ cases: 40, seed: 3 }, stats)].map((l) => JSON.stringify(l));
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

const importerSuite = (open: () => Promise<BulkSink>) => {
  const file = buildFile();
  const valid = file.lines.length - file.bad.length;

  it('imports every valid line through the decider, reports the refused ones, and exits cleanly on a re-run', async () => {
    const sink = await open();
    try {
      const rejected: Rejection[] = [];
      const first = await importCommands(sink, source(file.lines), {
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
      await importCommands(whole, source(file.lines), { batchSize: 40 });
      expected = await logOf(whole.store);
    } finally {
      await whole.close();
    }
    const crashed = await open();
    try {
      const partial = await importCommands(crashed, source(file.lines), {
        batchSize: 40,
        stopAfterBatches: 3,
      });
      expect(partial.stopped).toBe(true);
      expect(partial.batches).toBe(3);
      const resumed = await importCommands(crashed, source(file.lines), { batchSize: 40 });
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
  importerSuite(() =>
    Promise.resolve(new SqliteBulkSink(new Database(join(dir, `import-${++n}.sqlite`)), true)),
  );
});

describeWithPostgres('bulk import on PostgreSQL', ({ connectionString }) => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropTestSchema(connectionString, schema);
  });
  importerSuite(async () => {
    const schema = uniqueTestSchema('bulk_import');
    schemas.push(schema);
    return PostgresBulkSink.open({ connectionString, schema, poolSize: 4 });
  });
});
