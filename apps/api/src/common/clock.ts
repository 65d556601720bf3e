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

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDate.format(new Date()),
};
