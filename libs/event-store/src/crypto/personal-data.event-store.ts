import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  JsonObject,
  JsonValue,
  NewEvent,
  ReadAllResult,
  ReadStreamResult,
  RecordedEvent,
} from '../event-store.port';
import { isEncryptedField, SubjectCipher, type FieldLocation } from './field-cipher';
import { PersonalDataTampered, type KeyStore } from './key-store.port';
import {
  personalFieldsOf,
  type PersonalDataPolicy,
  type PersonalFieldKind,
} from './personal-data-policy';

/**
 * Crypto-shredding around any EventStore adapter. On append, the personal fields the policy names are encrypted with
 * the stream subject's key (AES-256-GCM, see field-cipher.ts); on read they are decrypted. Once the subject's key is
 * destroyed, they read as the policy's markers instead (never plaintext, never an error), so deciders, projections
 * and rebuilds keep working on erased cases while everything else in the events (types, dates, counts) stays.
 *
 * Idempotency: ciphertext is deterministic for a given event id, field and plaintext, so the inner store's retry
 * check (it compares type and data) still tells a retry (same ids, same content) from a clash (same id, other
 * content). Keys are looked up per call, never cached: an erasure takes effect on the very next read everywhere.
 */
export class PersonalDataEventStore implements EventStore {
  readonly kind: string;

  constructor(
    readonly inner: EventStore,
    readonly keys: KeyStore,
    private readonly policy: PersonalDataPolicy,
  ) {
    this.kind = inner.kind;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const personal = events.filter((event) => this.hasPersonalValues(event));
    if (personal.length === 0) return this.inner.append(streamId, events, options);
    const subject = this.policy.subjectOf(streamId);
    if (subject === null) {
      throw new Error(
        `Event ${personal[0]!.type} carries personal data, but stream ${streamId} has no data subject to encrypt it for.`,
      );
    }
    const key = await this.keys.obtainKey(subject);
    const cipher = new SubjectCipher(subject, key);
    key.fill(0);
    let encrypted: NewEvent[];
    try {
      encrypted = events.map((event) => this.encryptEvent(cipher, event));
    } finally {
      cipher.wipe();
    }
    return this.inner.append(streamId, encrypted, options);
  }

  async readStream(
    streamId: string,
    options?: { fromVersion?: bigint; maxCount?: number },
  ): Promise<ReadStreamResult> {
    const result = await this.inner.readStream(streamId, options);
    return { ...result, events: await this.decryptAll(result.events) };
  }

  async readAll(checkpoint: string | null, maxCount: number): Promise<ReadAllResult> {
    const result = await this.inner.readAll(checkpoint, maxCount);
    return { ...result, events: await this.decryptAll(result.events) };
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.close();
  }

  private hasPersonalValues(event: NewEvent): boolean {
    return personalFieldsOf(this.policy, event.type).some(([field]) => {
      const value = event.data[field];
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    });
  }

  private encryptEvent(cipher: SubjectCipher, event: NewEvent): NewEvent {
    const fields = personalFieldsOf(this.policy, event.type);
    if (fields.length === 0) return event;
    const data: JsonObject = { ...event.data };
    for (const [field, kind] of fields) {
      const value = data[field];
      if (value === undefined) continue;
      const at = (name: string): FieldLocation => ({
        eventId: event.id,
        eventType: event.type,
        field: name,
      });
      const sealed = encryptValue(kind, value, (plain, i) =>
        cipher.encrypt(at(i === undefined ? field : `${field}[${i}]`), plain),
      );
      if (sealed === undefined) throw notOfKind(event, field, kind);
      data[field] = sealed;
    }
    return { ...event, data };
  }

  private async decryptAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const encrypted = events.filter((event) => this.hasEncryptedFields(event));
    if (encrypted.length === 0) return [...events];
    const subjects = new Set<string>();
    for (const event of encrypted) {
      const subject = this.policy.subjectOf(event.streamId);
      if (subject !== null) subjects.add(subject);
    }
    const keys =
      subjects.size === 0 ? new Map<string, Buffer>() : await this.keys.findKeys([...subjects]);
    const ciphers = new Map<string, SubjectCipher>();
    try {
      for (const [subject, key] of keys) {
        ciphers.set(subject, new SubjectCipher(subject, key));
        key.fill(0);
      }
      return events.map((event) => this.decryptEvent(event, ciphers));
    } finally {
      for (const cipher of ciphers.values()) cipher.wipe();
    }
  }

  private hasEncryptedFields(event: RecordedEvent): boolean {
    return personalFieldsOf(this.policy, event.type).some(([field]) => {
      const value = event.data[field];
      return isEncryptedField(value) || (Array.isArray(value) && value.some(isEncryptedField));
    });
  }

  private decryptEvent(
    event: RecordedEvent,
    ciphers: ReadonlyMap<string, SubjectCipher>,
  ): RecordedEvent {
    if (!this.hasEncryptedFields(event)) return event;
    const subject = this.policy.subjectOf(event.streamId);
    const cipher = subject === null ? undefined : ciphers.get(subject);
    const data: JsonObject = { ...event.data };
    for (const [field, kind] of personalFieldsOf(this.policy, event.type)) {
      const open = (value: JsonValue, name: string): JsonValue => {
        if (!isEncryptedField(value)) return value;
        // No subject: a ciphertext in a stream that should hold none was put there by hand.
        if (subject === null) throw new PersonalDataTampered(event.streamId, event.id, name);
        if (cipher === undefined) return this.erased(kind);
        const plain = cipher.decrypt(
          { eventId: event.id, eventType: event.type, field: name },
          value,
        );
        if (plain === undefined) throw new PersonalDataTampered(event.streamId, event.id, name);
        return plain;
      };
      const value = data[field];
      if (value === undefined) continue;
      data[field] =
        kind === 'textList' && Array.isArray(value)
          ? value.map((item, i) => open(item, `${field}[${i}]`))
          : open(value, field);
    }
    return { ...event, data };
  }

  /** What a field (or a list element) whose key is destroyed reads as. */
  private erased(kind: PersonalFieldKind): JsonValue {
    return kind === 'optionalText' ? null : this.policy.erasedText;
  }
}

/** The encrypted form of a value of the given kind, or undefined when the value is not of that kind. */
const encryptValue = (
  kind: PersonalFieldKind,
  value: JsonValue,
  encrypt: (plain: string, index?: number) => JsonValue,
): JsonValue | undefined => {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? encrypt(value) : undefined;
    case 'optionalText':
      if (value === null) return null;
      return typeof value === 'string' ? encrypt(value) : undefined;
    case 'textList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value.map((item, i) => encrypt(item, i))
        : undefined;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
};

const notOfKind = (event: NewEvent, field: string, kind: PersonalFieldKind): Error =>
  new Error(
    `Personal field ${field} of ${event.type} (event ${event.id}) is not ${kind}: refusing to store it unencrypted.`,
  );
