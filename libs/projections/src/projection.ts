import type { RecordedEvent } from '@app/event-store';
import type { ReadModelDb, Statement } from './read-model-db';

/**
 * A read model fed from the global log. `apply` reads what it needs, folds the batch with pure functions and returns
 * the writes; the runner commits them together with the checkpoint, so a crash can only replay a batch, never skip
 * or double-count one. `apply` must therefore be idempotent per batch given the state before it.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the read model's shape or meaning changes: the runner then rebuilds it from the first event. */
  readonly version: number;
  /** Event types it reads; others are skipped (the checkpoint still moves past them). */
  readonly handles: readonly string[];
  /** Tables it owns, emptied on rebuild. */
  readonly tables: readonly string[];
  /** Idempotent DDL for each dialect. */
  readonly schema: { readonly sqlite: string; readonly postgres: string };
  /**
   * Indexes of `schema` that only the read model's queries use, never `apply`: a rebuild drops them after emptying
   * the tables and creates them again (by running `schema`) once caught up, which costs far less than keeping them
   * up to date row by row. Every start of a runner runs `schema`, so an interrupted rebuild leaves none missing.
   */
  readonly queryOnlyIndexes?: readonly string[];
  apply(events: readonly RecordedEvent[], db: ReadModelDb): Promise<Statement[]>;
}
