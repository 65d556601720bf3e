import { newEventId } from './event-id';
import { assertValidBatch } from './append-rules';

describe('newEventId: version-7 UUIDs that follow the time they were made', () => {
  it('is a lowercase UUID of version 7 and the RFC variant, which the stores accept', () => {
    const id = newEventId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() =>
      assertValidBatch('stream-1', [
        {
          id,
          type: 'Recorded',
          data: {},
          metadata: {
            recordedAt: '2026-11-23T08:00:00.000Z',
            actor: 'family-1',
            correlationId: id,
            causationId: id,
            schemaVersion: 1,
          },
        },
      ]),
    ).not.toThrow();
  });

  it('carries the millisecond it was made in its first 48 bits', () => {
    // 2024-02-29T23:59:59.999Z, a leap day's last millisecond.
    const ms = Date.UTC(2024, 1, 29, 23, 59, 59, 999);
    const id = newEventId(ms);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    const hex = ms.toString(16).padStart(12, '0');
    expect(id.slice(0, 13)).toBe(`${hex.slice(0, 8)}-${hex.slice(8)}`);
  });

  it('sorts, as text and as bytes, in the order of the milliseconds it was made in', () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 59, 990); // across a new year
    const ids = Array.from({ length: 50 }, (_, i) => newEventId(start + i * 3));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats, within one millisecond either', () => {
    const ms = Date.UTC(2026, 10, 23);
    const ids = new Set(Array.from({ length: 20_000 }, () => newEventId(ms)));
    expect(ids.size).toBe(20_000);
  });
});
