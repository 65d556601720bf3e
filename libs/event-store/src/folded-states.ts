/** A stream's state folded up to `version`, with the ids of its events in order (to recognise a retried command). */
export interface FoldedStream<S> {
  readonly version: bigint;
  readonly state: S;
  readonly eventIds: readonly string[];
}

/**
 * The folded states of recently written streams, kept in this process between commands, so that a command on a
 * long stream reads and folds only the events after the version it knows instead of the whole stream. The store stays
 * the truth: `handleCommand` still reads the stream on every attempt, from the version after the one kept, so writes
 * made elsewhere (another process, a writer that does not use this cache) are folded in before deciding, and the
 * append still expects the version read.
 *
 * Only for a decider whose `evolve` never changes the state it is given (a kept state is folded on again by the next
 * command) and whose state holds nothing that must not outlive the events it came from — the case decider holds no
 * personal data (tested), so an erasure leaves nothing behind here. Bounded: the least recently used streams go first.
 */
export class FoldedStates<S> {
  private readonly streams = new Map<string, FoldedStream<S>>();

  constructor(private readonly maxStreams = 2000) {}

  get size(): number {
    return this.streams.size;
  }

  get(streamId: string): FoldedStream<S> | undefined {
    const known = this.streams.get(streamId);
    if (known) {
      this.streams.delete(streamId);
      this.streams.set(streamId, known);
    }
    return known;
  }

  /** Keeps a folded state, unless one at a later version is already kept (a concurrent command got further). */
  set(streamId: string, folded: FoldedStream<S>): void {
    const known = this.streams.get(streamId);
    if (known && known.version > folded.version) return;
    this.streams.delete(streamId);
    this.streams.set(streamId, folded);
    if (this.streams.size > this.maxStreams) {
      const oldest = this.streams.keys().next();
      if (!oldest.done) this.streams.delete(oldest.value);
    }
  }

  delete(streamId: string): void {
    this.streams.delete(streamId);
  }
}
