import { mkdirSync } from 'node:fs';
import { PERSONAL_DATA_FIELDS } from '@app/domain';
import {
  PostgresEventStore,
  PostgresKeyStore,
  SqliteEventStore,
  SqliteKeyStore,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type KeyStore,
  type NewEvent,
  type ReadAllResult,
  type ReadStreamResult,
} from '@app/event-store';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { AppConfig } from '../config/config';
import { withPersonalData } from '../persistence/open-stores';

/** One stream's new events for a bulk append. */
export interface StreamAppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

/** The result of one stream's append, or why it was refused (a conflict, an erased subject…). */
export type StreamAppendOutcome = AppendResult | Error;

/**
 * Where a bulk import writes: the app's own event store (the same adapter, wrapped in the same personal-data
 * encryption as `openStores`), plus a way to append many streams in as few transactions as the database allows.
 * Every event still goes through the encrypting store's `append` and the adapter's checks (expected version,
 * idempotency): only the transaction boundary is shared.
 */
export interface BulkSink {
  readonly kind: 'sqlite' | 'postgres';
  /** The encrypting store, as the app uses it: reads, and the one-command-at-a-time fallback. */
  readonly store: EventStore;
  /** Versions of the streams that exist, when the database can tell cheaply in one query; else undefined. */
  streamVersions?(streamIds: readonly string[]): Promise<Map<string, bigint>>;
  /** Appends each request (one per stream) through `store`, grouped in one transaction; one outcome per request. */
  appendAll(requests: readonly StreamAppendRequest[]): Promise<StreamAppendOutcome[]>;
  close(): Promise<void>;
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** WAL pages between automatic checkpoints during a bulk import (64 MiB with 4 KiB pages). */
const BULK_CHECKPOINT_PAGES = 16_384;

/**
 * SQLite: one `BEGIN IMMEDIATE … COMMIT` around the batch. Each stream's append (key creation included) runs inside
 * it as the adapter's own transaction, which better-sqlite3 turns into a savepoint, so a refused stream rolls back
 * alone; the batch costs one fsync. Only for a connection no one else uses meanwhile (the import CLI's own).
 */
export class SqliteBulkSink implements BulkSink {
  readonly kind = 'sqlite';
  readonly store: EventStore;
  private readonly events: SqliteEventStore;

  constructor(
    readonly db: Database.Database,
    private readonly ownsDatabase = false,
  ) {
    const keys = new SqliteKeyStore(db);
    this.events = new SqliteEventStore(db);
    this.store = withPersonalData(this.events, keys);
    // A batch is one big transaction of many savepoints: keep its statement journals and pages in memory rather than
    // spilling them to temporary files and the WAL mid-transaction. Durability is unchanged (WAL, synchronous=FULL).
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    // Checkpoints every 64 MiB of WAL rather than SQLite's 4 MiB: a batch dirties more pages than that (event ids are
    // random, so nearly every event touches its own page of the id index), which checkpointed — copied to the
    // database file and fsynced — after every batch. Spaced out, a page rewritten by several batches is copied once.
    // Durability is unchanged: every commit is in the fsynced WAL; the WAL is folded back when the sink closes.
    db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  }

  /** One query instead of a read per stream: a fresh import's new cases need no read at all. */
  streamVersions(streamIds: readonly string[]): Promise<Map<string, bigint>> {
    return this.events.streamVersions(streamIds);
  }

