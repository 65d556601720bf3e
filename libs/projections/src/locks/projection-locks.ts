/**
 * Who may run a projection. With several API replicas only one runner per projection may be active at a time;
 * the others stand by and take over when the active one goes away. The checkpoint compare-and-set
 * (checkpoint.store.ts) keeps the read model exact even in the moment two runners overlap (a holder that has lost
 * its lock but not noticed yet): of two batches read from the same checkpoint only one commits.
 */
export interface ProjectionLocks {
  /** Tries (never waits) to become the active runner of `projection`; true when this runner holds it now. */
  tryAcquire(projection: string): Promise<boolean>;
  /** Whether the lock is still held, as far as this process knows (false as soon as its session is lost). */
  holds(projection: string): boolean;
  /** Lets another runner take over now. */
  release(projection: string): Promise<void>;
  /** Releases everything and closes any connection. */
  close(): Promise<void>;
}

/** One process owns the read models (SQLite, in-memory, a one-off CLI): every projection is always this runner's. */
export class SingleProcessLocks implements ProjectionLocks {
  tryAcquire(): Promise<boolean> {
    return Promise.resolve(true);
  }

  holds(): boolean {
    return true;
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
