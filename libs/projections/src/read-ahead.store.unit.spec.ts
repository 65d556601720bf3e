import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type RecordedEvent } from '@app/event-store';
import { ReadAheadStore } from './read-ahead.store';

const append = async (store: InMemoryEventStore, stream: string, n: number): Promise<void> => {
  for (let i = 0; i < n; i += 1)
    await store.append(
      stream,
      [{ id: randomUUID(), type: 'Counted', data: { label: `${stream}-${i}` }, metadata: META }],
      { expectedVersion: 'any' },
    );
};

const META = {
  recordedAt: '2024-01-01T00:00:00.000Z',
  actor: 'test',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

const labelOf = (event: RecordedEvent): unknown => event.data.label;

const readAllPages = async (
  store: { readAll: InMemoryEventStore['readAll'] },
  size: number,
  between?: (page: number) => Promise<void>,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let checkpoint: string | null = null;
  for (let page = 0; ; page += 1) {
    const result = await store.readAll(checkpoint, size);
    if (result.events.length === 0) return events;
    events.push(...result.events);
    checkpoint = result.checkpoint;
    await between?.(page);
  }
};

describe('ReadAheadStore', () => {
  it('returns the same pages as the store it wraps, each read once', async () => {
    const inner = new InMemoryEventStore();
    await append(inner, 'a', 25);
    const reads = jest.spyOn(inner, 'readAll');
    const ahead = new ReadAheadStore(inner);
    const viaAhead = await readAllPages(ahead, 10);
    expect(viaAhead.map((e) => labelOf(e))).toEqual(
      (await readAllPages(inner, 10)).map((e) => labelOf(e)),
    );
    expect(viaAhead).toHaveLength(25);
    // 10 + 10 + 5 (the last page is short, so nothing is read after it) + the empty page asked for explicitly,
    // then the same four reads again for the direct comparison.
    expect(reads).toHaveBeenCalledTimes(8);
  });

  it('sees events appended while a page was read ahead, after that page', async () => {
    const inner = new InMemoryEventStore();
    await append(inner, 'a', 20);
    const ahead = new ReadAheadStore(inner);
    const events = await readAllPages(ahead, 10, async (page) => {
      if (page === 0) await append(inner, 'b', 3);
    });
    expect(events.map((e) => labelOf(e))).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `a-${i}`),
      'b-0',
      'b-1',
      'b-2',
    ]);
  });

  it('reads afresh when asked for another checkpoint or size than the page it read ahead', async () => {
    const inner = new InMemoryEventStore();
    await append(inner, 'a', 30);
    const ahead = new ReadAheadStore(inner);
    const first = await ahead.readAll(null, 10);
    expect((await ahead.readAll(null, 5)).events.map((e) => labelOf(e))).toEqual(
      first.events.slice(0, 5).map((e) => labelOf(e)),
    );
    const after = await ahead.readAll(first.checkpoint, 3);
    expect(after.events.map((e) => labelOf(e))).toEqual(['a-10', 'a-11', 'a-12']);
    await ahead.close();
  });

  it('reports a failed read-ahead to the reader that asks for that page', async () => {
    const inner = new InMemoryEventStore();
    await append(inner, 'a', 20);
    const real = inner.readAll.bind(inner);
    jest
      .spyOn(inner, 'readAll')
      .mockImplementationOnce(real)
      .mockRejectedValueOnce(new Error('connection lost'))
      .mockImplementation(real);
    const ahead = new ReadAheadStore(inner);
    const first = await ahead.readAll(null, 10);
    await expect(ahead.readAll(first.checkpoint, 10)).rejects.toThrow('connection lost');
    // Nothing is cached after a failure: asking again reads again.
    expect((await ahead.readAll(first.checkpoint, 10)).events.map(labelOf)).toContain('a-10');
  });
});
