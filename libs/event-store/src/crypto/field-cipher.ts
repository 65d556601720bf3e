import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { JsonValue } from '../event-store.port';
import { DATA_KEY_BYTES } from './key-store.port';

/**
 * One encrypted personal field as stored in an event's data:
 * `{"$enc":"v1","sub":<subject id>,"iv":<base64>,"ct":<base64>,"tag":<base64>}`.
 * The plaintext is the canonical JSON of the field's value, so a string comes back a string.
 */
export type EncryptedField = {
  $enc: 'v1';
  sub: string;
  iv: string;
  ct: string;
  tag: string;
};

/** Where a value sits: part of the associated data (subject, type, field) and of the synthetic IV (event id). */
export interface FieldLocation {
  readonly eventId: string;
  readonly eventType: string;
  /** The field's name, with `[i]` for an element of a list, e.g. `evidenceRefs[2]`. */
  readonly field: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = Buffer.from('send-tracker/personal-data/v1', 'utf8');

export const isEncryptedField = (value: unknown): value is EncryptedField => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v['$enc'] === VERSION &&
    typeof v['sub'] === 'string' &&
    typeof v['iv'] === 'string' &&
    typeof v['ct'] === 'string' &&
    typeof v['tag'] === 'string'
  );
};

/** The associated data: a ciphertext only opens for the subject, event type and field it was written for. */
const associatedData = (subjectId: string, location: FieldLocation): Buffer =>
  Buffer.from(canonicalJson([VERSION, subjectId, location.eventType, location.field]), 'utf8');

/**
 * AES-256-GCM with one subject's data key. Two sub-keys are derived from it with HKDF-SHA256: one encrypts, the
 * other computes the IV.
 *
 * The IV is synthetic: HMAC-SHA256(ivKey, event id ‖ event type ‖ field ‖ plaintext), truncated to 96 bits. So
 * - a retried append (same event id, same plaintext) produces byte-identical ciphertext, and the stores' idempotency
 *   check (they compare type and data) keeps recognising retries through encryption;
 * - a (key, IV) pair is never used for two different plaintexts: a different plaintext, field or event gives a
 *   different IV (short of an HMAC collision, as unlikely as a collision of random IVs). GCM's one fatal misuse,
 *   nonce reuse, is therefore excluded by construction rather than by luck;
 * - the only thing it reveals is that two ciphertexts of the same event and field are equal — which they are only
 *   for a retry.
 */
export class SubjectCipher {
  private readonly encKey: Buffer;
  private readonly ivKey: Buffer;

  constructor(
    readonly subjectId: string,
    dataKey: Buffer,
  ) {
    if (dataKey.length !== DATA_KEY_BYTES) {
      throw new Error(`A data key has ${DATA_KEY_BYTES} bytes, not ${dataKey.length}.`);
    }
    this.encKey = Buffer.from(hkdfSync('sha256', dataKey, SALT, 'aes-256-gcm key', 32));
    this.ivKey = Buffer.from(hkdfSync('sha256', dataKey, SALT, 'synthetic iv key', 32));
  }

  encrypt(location: FieldLocation, value: JsonValue): EncryptedField {
    const plaintext = Buffer.from(canonicalJson(value), 'utf8');
    const iv = createHmac('sha256', this.ivKey)
      .update(canonicalJson([location.eventId, location.eventType, location.field]))
      .update('\n')
      .update(plaintext)
      .digest()
      .subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.subjectId, location));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    plaintext.fill(0);
    return {
      $enc: VERSION,
      sub: this.subjectId,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /** The value, or undefined when the ciphertext does not authenticate (altered, or moved elsewhere). */
  decrypt(location: FieldLocation, field: EncryptedField): JsonValue | undefined {
    if (field.sub !== this.subjectId) return undefined;
    try {
      const iv = Buffer.from(field.iv, 'base64');
      const tag = Buffer.from(field.tag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(this.subjectId, location));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(field.ct, 'base64')),
        decipher.final(),
      ]);
      const value = JSON.parse(plaintext.toString('utf8')) as JsonValue;
      plaintext.fill(0);
      return value;
    } catch {
      return undefined;
    }
  }

  /** Zeroes the derived keys (the caller zeroes the data key it passed in). */
  wipe(): void {
    this.encKey.fill(0);
    this.ivKey.fill(0);
  }
}
