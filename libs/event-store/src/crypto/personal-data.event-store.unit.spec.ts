import { randomUUID } from 'node:crypto';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { IdempotencyConflict, type EventStore, type JsonObject } from '../event-store.port';
import { handleCommand, type Decider } from '../handle-command';
import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import { isEncryptedField, type EncryptedField } from './field-cipher';
import { InMemoryKeyStore } from './in-memory.key-store';
import { PersonalDataErased, PersonalDataTampered } from './key-store.port';
import { PersonalDataEventStore } from './personal-data.event-store';
import { subjectAfterPrefix, type PersonalDataPolicy } from './personal-data-policy';

const ERASED = '[erased]';

/** The shared contract, through the decorator: the contract's string fields are "personal" here. */
eventStoreContract('in-memory with crypto-shredding', () =>
  Promise.resolve(
    new PersonalDataEventStore(new InMemoryEventStore(), new InMemoryKeyStore(), {
      fields: { Noted: { text: 'text' }, Happened: { stream: 'text' } },
      subjectOf: (streamId) => streamId,
      erasedText: ERASED,
    }),
  ),
);

const policy: PersonalDataPolicy = {
  fields: {
    Opened: { label: 'text' },
    Reported: { notes: 'optionalText', refs: 'textList' },
  },
  subjectOf: subjectAfterPrefix('case'),
  erasedText: ERASED,
};

const LABEL = 'Zebedee-Plaintext-7f3a';
const NOTES = 'The school said Zebedee cannot come on the trip';

