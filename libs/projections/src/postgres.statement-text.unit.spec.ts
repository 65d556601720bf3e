import { escapeLiteral } from 'pg';
import { batchTexts, quoteLiteral } from './postgres.statement-text';
import { Rng } from './random-history.spec-helper';

describe('quoteLiteral', () => {
  it('writes exactly what pg’s escapeLiteral writes', () => {
    const alphabet = [
      "'",
      '\\',
      '"',
      '$',
      'a',
      'Z',
      '0',
      ' ',
      '\n',
      '\u00e9',
      '\u{1F600}',
      ';',
      '-',
      'E',
    ];
    const rng = new Rng(7);
    const samples = [
      '',
      "'",
      '\\',
      "\\'",
      "O'Brien \\ co",
      '$1 $$dollar$$',
      'plain',
      JSON.stringify({ note: "it's \\ here", n: 1 }),
    ];
    for (let i = 0; i < 2000; i++) {
      const length = rng.int(0, 40);
      samples.push(Array.from({ length }, () => rng.pick(alphabet)).join(''));
    }
    for (const text of samples) expect(quoteLiteral(text)).toBe(escapeLiteral(text));
  });
});

describe('batchTexts with rows joined', () => {
  const upsert = `INSERT INTO t (id, n) VALUES ($1, $2)
    ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n`;
  const other = 'DELETE FROM t WHERE id = $1 AND n = 0';

  it('sends consecutive one-row inserts of one statement as one insert, in order around the others', () => {
    const texts = batchTexts(
      [
        { sql: upsert, params: ['a', 1] },
        { sql: upsert, params: ["b'", 2] },
        { sql: other, params: ['a'] },
        { sql: upsert, params: ['c', null] },
      ],
      1_000_000,
      true,
    );
    expect(texts).toEqual([
      [
        `INSERT INTO t (id, n) VALUES ('a', '1'),\n('b''', '2')\n    ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n`,
        `DELETE FROM t WHERE id = 'a' AND n = 0`,
        `INSERT INTO t (id, n) VALUES ('c', NULL)\n    ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n`,
      ].join(';\n'),
    ]);
    // Without `rows`, one statement per row as before.
    expect(
      batchTexts([
        { sql: upsert, params: ['a', 1] },
        { sql: upsert, params: ['b', 2] },
      ])[0],
    ).toContain(
      `('a', '1')\n    ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n;\nINSERT INTO t`,
    );
  });

  it('leaves alone what is not a one-row insert of placeholders, and keeps texts under the size asked', () => {
    const select = 'INSERT INTO t (id, n) SELECT $1, $2';
    const literal = "INSERT INTO t (id, n) VALUES ($1, 'x')";
    const texts = batchTexts(
      [
        { sql: select, params: ['a', 1] },
        { sql: select, params: ['b', 2] },
        { sql: literal, params: ['c'] },
        { sql: literal, params: ['d'] },
      ],
      1_000_000,
      true,
    );
    expect(texts[0]!.split(';\n')).toHaveLength(4);
    const many = Array.from({ length: 50 }, (_, i) => ({ sql: upsert, params: [`k-${i}`, i] }));
    const small = batchTexts(many, 400, true);
    expect(small.length).toBeGreaterThan(1);
    for (const text of small) expect(text.length).toBeLessThan(600);
    expect(small.join('\n').match(/\('k-\d+', '\d+'\)/g)).toHaveLength(50);
  });
});
