import { londonDay, systemClock } from './clock';

const london = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const viaIntl = (ms: number): string => london.format(ms);

describe('londonDay', () => {
  it('changes at midnight in London, in winter (GMT) and in summer (BST)', () => {
    expect(londonDay(Date.parse('2026-01-14T23:59:59.999Z'))).toBe('2026-01-14');
    expect(londonDay(Date.parse('2026-01-15T00:00:00.000Z'))).toBe('2026-01-15');
    expect(londonDay(Date.parse('2026-06-01T22:59:59.999Z'))).toBe('2026-06-01');
    expect(londonDay(Date.parse('2026-06-01T23:00:00.000Z'))).toBe('2026-06-02');
    // The same minute asked again after another one: still right.
    expect(londonDay(Date.parse('2026-06-01T22:59:30.000Z'))).toBe('2026-06-01');
  });

  it('agrees with Intl across the clock changes, asked in time order and out of it', () => {
    const start = Date.parse('2026-03-28T20:00:00Z');
    const moments: number[] = [];
    // Every 59 s 13 ms over the spring change, and over the autumn one.
    for (let t = start; t < start + 30 * 3_600_000; t += 59_013) moments.push(t);
    const autumn = Date.parse('2026-10-24T20:00:00Z');
    for (let t = autumn; t < autumn + 30 * 3_600_000; t += 59_013) moments.push(t);
    for (const t of moments) expect(londonDay(t)).toBe(viaIntl(t));
    for (const t of [...moments].reverse()) expect(londonDay(t)).toBe(viaIntl(t));
  });

  it('is what the system clock says today is', () => {
    const before = viaIntl(Date.now());
    const today = systemClock.today();
    expect([before, viaIntl(Date.now())]).toContain(today);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
