/**
 * A PostgreSQL checkpoint is `<transaction id>:<global position>`. The global position alone is not enough: a
 * transaction can draw a lower position and commit later than one with a higher position, and a reader that resumed
 * "after position N" would skip it forever. Ordering by (transaction id, position) and only reading transactions older
 * than every running one cannot skip.
 */
export interface PostgresCheckpoint {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

export const START: PostgresCheckpoint = { transactionId: 0n, globalPosition: 0n };

export const formatCheckpoint = (transactionId: bigint, globalPosition: bigint): string =>
  `${transactionId.toString()}:${globalPosition.toString()}`;

export function parseCheckpoint(checkpoint: string | null): PostgresCheckpoint {
  if (checkpoint === null) return START;
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(checkpoint);
  if (match === null) {
    throw new Error(`Checkpoint ${checkpoint} was not issued by the PostgreSQL event store.`);
  }
  return { transactionId: BigInt(match[1]!), globalPosition: BigInt(match[2]!) };
}
