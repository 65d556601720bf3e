import type { CaseView } from '@app/projections';
import { AppealUpdateStream, type AppealUpdate } from './appeal-update-stream';
import { InMemoryPubSub } from './in-memory.pubsub';
import { pgChannelName } from './postgres.pubsub';

const view = (version: number) => ({ caseId: 'c1', version }) as CaseView;

describe('AppealUpdateStream', () => {
  it('sends only newer versions, coalescing wake-ups, and ends once access ends', async () => {
    let current: CaseView | null = view(2);
    let reads = 0;
    let closed = 0;
    const stream = new AppealUpdateStream(
      () => {
        reads++;
        return Promise.resolve(current);
      },
      2,
      () => closed++,
    );
    const first = stream.next();
    stream.wake(); // same version: nothing to send
    await new Promise((resolve) => setImmediate(resolve));
    current = view(3);
    stream.wake();
    stream.wake();
    stream.wake();
    expect(await first).toEqual({ done: false, value: { kind: 'updated', view: view(3) } });
    expect(reads).toBe(2);

    current = null;
    stream.wake();
    expect((await stream.next()).value).toEqual({ kind: 'access-ended' } satisfies AppealUpdate);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(closed).toBe(1);
  });

  it('return() ends a waiting next() and runs the clean-up once', async () => {
    let closed = 0;
    const stream = new AppealUpdateStream(
      () => Promise.resolve(view(1)),
      1,
      () => closed++,
    );
    const pending = stream.next();
    await stream.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    await stream.return();
    expect(closed).toBe(1);
  });
});

describe('pub/sub', () => {
  it('in memory: delivers on a later tick to the channel’s subscribers until they unsubscribe', async () => {
    const pubsub = new InMemoryPubSub();
    const heard: string[] = [];
    const stop = pubsub.subscribe('case_updated', (id) => heard.push(id));
    pubsub.subscribe('projector_wake', () => heard.push('wake'));
    await pubsub.publish('case_updated', ['a', 'b']);
    expect(heard).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['a', 'b']);
    stop();
    await pubsub.publish('case_updated', ['c']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['a', 'b']);
    await pubsub.close();
  });

  it('PostgreSQL channel names carry the schema and fit in 63 bytes', () => {
    expect(pgChannelName('public', 'case_updated')).toBe('public:case_updated');
    const long = pgChannelName('s'.repeat(63), 'case_updated');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[0-9a-f]{24}:case_updated$/);
  });
});
