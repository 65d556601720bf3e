/**
 * Where the per-subject data keys of crypto-shredding live: outside the event log (a table of their own), so that
 * destroying a key erases every personal field encrypted with it while the events themselves stay untouched.
 *
 * Keys are 32 random bytes (AES-256). A destroyed key leaves a tombstone (`destroyed_at`, no key), so a subject whose
 * data was erased never silently gets a new key. Buffers handed out are copies: callers zero them after use.
 */
export interface KeyStore {
  /** Human-readable name, e.g. `sqlite`. */
  readonly kind: string;
  /** The live keys of these subjects; a subject without a key (none yet, or destroyed) is absent. Creates nothing. */
  findKeys(subjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>>;
  /** The subject's key, created on first use. Throws `PersonalDataErased` when it was destroyed. */
  obtainKey(subjectId: string): Promise<Buffer>;
  /** Destroys the subject's key for good (idempotent); a tombstone is left even when it had no key yet. */
  destroyKey(subjectId: string, at: Date): Promise<void>;
  /** When the subject's key was destroyed, or null when it was not. */
  destroyedAt(subjectId: string): Promise<Date | null>;
  /**
   * Asks the database to drop what it keeps of overwritten rows after an erasure (SQLite: checkpoint and truncate
   * the write-ahead log; secure_delete already zeroes freed space). A no-op where the database offers nothing.
   * False when it could not finish now (another connection was reading): run it again later.
   */
  scrub(): Promise<boolean>;
  close(): Promise<void>;
}

/** Personal data of a subject whose key was destroyed cannot be recorded: it could never be read, nor erased again. */
export class PersonalDataErased extends Error {
  readonly code = 'PERSONAL_DATA_ERASED';
  constructor(readonly subjectId: string) {
    super(
      `The personal data of ${subjectId} was erased: no new personal data can be recorded for it.`,
    );
    this.name = 'PersonalDataErased';
  }
}

/** A ciphertext failed authentication: it was altered, or moved to another subject, event type or field. */
export class PersonalDataTampered extends Error {
  readonly code = 'PERSONAL_DATA_TAMPERED';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly field: string,
  ) {
    super(
      `The encrypted field ${field} of event ${eventId} in ${streamId} failed authentication: it was altered or moved.`,
    );
    this.name = 'PersonalDataTampered';
  }
}

export const DATA_KEY_BYTES = 32;
