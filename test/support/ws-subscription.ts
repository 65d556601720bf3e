import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface WsResult<T> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** A graphql-ws client for a TestApp's HTTP URL; the token goes in the connection parameters. */
export const wsClient = (httpUrl: string, token?: string): Client =>
  createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });

/** One subscription whose results, error and completion a test can wait for. */
export class WsSubscription<T> {
  readonly results: WsResult<T>[] = [];
  error: unknown = undefined;
  completed = false;
  private readonly waiters = new Set<() => void>();
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown>) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => this.push(() => this.results.push(result)),
        error: (error) => this.push(() => (this.error = error)),
        complete: () => this.push(() => (this.completed = true)),
      },
    );
  }

  /** Resolves when `predicate` holds (checked after every event), rejects after `timeoutMs`. */
  until(predicate: (s: this) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `Timed out; results ${JSON.stringify(this.results)}, error ${JSON.stringify(this.error)}, completed ${this.completed}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private push(change: () => void): void {
    change();
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Polls `condition` until it holds (e.g. "the server has registered the subscription"). */
export const eventually = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