  async appendAll(requests: readonly StreamAppendRequest[]): Promise<StreamAppendOutcome[]> {
    if (requests.length === 0) return [];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const outcomes: StreamAppendOutcome[] = [];
      for (const request of requests) {
        try {
          outcomes.push(
            await this.store.append(request.streamId, request.events, {
              expectedVersion: request.expectedVersion,
            }),
          );
        } catch (error) {
          outcomes.push(asError(error));
        }
      }
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/**
 * Forwards appends to the PostgreSQL adapter, or, while collecting, queues them so that a whole batch goes to
 * `appendMany` (one statement, one round trip, one commit).
 */
class CollectingEventStore implements EventStore {
  readonly kind = 'postgres';
  private queue: {
    request: StreamAppendRequest;
    resolve: (result: AppendResult) => void;
    reject: (error: Error) => void;
  }[] = [];
  private onQueued: (() => void) | null = null;
  collecting = false;

  constructor(readonly inner: PostgresEventStore) {}

  get queued(): number {
    return this.queue.length;
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    if (!this.collecting) return this.inner.append(streamId, events, options);
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { streamId, events, expectedVersion: options.expectedVersion },
        resolve,
        reject,
      });
      this.onQueued?.();
    });
  }

  /** Re-evaluates `whenAllQueued` (an append failed before it reached the queue). */
  recheck(): void {
    this.onQueued?.();
  }

  /** Resolves once `settled()` says every caller has either queued its append or failed before queueing. */
  whenAllQueued(settled: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!settled()) return;
        this.onQueued = null;
        resolve();
      };
      this.onQueued = check;
      check();
    });
  }

  /** Sends the queue in one `appendMany` and settles every queued append with its own outcome. */
  async flush(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    let outcomes: Awaited<ReturnType<PostgresEventStore['appendMany']>>;
    try {
      outcomes = await this.inner.appendMany(queue.map((q) => q.request));
    } catch (error) {
      for (const q of queue) q.reject(asError(error));
      return;
    }
    queue.forEach((q, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) q.reject(outcome);
      else q.resolve(outcome);
    });
  }

  readStream(
    streamId: string,
    options?: { fromVersion?: bigint; maxCount?: number },
  ): Promise<ReadStreamResult> {
    return this.inner.readStream(streamId, options);
  }

  readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    return this.inner.readAll(checkpoint, maxCount);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * The batch's data keys, obtained up front (concurrently, over the pool) and then served from memory while the
 * encrypting store appends the batch, so that keys cost no round trip per stream inside the batch. Copies are handed
 * out (the encrypting store zeroes what it gets); the cache is zeroed and emptied after every batch, so an erasure
 * is seen by the next batch at the latest.
 */
class BatchKeyCache implements KeyStore {
  readonly kind: string;
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly inner: KeyStore) {
    this.kind = inner.kind;
  }

  async prefetch(subjectIds: readonly string[]): Promise<void> {
    const missing = subjectIds.filter((s) => !this.cache.has(s));
    if (missing.length === 0) return;
    const existing = await this.inner.findKeys(missing);
    for (const [subject, key] of existing) this.cache.set(subject, key);
    const toCreate = missing.filter((s) => !existing.has(s));
    // A subject whose key was destroyed makes obtainKey throw: left uncached, so its append fails as in the app.
    await Promise.all(
      toCreate.map(async (subject) => {
        try {
          this.cache.set(subject, await this.inner.obtainKey(subject));
        } catch {
          // The append of that stream will ask again and fail with the real error.
        }
      }),
    );
  }

  clear(): void {
    for (const key of this.cache.values()) key.fill(0);
    this.cache.clear();
  }

  async findKeys(subjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const subject of subjectIds) {
      const key = this.cache.get(subject);
      if (key) found.set(subject, Buffer.from(key));
      else missing.push(subject);
    }
    if (missing.length > 0) {
      for (const [subject, key] of await this.inner.findKeys(missing)) found.set(subject, key);
    }
    return found;
  }

  obtainKey(subjectId: string): Promise<Buffer> {
    const key = this.cache.get(subjectId);
    return key ? Promise.resolve(Buffer.from(key)) : this.inner.obtainKey(subjectId);
  }

  destroyKey(subjectId: string, at: Date): Promise<void> {
    this.cache.get(subjectId)?.fill(0);
    this.cache.delete(subjectId);
    return this.inner.destroyKey(subjectId, at);
  }

  destroyedAt(subjectId: string): Promise<Date | null> {
    return this.inner.destroyedAt(subjectId);
  }

  scrub(): Promise<boolean> {
    return this.inner.scrub();
  }

  close(): Promise<void> {
    this.clear();
    return this.inner.close();
  }
}

