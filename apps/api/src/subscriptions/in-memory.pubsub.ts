import { HandlerRegistry, type PubSub, type PubSubChannel, type PubSubHandler } from './pubsub';

/**
 * One process only (STORE=sqlite or memory, where only one replica can run). Delivers on a later tick, like a real
 * transport, so a publisher never runs subscriber code inside its own call.
 */
export class InMemoryPubSub implements PubSub {
  readonly kind = 'memory' as const;
  private readonly registry = new HandlerRegistry();
  private closed = false;

  publish(channel: PubSubChannel, payloads: readonly string[]): Promise<void> {
    if (!this.closed) {
      for (const payload of payloads) setImmediate(() => this.registry.deliver(channel, payload));
    }
    return Promise.resolve();
  }

  subscribe(channel: PubSubChannel, handler: PubSubHandler): () => void {
    return this.registry.add(channel, handler);
  }

  onResync(handler: () => void): () => void {
    return this.registry.addResync(handler);
  }

  close(): Promise<void> {
    this.closed = true;
    this.registry.clear();
    return Promise.resolve();
  }
}
