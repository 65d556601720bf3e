import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, PersonalDataErased, type KeyStore } from './key-store.port';

interface KeyRow {
  key: Buffer | null;
  readonly createdAt: Date;
  destroyedAt: Date | null;
}

/** Keys in a Map: for unit tests and the in-memory app (nothing is kept, so nothing needs scrubbing). */
export class InMemoryKeyStore implements KeyStore {
  readonly kind = 'memory';
  private readonly rows = new Map<string, KeyRow>();

  findKeys(subjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const subject of subjectIds) {
      const key = this.rows.get(subject)?.key;
      if (key) found.set(subject, Buffer.from(key));
    }
    return Promise.resolve(found);
  }

  obtainKey(subjectId: string): Promise<Buffer> {
    let row = this.rows.get(subjectId);
    if (!row) {
      row = { key: randomBytes(DATA_KEY_BYTES), createdAt: new Date(), destroyedAt: null };
      this.rows.set(subjectId, row);
    }
    if (!row.key) return Promise.reject(new PersonalDataErased(subjectId));
    return Promise.resolve(Buffer.from(row.key));
  }

  destroyKey(subjectId: string, at: Date): Promise<void> {
    const row = this.rows.get(subjectId);
    if (!row) {
      this.rows.set(subjectId, { key: null, createdAt: at, destroyedAt: at });
    } else if (row.key) {
      row.key.fill(0);
      row.key = null;
      row.destroyedAt = at;
    }
    return Promise.resolve();
  }

  destroyedAt(subjectId: string): Promise<Date | null> {
    return Promise.resolve(this.rows.get(subjectId)?.destroyedAt ?? null);
  }

  scrub(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
