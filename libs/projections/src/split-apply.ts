import type { EventMetadata, RecordedEvent } from '@app/event-store';
import type { ReadModelDb, Statement } from './read-model-db';

/**
 * A projection's `apply` in two halves, so that a rebuild can fold one batch (on a worker thread, or while the
 * previous batch commits) before the previous batch's writes are in the database:
 *
 * - `load` reads what the batch needs from the read model, as plain data (it can be posted to a worker thread);
 * - `fold` is pure: the batch's writes from what `load` read, plus `newer`, the documents the previous batch
 *   changed (returned as `changed` by the previous `fold`), which win wherever they are ahead of what was read.
 *
 * `apply(events, db)` must be exactly `fold(events, await load(events, db), null).writes`.
 */
export interface SplitApply<Loaded, Document> {
  load(events: readonly RecordedEvent[], db: ReadModelDb): Promise<Loaded>;
  fold(
    events: readonly FoldEvent[],
    loaded: Loaded,
    newer: ReadonlyMap<string, Document> | null,
  ): { readonly writes: Statement[]; readonly changed: Map<string, Document> };
}

/** What a fold reads of an event (all that is sent to a worker thread). */
export interface FoldEvent {
  readonly streamId: string;
  readonly streamVersion: bigint;
  readonly type: string;
  readonly data: RecordedEvent['data'];
  readonly metadata: Pick<EventMetadata, 'recordedAt'>;
}

/**
 * Where a document the previous fold changed (`newer`) is ahead of the stored one by stream version, or there is no
 * stored one, the newer one replaces it in `before` (for the cases of the batch, `caseIds`).
 */
export const preferNewer = <Document extends { readonly version: number }>(
  before: Map<string, Document>,
  newer: ReadonlyMap<string, Document> | null,
  caseIds: readonly string[],
): void => {
  if (!newer) return;
  for (const caseId of caseIds) {
    const folded = newer.get(caseId);
    const stored = before.get(caseId);
    if (folded && (!stored || folded.version > stored.version)) before.set(caseId, folded);
  }
};
