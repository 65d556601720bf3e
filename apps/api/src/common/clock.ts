/** The service's only clock. The domain never reads it: `today` is passed into every command. */
export interface Clock {
  now(): Date;
  /** Today's date in England (Europe/London), YYYY-MM-DD. */
  today(): string;
}

export const CLOCK = Symbol('CLOCK');

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const MINUTE_MS = 60_000;

/**
 * The date in London at a moment (ms since the epoch). Every request asks for today's date, and formatting through
 * `Intl` costs microseconds each time, so the answer is kept for the rest of the UTC minute — but only when the
 * minute's first and last millisecond fall on the same London date (one transition at most can happen in a minute,
 * so then every moment between does too). A minute in which the date changes is formatted each time.
 */
export const londonDay = (() => {
  let minute = Number.NaN;
  let day: string | null = null;
  return (ms: number): string => {
    const m = Math.floor(ms / MINUTE_MS);
    if (m === minute && day !== null) return day;
    const first = londonDate.format(m * MINUTE_MS);
    const last = londonDate.format(m * MINUTE_MS + MINUTE_MS - 1);
    minute = m;
    day = first === last ? first : null;
    return day ?? londonDate.format(ms);
  };
})();

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDay(Date.now()),
};
