import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { ProjectionLocks } from './projection-locks';

export interface PostgresAdvisoryLocksOptions {
  readonly connectionString: string;
  /** Separates deployments sharing one database (the PostgreSQL schema of the read models). */
  readonly scope: string;
  /** How often the holder checks that its session (and so its locks) is still alive. Default 5 s. */
  readonly keepAliveMs?: number;
  /** Shown in pg_stat_activity, so an operator can see which replica is the projector. */
  readonly applicationName?: string;
  /** Called once when held locks are lost with their session (not on release or close). */
  readonly onLost?: (projections: readonly string[], reason: string) => void;
}

/** The 64-bit key of a projection's advisory lock: a hash of scope and name, stable across versions of the app. */
export const advisoryLockKey = (scope: string, projection: string): bigint =>
  BigInt.asIntN(
    64,
    createHash('sha256')
      .update(`send-tracker:projection-lock:${scope}:${projection}`)
      .digest()
      .readBigUInt64BE(0),
  );

/**
 * Session-level PostgreSQL advisory locks on one dedicated connection (never a pooled one: the lock lives exactly as
 * long as this session). `pg_try_advisory_lock` never waits; standbys simply try again later.
 *
 * When the holder dies, its session ends and PostgreSQL releases the locks at once (a killed process's socket is
 * closed by its kernel). When the holder's machine or network vanishes instead, the server notices through TCP
 * keepalives, which this connection asks for (about 25 s). The holder itself pings its session every `keepAliveMs`
 * and stops as soon as the session is gone; anything it was writing in that moment is fenced off by the checkpoint
 * compare-and-set.
 */
export class PostgresAdvisoryLocks implements ProjectionLocks {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly keepAliveMs: number;

  constructor(private readonly options: PostgresAdvisoryLocksOptions) {
    this.keepAliveMs = options.keepAliveMs ?? 5000;
  }

  async tryAcquire(projection: string): Promise<boolean> {
    if (this.closed) return false;
    if (this.holds(projection)) return true;
    let client: Client | null = null;
    try {
      client = await this.connect();
      const result = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS ok',
        [this.keyOf(projection).toString()],
      );
      // The session may have died while we asked: a lock on a dead session is no lock.
      if (result.rows[0]?.ok !== true || this.client !== client) return false;
      this.held.add(projection);
      this.startKeepAlive();
      return true;
    } catch (error) {
      if (client) this.lose(client, reasonOf(error));
      return false;
    }
  }

  holds(projection: string): boolean {
    return this.client !== null && this.held.has(projection);
  }

  async release(projection: string): Promise<void> {
    if (!this.held.delete(projection)) return;
    const client = this.client;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [
        this.keyOf(projection).toString(),
      ]);
    } catch (error) {
      this.lose(client, reasonOf(error));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopKeepAlive();
    this.held.clear();
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    // Ending the session releases every advisory lock it holds.
    if (client) await client.end().catch(() => undefined);
  }

  /** The PostgreSQL backend pid of the lock session (diagnostics and tests), or null when not connected. */
  get backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  keyOf(projection: string): bigint {
    return advisoryLockKey(this.options.scope, projection);
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'send-tracker projector',
      connectionTimeoutMillis: 5000,
      query_timeout: Math.max(this.keepAliveMs, 5000),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // The server drops this session (and so releases the locks) when the holder's host stops answering.
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
    });
    client.on('error', (error) => this.lose(client, reasonOf(error)));
    client.on('end', () => this.lose(client, 'the lock session ended'));
    this.connecting = client.connect().then(
      () => {
        this.connecting = null;
        if (this.closed) {
          void client.end().catch(() => undefined);
          throw new Error('The projection locks were closed.');
        }
        this.client = client;
        return client;
      },
      (error: unknown) => {
        this.connecting = null;
        void client.end().catch(() => undefined);
        throw error;
      },
    );
    return this.connecting;
  }

  private lose(client: Client, reason: string): void {
    if (this.client !== client) return;
    this.client = null;
    const lost = [...this.held];
    this.held.clear();
    this.stopKeepAlive();
    void client.end().catch(() => undefined);
    if (lost.length > 0 && !this.closed) this.options.onLost?.(lost, reason);
  }

  private startKeepAlive(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const client = this.client;
      if (!client || this.held.size === 0) return;
      client.query('SELECT 1').catch((error: unknown) => this.lose(client, reasonOf(error)));
    }, this.keepAliveMs);
    this.timer.unref();
  }

  private stopKeepAlive(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** A short reason without connection details. */
const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `PostgreSQL error ${code}` : 'the lock session failed';
};
