/** Argument checks shared by the adapters, so a bad argument fails the same way everywhere. */

/** `maxCount` must be a positive integer; absent means no limit. */
export function readLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) {
    throw new Error(`maxCount must be a positive integer, got ${String(maxCount)}.`);
  }
  return maxCount;
}

/** Checkpoint of the stores whose global order is one number (in-memory, SQLite). */
export function parseDecimalCheckpoint(checkpoint: string): bigint {
  if (!/^\d{1,20}$/.test(checkpoint)) {
    throw new Error(`Checkpoint ${checkpoint} was not issued by this kind of event store.`);
  }
  return BigInt(checkpoint);
}
