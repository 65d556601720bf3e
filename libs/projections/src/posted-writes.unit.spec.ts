import { postWrites, postedWrites } from './posted-writes';
import type { Statement } from './read-model-db';

describe('writes posted back from the fold worker', () => {
  const upsert =
    'INSERT INTO t (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc';
  const writes: Statement[][] = [
    [
      { sql: upsert, params: ['a', '{"x":1}'] },
      { sql: 'DELETE FROM g WHERE id = $1', params: ['a'] },
      { sql: upsert, params: ['b', null] },
    ],
    [],
    [{ sql: 'DELETE FROM t' }, { sql: upsert, params: [] }],
  ];

  it('come back as the very statements, in order, each part on its own', () => {
    expect(postedWrites(postWrites(writes))).toEqual(writes);
    // A statement without parameters still has none (not an `undefined` one).
    expect(Object.keys(postedWrites(postWrites(writes))[2]![0]!)).toEqual(['sql']);
  });

  it('carry each SQL text once, and the statements rebuilt from it share it', () => {
    const posted = postWrites(writes);
    expect(posted.sqls).toEqual([upsert, 'DELETE FROM g WHERE id = $1', 'DELETE FROM t']);
    // Through a structured clone, as between threads.
    const [first, , third] = postedWrites(structuredClone(posted))[0]!;
    expect(first!.sql).toBe(third!.sql);
  });
});
