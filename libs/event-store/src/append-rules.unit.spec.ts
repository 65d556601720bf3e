import { assertValidBatch, judgeReplay, type StoredEventSummary } from './append-rules';
import { canonicalJson } from './canonical-json';
import { newEvent } from './event-store.contract';
import { IdempotencyConflict } from './event-store.port';

describe('canonicalJson', () => {
  it('ignores key order at every depth but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe('assertValidBatch', () => {
  const valid = newEvent('Opened', {});

  it.each([
    ['an empty batch', []],
    ['an id that is not a UUID', [{ ...valid, id: 'not-a-uuid' }]],
    ['an uppercase UUID', [{ ...valid, id: valid.id.toUpperCase() }]],
    ['the same id twice', [valid, valid]],
    ['an empty type', [{ ...valid, type: '' }]],
  ])('rejects %s', (_label, events) => {
    expect(() => assertValidBatch('s', events)).toThrow(Error);
  });

  it('accepts a well-formed batch', () => {
    expect(() => assertValidBatch('s', [valid, newEvent('Noted', { n: 1 })])).not.toThrow();
  });
});

describe('judgeReplay', () => {
  const [a, b] = [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2 })];
  const stored = (streamVersion: bigint, event = a, streamId = 's'): StoredEventSummary => ({
    streamId,
    streamVersion,
    type: event.type,
    data: event.data,
  });

  it('calls a batch with unused ids new', () => {
    expect(judgeReplay('s', [a, b], [undefined, undefined])).toBe('new');
  });

  it('returns the last stored event of an exact replay', () => {
    expect(judgeReplay('s', [a, b], [stored(4n, a), stored(5n, b)])).toEqual({
      lastStored: stored(5n, b),
    });
  });

  it.each([
    ['a partial batch', [stored(4n, a), undefined]],
    ['another stream', [stored(4n, a, 'other'), stored(5n, b, 'other')]],
    ['a gap between the stored events', [stored(4n, a), stored(6n, b)]],
    ['different data', [stored(4n, { ...a, data: { n: 2 } }), stored(5n, b)]],
  ])('throws IdempotencyConflict for %s', (_label, found) => {
    expect(() => judgeReplay('s', [a, b], found)).toThrow(IdempotencyConflict);
  });
});
