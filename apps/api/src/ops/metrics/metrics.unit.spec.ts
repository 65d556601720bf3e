import {
  InMemoryEventStore,
  StreamVersionConflict,
  type EventStore,
  type NewEvent,
} from '@app/event-store';
import { instrumentEventStore } from './instrument-event-store';
import { Metrics } from './metrics';
import { mayReadMetrics } from './metrics-access';

const event = (id: string): NewEvent => ({
  id,
  type: 'Noted',
  data: {},
  metadata: {
    recordedAt: '2025-06-10T12:00:00.000Z',
    actor: 'a',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});

describe('who may read /metrics', () => {
  const headers = {};
  it('without a token: loopback clients only, and never through a proxy', () => {
    expect(mayReadMetrics(null, { remoteAddress: '127.0.0.1', headers })).toBe(true);
    expect(mayReadMetrics(null, { remoteAddress: '::1', headers })).toBe(true);
    expect(mayReadMetrics(null, { remoteAddress: '::ffff:127.0.0.1', headers })).toBe(true);
    expect(mayReadMetrics(null, { remoteAddress: '10.0.0.5', headers })).toBe(false);
    expect(mayReadMetrics(null, { remoteAddress: undefined, headers })).toBe(false);
    expect(
      mayReadMetrics(null, {
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '1.2.3.4' },
      }),
    ).toBe(false);
    expect(
      mayReadMetrics(null, { remoteAddress: '127.0.0.1', headers: { forwarded: 'for=1.2.3.4' } }),
    ).toBe(false);
  });

  it('with a token: exactly that bearer token, from anywhere', () => {
    const token = 'a-long-enough-metrics-token';
    const as = (authorization?: string) =>
      mayReadMetrics(token, {
        remoteAddress: '10.0.0.5',
        headers: authorization ? { authorization } : {},
      });
    expect(as(`Bearer ${token}`)).toBe(true);
    expect(as(`bearer ${token}`)).toBe(true);
    expect(as(`Bearer ${token}x`)).toBe(false);
    expect(as(token)).toBe(false);
    expect(as()).toBe(false);
    expect(mayReadMetrics(token, { remoteAddress: '127.0.0.1', headers: {} })).toBe(false);
  });
});

describe('the instrumented event store', () => {
  it('times appends by outcome and counts version conflicts, passing everything else through', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const inner = new InMemoryEventStore();
    const store: EventStore = instrumentEventStore(inner, metrics);
    expect(store).toBeInstanceOf(InMemoryEventStore);
    expect(store.kind).toBe('memory');

    await store.append('s-1', [event('00000000-0000-4000-8000-000000000001')], {
      expectedVersion: 'no_stream',
    });
    await store.append('s-1', [event('00000000-0000-4000-8000-000000000001')], {
      expectedVersion: 'no_stream',
    });
    await expect(
      store.append('s-1', [event('00000000-0000-4000-8000-000000000002')], { expectedVersion: 0n }),
    ).rejects.toBeInstanceOf(StreamVersionConflict);
    expect((await store.readStream('s-1')).version).toBe(1n);

    const text = await metrics.registry.metrics();
    expect(text).toContain('send_event_store_append_seconds_count{store="memory",outcome="ok"} 1');
    expect(text).toContain(
      'send_event_store_append_seconds_count{store="memory",outcome="replayed"} 1',
    );
    expect(text).toContain(
      'send_event_store_append_seconds_count{store="memory",outcome="conflict"} 1',
    );
    expect(text).toContain('send_event_store_version_conflicts_total{store="memory"} 1');
  });

  it('shows projection lag from the probe when scraped, and nothing when the probe fails', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.measureLagWith(() =>
      Promise.resolve([
        { projection: 'case-status', eventsBehind: 3, stalledSeconds: 7, active: false },
      ]),
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain('send_projection_lag_events{projection="case-status"} 3');
    expect(text).toContain('send_projection_stalled_seconds{projection="case-status"} 7');
    expect(text).toContain('send_projection_active{projection="case-status"} 0');
    metrics.measureLagWith(() => Promise.reject(new Error('down')));
    expect(await metrics.registry.metrics()).not.toContain('send_projection_lag_events{');
  });
});