/** Event types that carry personal data: their streams need the case's data key. */
const PERSONAL_TYPES = new Set(Object.keys(PERSONAL_DATA_FIELDS));

/**
 * PostgreSQL: the batch's keys are obtained first, then every stream's append goes through the encrypting store into
 * a queue, and the queue is sent as one multi-stream `es_append` statement: one round trip and one commit per batch.
 */
export class PostgresBulkSink implements BulkSink {
  readonly kind = 'postgres';
  readonly store: EventStore;
  private readonly collector: CollectingEventStore;
  private readonly keys: BatchKeyCache;

  private constructor(
    private readonly events: PostgresEventStore,
    keys: PostgresKeyStore,
    private readonly keyPool: Pool,
  ) {
    this.collector = new CollectingEventStore(events);
    this.keys = new BatchKeyCache(keys);
    this.store = withPersonalData(this.collector, this.keys);
  }

  static async open(options: {
    connectionString: string;
    schema?: string;
    poolSize?: number;
  }): Promise<PostgresBulkSink> {
    const events = await PostgresEventStore.open({
      connectionString: options.connectionString,
      schema: options.schema ?? 'public',
      poolSize: options.poolSize ?? 10,
    });
    // Keys are created on connections with synchronous_commit=off: each new key then costs no WAL flush of its own.
    // Still durable where it matters: a key is only used by the batch appended after it, and that batch's synchronous
    // commit flushes the WAL up to its own commit record, which lies after every key inserted before it. A crash
    // before that commit can lose a key, but then no event was written with it (the re-run creates another).
    const keyPool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      options: '-c synchronous_commit=off',
    });
    keyPool.on('error', () => undefined);
    try {
      const keys = await PostgresKeyStore.open({
        pool: keyPool,
        schema: options.schema ?? 'public',
      });
      return new PostgresBulkSink(events, keys, keyPool);
    } catch (error) {
      await keyPool.end();
      await events.close();
      throw error;
    }
  }

  streamVersions(streamIds: readonly string[]): Promise<Map<string, bigint>> {
    return this.events.streamVersions(streamIds);
  }

  async appendAll(requests: readonly StreamAppendRequest[]): Promise<StreamAppendOutcome[]> {
    if (requests.length === 0) return [];
    const subjects = requests
      .filter((r) => r.events.some((e) => PERSONAL_TYPES.has(e.type)))
      .map((r) => r.streamId.replace(/^case-/, ''));
    await this.keys.prefetch(subjects);
    const outcomes: (StreamAppendOutcome | undefined)[] = requests.map(() => undefined);
    let failedEarly = 0;
    let flushed = false;
    this.collector.collecting = true;
    let pending: Promise<void>[];
    try {
      pending = requests.map((request, i) =>
        this.store
          .append(request.streamId, request.events, { expectedVersion: request.expectedVersion })
          .then(
            (result) => void (outcomes[i] = result),
            (error: unknown) => {
              outcomes[i] = asError(error);
              // Failed before reaching the queue (e.g. an erased subject), or failed in the flush.
              if (!flushed) {
                failedEarly++;
                this.collector.recheck();
              }
            },
          ),
      );
      await this.collector.whenAllQueued(
        () => this.collector.queued + failedEarly >= requests.length,
      );
      flushed = true;
      await this.collector.flush();
    } finally {
      this.collector.collecting = false;
      this.keys.clear();
    }
    await Promise.all(pending);
    return outcomes.map((o) => o ?? new Error('The append was never settled.'));
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.keyPool.end();
  }
}

/** The sink for the configured store (`STORE`, `DATA_DIR`, `DATABASE_URL`… as for the server). */
export async function openBulkSink(config: AppConfig): Promise<BulkSink> {
  switch (config.store) {
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      return new SqliteBulkSink(new Database(config.sqliteFile, { timeout: 5000 }), true);
    }
    case 'postgres':
      return PostgresBulkSink.open({
        connectionString: config.databaseUrl ?? '',
        schema: config.databaseSchema,
      });
    default:
      throw new Error(`Bulk import supports STORE=sqlite and STORE=postgres, not ${config.store}.`);
  }
}
