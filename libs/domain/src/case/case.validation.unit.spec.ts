import { InvalidInput } from '../domain-error';
import { requireDate, today } from './case.validation';

describe('requireDate', () => {
  it.each(['2014-01-01', '2025-06-10', '2030-12-31'])('accepts %s', (date) => {
    expect(requireDate('heldOn', date, {})).toBe(date);
  });

  it.each(['1800-01-01', '2013-12-31', '2031-01-01', '9999-12-31'])(
    'refuses %s: outside the years the deadline calendar covers',
    (date) => {
      expect(() => requireDate('hearingOn', date, {})).toThrow(
        new InvalidInput(
          'hearingOn',
          `hearingOn (${date}) must be in 2014–2030: the deadline calendar covers those years.`,
        ),
      );
    },
  );

  it('still refuses impossible dates and dates after today', () => {
    expect(() => requireDate('heldOn', '2025-02-30', {})).toThrow(/real date/);
    expect(() => requireDate('heldOn', '2025-06-11', { notAfter: today('2025-06-10') })).toThrow(
      /cannot be later than today/,
    );
  });
});
