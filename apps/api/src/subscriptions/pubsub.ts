/**
 * Notifications between the replicas of the service: ids only, never personal data (subscribers re-read the read
 * model and apply authorisation themselves). Delivery is at most once and may coalesce; `onResync` tells
 * subscribers when notifications may have been lost (a reconnect), so they re-read everything they watch.
 */
export type PubSubChannel =
  /** A case's read-model document changed (payload: the case id). Published after the projection committed. */
  | 'case_updated'
  /** Events were appended on a replica whose runner stands by: the active runner should look now (no payload). */
  | 'projector_wake';

export const PUBSUB_CHANNELS: readonly PubSubChannel[] = ['case_updated', 'projector_wake'];

export type PubSubHandler = (payload: string) => void;

export interface PubSub {
  /** `memory` (one process) or `postgres` (LISTEN/NOTIFY across replicas). */
  readonly kind: 'memory' | 'postgres';
  /** Resolves once the transport has accepted the messages (not when they are delivered). */
  publish(channel: PubSubChannel, payloads: readonly string[]): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: PubSubChannel, handler: PubSubHandler): () => void;
  /** Called after a reconnect, when notifications may have been missed. */
  onResync(handler: () => void): () => void;
  close(): Promise<void>;
}

export const PUBSUB = Symbol('PUBSUB');

/** The handlers of each channel, shared by both transports. */
export class HandlerRegistry {
  private readonly handlers = new Map<PubSubChannel, Set<PubSubHandler>>();
  private readonly resyncs = new Set<() => void>();

  add(channel: PubSubChannel, handler: PubSubHandler): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  addResync(handler: () => void): () => void {
    this.resyncs.add(handler);
    return () => void this.resyncs.delete(handler);
  }

  deliver(channel: PubSubChannel, payload: string): void {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) {
      try {
        handler(payload);
      } catch {
        // One subscriber's failure is its own; the others still hear.
      }
    }
  }

  resync(): void {
    for (const handler of [...this.resyncs]) {
      try {
        handler();
      } catch {
        // as above
      }
    }
  }

  clear(): void {
    this.handlers.clear();
    this.resyncs.clear();
  }
}
