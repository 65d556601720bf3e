import { deterministicId } from './deterministic-id';

describe('deterministicId', () => {
  it('is a lowercase version-5 RFC UUID', () => {
    expect(deterministicId('case-1', 'user-1', 'key', '0')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same id for the same parts, in every process (pinned value)', () => {
    expect(deterministicId('a', 'b')).toBe(deterministicId('a', 'b'));
    // Pinned: if this changes, every retried command after a deploy would write duplicates.
    expect(deterministicId('case-1', 'user-1', 'key', '0')).toBe(
      '08e59ca1-f99c-5b7d-a15d-13cb95be1a2a',
    );
  });

  it('tells apart parts that concatenate to the same text, and their order', () => {
    const ids = new Set([
      deterministicId('ab', 'c'),
      deterministicId('a', 'bc'),
      deterministicId('abc'),
      deterministicId('c', 'ab'),
      deterministicId('case-1', 'user-1', 'key', '0'),
      deterministicId('case-1', 'user-1', 'key', '1'),
    ]);
    expect(ids.size).toBe(6);
  });
});
