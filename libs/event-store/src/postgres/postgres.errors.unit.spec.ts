import { isUnavailableError } from './postgres.errors';
import { formatCheckpoint, parseCheckpoint } from './postgres.checkpoint';

describe('isUnavailableError', () => {
  const withCode = (code: string): Error => Object.assign(new Error('x'), { code });

  it.each(['ECONNREFUSED', 'ECONNRESET', '08006', '57P01', '57P03', '53300'])(
    'treats %s as unavailable',
    (code) => expect(isUnavailableError(withCode(code))).toBe(true),
  );

  it.each(['23505', '22023', '42P01', '40001'])('treats %s as a real failure', (code) =>
    expect(isUnavailableError(withCode(code))).toBe(false),
  );

  it('recognises pg transport messages and aggregated connect errors', () => {
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    expect(isUnavailableError(new Error('syntax error'))).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
  });
});

describe('PostgreSQL checkpoint', () => {
  it('round-trips transaction id and position, and starts at zero', () => {
    const checkpoint = formatCheckpoint(18446744073709551615n, 2n ** 62n);
    expect(parseCheckpoint(checkpoint)).toEqual({
      transactionId: 18446744073709551615n,
      globalPosition: 2n ** 62n,
    });
    expect(parseCheckpoint(null)).toEqual({ transactionId: 0n, globalPosition: 0n });
  });

  it.each(['12', '1:2:3', 'a:1', ''])('rejects %p', (checkpoint) => {
    expect(() => parseCheckpoint(checkpoint)).toThrow(/not issued/);
  });
});
