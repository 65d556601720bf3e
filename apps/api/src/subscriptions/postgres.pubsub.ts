import { createHash } from 'node:crypto';
import { Client, Pool } from 'pg';
import {
  HandlerRegistry,
  PUBSUB_CHANNELS,
  type PubSub,
  type PubSubChannel,
  type PubSubHandler,
} from './pubsub';

export interface PostgresPubSubOptions {
  readonly connectionString: string;
  /** Separates deployments sharing one database (the read models' schema): it is part of every channel name. */
  readonly scope: string;
  /** Wait before reconnecting the listening session after it failed. Default 1000 ms. */
  readonly reconnectMs?: number;
  readonly onError?: (reason: string) => void;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `<scope>:<channel>`, shortened to a hash of the scope when it would pass PostgreSQL's 63-byte identifier limit. */
export const pgChannelName = (scope: string, channel: PubSubChannel): string => {
  const name = `${scope}:${channel}`;
  if (Buffer.byteLength(name) <= 63) return name;
  return `${createHash('sha256').update(scope).digest('hex').slice(0, 24)}:${channel}`;
};

/**
 * PostgreSQL LISTEN/NOTIFY: every replica listens on one dedicated session, and a publisher's NOTIFY reaches every
 * listener, its own replica included, so there is exactly one delivery path whichever replica published.
 * Notifications are not stored: a listener that is disconnected misses them, so after reconnecting it asks its
 * subscribers to resync (re-read what they watch).
 */
export class PostgresPubSub implements PubSub {
  readonly kind = 'postgres' as const;
  private readonly registry = new HandlerRegistry();
  private readonly pool: Pool;
  private readonly byName = new Map<string, PubSubChannel>();
  private listener: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(private readonly options: PostgresPubSubOptions) {
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: 2,
      connectionTimeoutMillis: 5000,
      application_name: 'send-tracker notify',
    });
    this.pool.on('error', () => undefined);
    for (const channel of PUBSUB_CHANNELS) this.byName.set(this.nameOf(channel), channel);
  }

  /** Connects the listening session first, so nothing published after `open` resolves is missed. */
  static async open(options: PostgresPubSubOptions): Promise<PostgresPubSub> {
    const pubsub = new PostgresPubSub(options);
    try {
      await pubsub.listen();
    } catch (error) {
      await pubsub.close();
      throw error;
    }
    return pubsub;
  }

  async publish(channel: PubSubChannel, payloads: readonly string[]): Promise<void> {
    if (this.closed || payloads.length === 0) return;
    await this.pool.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
      this.nameOf(channel),
      [...payloads],
    ]);
  }

  subscribe(channel: PubSubChannel, handler: PubSubHandler): () => void {
    return this.registry.add(channel, handler);
  }

  onResync(handler: () => void): () => void {
    return this.registry.addResync(handler);
  }

  /** Whether the listening session is up (for diagnostics and tests). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    this.registry.clear();
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private nameOf(channel: PubSubChannel): string {
    return pgChannelName(this.options.scope, channel);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'send-tracker listen',
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const lost = (reason: string) => {
      if (this.listener !== client && this.listener !== null) return;
      this.listener = null;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.onError?.(reason);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => {
      const channel = this.byName.get(message.channel);
      if (channel) this.registry.deliver(channel, message.payload ?? '');
    });
    client.on('error', (error: Error & { code?: string }) =>
      lost(error.code ? `PostgreSQL error ${error.code}` : 'the listening session failed'),
    );
    client.on('end', () => lost('the listening session ended'));
    try {
      await client.connect();
      for (const name of this.byName.keys()) await client.query(`LISTEN ${quoteIdent(name)}`);
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        // Whatever was published while we were away is lost: subscribers re-read.
        () => this.registry.resync(),
        () => this.scheduleReconnect(),
      );
    }, this.options.reconnectMs ?? 1000);
    this.reconnectTimer.unref();
  }
}
