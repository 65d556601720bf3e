import type { Statement } from './read-model-db';

/**
 * The writes of a fold as posted back from the worker thread: each SQL text once, and each statement as the index of
 * its text with its parameters. A batch has hundreds of statements but a handful of texts, so this copies far fewer
 * characters between the threads, and the statements rebuilt on this side share their text (a string whose hash the
 * statement caches of the databases then compute once, not once per statement).
 */
export interface PostedWrites {
  readonly sqls: readonly string[];
  /** Per part: [index into `sqls`, params] (params absent when the statement has none). */
  readonly parts: readonly (readonly (readonly [number, (readonly unknown[])?])[])[];
}

export const postWrites = (writes: readonly (readonly Statement[])[]): PostedWrites => {
  const index = new Map<string, number>();
  const sqls: string[] = [];
  const parts = writes.map((statements) =>
    statements.map((statement): readonly [number, (readonly unknown[])?] => {
      let i = index.get(statement.sql);
      if (i === undefined) {
        i = sqls.length;
        sqls.push(statement.sql);
        index.set(statement.sql, i);
      }
      return statement.params === undefined ? [i] : [i, statement.params];
    }),
  );
  return { sqls, parts };
};

export const postedWrites = (posted: PostedWrites): Statement[][] =>
  posted.parts.map((statements) =>
    statements.map(([i, params]) =>
      params === undefined ? { sql: posted.sqls[i]! } : { sql: posted.sqls[i]!, params },
    ),
  );