describe('PersonalDataEventStore', () => {
  let inner: InMemoryEventStore;
  let keys: InMemoryKeyStore;
  let store: PersonalDataEventStore;
  beforeEach(() => {
    inner = new InMemoryEventStore();
    keys = new InMemoryKeyStore();
    store = new PersonalDataEventStore(inner, keys, policy);
  });

  const opened = (label = LABEL) => newEvent('Opened', { caseId: 'c1', label, la: '886' });
  const reported = (data: Partial<JsonObject> = {}) =>
    newEvent('Reported', {
      breachType: 'X',
      notes: NOTES,
      refs: ['letter 1 May', 'EP report'],
      ...data,
    });
  const rawData = async (streamId = 'case-c1'): Promise<JsonObject[]> =>
    (await inner.readStream(streamId)).events.map((e) => e.data);

  it('stores personal fields encrypted and gives them back in plaintext, on readStream and readAll', async () => {
    const events = [opened(), reported()];
    await store.append('case-c1', events, { expectedVersion: 'no_stream' });

    const raw = await rawData();
    expect(JSON.stringify(raw)).not.toContain('Zebedee');
    expect(JSON.stringify(raw)).not.toContain('EP report');
    expect(raw[0]).toMatchObject({ caseId: 'c1', la: '886' });
    const label = raw[0]!['label'] as EncryptedField;
    expect(isEncryptedField(label)).toBe(true);
    expect(label).toEqual({
      $enc: 'v1',
      sub: 'c1',
      iv: expect.any(String) as unknown,
      ct: expect.any(String) as unknown,
      tag: expect.any(String) as unknown,
    });
    expect(Buffer.from(label.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(label.tag, 'base64')).toHaveLength(16);
    expect((raw[1]!['refs'] as unknown[]).every(isEncryptedField)).toBe(true);

    const read = await store.readStream('case-c1');
    expect(read.events.map((e) => e.data)).toEqual(events.map((e) => e.data));
    const all = await store.readAll(null, 10);
    expect(all.events.map((e) => e.data)).toEqual(events.map((e) => e.data));
  });

  it('leaves null, missing and non-personal fields as they are, and needs no key for them', async () => {
    await store.append('case-c1', [reported({ notes: null, refs: [] })], {
      expectedVersion: 'any',
    });
    await store.append('other-1', [newEvent('Unlisted', { label: 'kept' })], {
      expectedVersion: 'any',
    });

    expect(await rawData()).toEqual([{ breachType: 'X', notes: null, refs: [] }]);
    expect(await keys.findKeys(['c1'])).toEqual(new Map());
    expect((await inner.readStream('other-1')).events[0]!.data).toEqual({ label: 'kept' });
  });

  it('refuses to store personal data it cannot encrypt: no subject, or a value of the wrong kind', async () => {
    await expect(store.append('audit-1', [opened()], { expectedVersion: 'any' })).rejects.toThrow(
      /no data subject/,
    );
    await expect(
      store.append('case-c1', [newEvent('Opened', { label: 42 })], { expectedVersion: 'any' }),
    ).rejects.toThrow(/not text/);
    await expect(
      store.append('case-c1', [reported({ refs: ['ok', 7] })], { expectedVersion: 'any' }),
    ).rejects.toThrow(/not textList/);
    expect((await inner.readAll(null, 10)).events).toEqual([]);
  });

  it('keeps one key per subject: another case gets another key', async () => {
    await store.append('case-c1', [opened()], { expectedVersion: 'any' });
    await store.append('case-c2', [opened()], { expectedVersion: 'any' });
    const found = await keys.findKeys(['c1', 'c2']);
    expect(found.size).toBe(2);
    expect(found.get('c1')!.equals(found.get('c2')!)).toBe(false);
  });

  describe('after the key is destroyed', () => {
    beforeEach(async () => {
      await store.append('case-c1', [opened(), reported()], { expectedVersion: 'no_stream' });
      await store.append('case-c2', [opened('Other child')], { expectedVersion: 'no_stream' });
      await keys.destroyKey('c1', new Date('2025-06-10T12:00:00Z'));
    });

    it('reads every personal field as its marker, never throws, and keeps everything else', async () => {
      const read = await store.readStream('case-c1');
      expect(read.events.map((e) => e.data)).toEqual([
        { caseId: 'c1', label: ERASED, la: '886' },
        { breachType: 'X', notes: null, refs: [ERASED, ERASED] },
      ]);
      const all = await store.readAll(null, 10);
      expect(all.events.map((e) => e.data['label'] ?? e.data['notes'])).toEqual([
        ERASED,
        null,
        'Other child',
      ]);
      expect(await keys.destroyedAt('c1')).toEqual(new Date('2025-06-10T12:00:00Z'));
      expect(await keys.destroyedAt('c2')).toBeNull();
    });

    it('takes effect on the next read: keys are never cached', async () => {
      await keys.destroyKey('c2', new Date());
      const all = await store.readAll(null, 10);
      expect(all.events.at(-1)!.data['label']).toBe(ERASED);
    });

    it('refuses new personal data for the subject, but still appends events without any', async () => {
      await expect(
        store.append('case-c1', [reported({ notes: 'new words' })], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(PersonalDataErased);
      await expect(
        store.append('case-c1', [reported({ notes: null, refs: [] })], { expectedVersion: 'any' }),
      ).resolves.toMatchObject({ nextExpectedVersion: 3n });
    });

    it('a tombstone stops a key from ever being created for a subject erased before it had one', async () => {
      await keys.destroyKey('c3', new Date());
      await expect(
        store.append('case-c3', [opened()], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(PersonalDataErased);
    });
  });

  describe('tamper detection (the associated data binds subject, event type and field)', () => {
    /** Writes raw data straight into the inner store, as someone with database access could. */
    const plant = async (streamId: string, type: string, data: JsonObject) => {
      const id = randomUUID();
      await inner.append(streamId, [newEvent(type, data, id)], { expectedVersion: 'any' });
      return id;
    };
    const label = async (): Promise<EncryptedField> => {
      await store.append('case-c1', [opened()], { expectedVersion: 'any' });
      return (await rawData())[0]!['label'] as EncryptedField;
    };

    it('detects a flipped ciphertext bit', async () => {
      const sealed = await label();
      const ct = Buffer.from(sealed.ct, 'base64');
      ct[0] = ct[0]! ^ 1;
      await plant('case-c1', 'Opened', { label: { ...sealed, ct: ct.toString('base64') } });
      await expect(store.readStream('case-c1')).rejects.toBeInstanceOf(PersonalDataTampered);
    });

    it.each([
      ['another field', 'Reported', 'notes'],
      ['another event type', 'Renamed', 'label'],
    ])('detects a ciphertext moved to %s', async (_what, type, field) => {
      const sealed = await label();
      const moved: PersonalDataPolicy = {
        ...policy,
        fields: { ...policy.fields, Renamed: { label: 'text' } },
      };
      const reader = new PersonalDataEventStore(inner, keys, moved);
      await plant('case-c1', type, { [field]: sealed });
      await expect(reader.readStream('case-c1')).rejects.toBeInstanceOf(PersonalDataTampered);
    });

    it('detects a ciphertext moved to another subject’s stream', async () => {
      const sealed = await label();
      await store.append('case-c2', [opened('Other')], { expectedVersion: 'any' });
      await plant('case-c2', 'Opened', { label: sealed });
      await expect(store.readStream('case-c2')).rejects.toThrow(PersonalDataTampered);
      // Even claiming the other subject in the envelope does not help: the AAD uses the stream's subject.
      await plant('case-c2', 'Opened', { label: { ...sealed, sub: 'c2' } });
      await expect(store.readAll(null, 100)).rejects.toThrow(PersonalDataTampered);
    });

    it('detects a ciphertext put into a stream without a data subject', async () => {
      const sealed = await label();
      await plant('other-1', 'Opened', { label: sealed });
      await expect(store.readStream('other-1')).rejects.toBeInstanceOf(PersonalDataTampered);
    });
  });

  describe('idempotency through encryption', () => {
    it('a retried append (same ids, same plaintext) is recognised and writes nothing', async () => {
      const batch = [opened(), reported()];
      const first = await store.append('case-c1', batch, { expectedVersion: 'no_stream' });
      const retry = batch.map((e) => ({ ...e, metadata: { ...e.metadata, recordedAt: 'later' } }));

      const second = await store.append('case-c1', retry, { expectedVersion: 'no_stream' });

      expect(second).toEqual({ ...first, alreadyAppended: true });
      expect((await inner.readStream('case-c1')).events).toHaveLength(2);
    });

    it('the same id with other plaintext is still an IdempotencyConflict', async () => {
      const event = opened();
      await store.append('case-c1', [event], { expectedVersion: 'no_stream' });
      await expect(
        store.append('case-c1', [{ ...event, data: { ...event.data, label: 'Someone else' } }], {
          expectedVersion: 'any',
        }),
      ).rejects.toBeInstanceOf(IdempotencyConflict);
    });

    it('ciphertext is deterministic per (event, field, plaintext) and differs otherwise', async () => {
      const a = opened();
      const b = opened(); // another event id, same plaintext
      await store.append('case-c1', [a, b], { expectedVersion: 'no_stream' });
      await store.append('case-c1', [a, b], { expectedVersion: 'any' });
      const [la, lb] = (await rawData()).map((d) => d['label'] as EncryptedField);
      expect(la!.iv).not.toBe(lb!.iv);
      expect(la!.ct).not.toBe(lb!.ct);
      // Two equal list elements: different positions, so different IVs and ciphertexts.
      await store.append('case-c9', [reported({ refs: ['same', 'same'] })], {
        expectedVersion: 'any',
      });
      const refs = (await inner.readStream('case-c9')).events[0]!.data['refs'] as EncryptedField[];
      expect(refs[0]!.iv).not.toBe(refs[1]!.iv);
    });

    it('handleCommand with an idempotency key replays a retried command through the decorator', async () => {
      const decider: Decider<{ label: string }, number, { type: string; data: object }> = {
        decide: (command) => [{ type: 'Opened', data: { label: command.label } }],
        evolve: (n) => n + 1,
        initialState: () => 0,
      };
      const options = { actor: 'parent-1', now: new Date(), idempotencyKey: 'open-1' };
      const first = await handleCommand(store, 'case-c1', decider, { label: LABEL }, options);
      const again = await handleCommand(store, 'case-c1', decider, { label: LABEL }, options);

      expect(first.events[0]!.data).toEqual({ label: LABEL });
      expect(again.alreadyAppended).toBe(true);
      expect(again.events).toEqual(first.events);
      expect((await inner.readStream('case-c1')).events).toHaveLength(1);
    });
  });

  it('passes events written before encryption (plaintext) through unchanged', async () => {
    await inner.append('case-c1', [newEvent('Opened', { label: 'legacy' })], {
      expectedVersion: 'any',
    });
    expect((await store.readStream('case-c1')).events[0]!.data).toEqual({ label: 'legacy' });
  });

  it('closes the inner store', async () => {
    const closing: EventStore = new PersonalDataEventStore(inner, keys, policy);
    await closing.close();
    await expect(inner.readStream('case-c1')).rejects.toThrow(/closed/);
  });
});
