import { escapeLiteral } from 'pg';
import { quoteLiteral } from './postgres.statement-text';
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
