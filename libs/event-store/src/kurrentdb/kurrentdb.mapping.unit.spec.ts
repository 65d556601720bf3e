import { status, Metadata, type ServiceError } from '@grpc/grpc-js';
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent as ClientRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailable, StreamVersionConflict } from '../event-store.port';
import {
  WRITE_ID_KEY,
  actualVersionOf,
  assertUserStreamId,
  comparePositions,
  decodeMetadata,
  encodeMetadata,
  formatCheckpoint,
  fromRevisionOf,
  isStreamNotFound,
  isSystemRecord,
  isUnavailable,
  parseCheckpoint,
  toPortError,
  toRecordedEvent,
  toStreamState,
  versionOfRevision,
  wrongExpectedVersionState,
} from './kurrentdb.mapping';

const serviceError = (code: status, message = 'boom'): ServiceError =>
  Object.assign(new Error(`${code} ${message}`), {
    code,
    details: message,
    metadata: new Metadata(),
  });

const metadata = {
  recordedAt: '2025-01-01T00:00:00.000Z',
  actor: 'a',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

describe('KurrentDB mapping: versions', () => {
  it.each([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [0n, 'no_stream'],
    [1n, 0n],
    [42n, 41n],
  ] as const)('expected version %p → stream state %p', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it('rejects a negative expected version', () => {
    expect(() => toStreamState(-1n)).toThrow(/>= 0/);
  });

  it('maps revisions and actual states to versions (revision = version − 1, no stream = 0)', () => {
    expect(versionOfRevision(0n)).toBe(1n);
    expect(versionOfRevision(9n)).toBe(10n);
    expect(actualVersionOf('no_stream')).toBe(0n);
    expect(actualVersionOf(0n)).toBe(1n);
    expect(actualVersionOf(4n)).toBe(5n);
  });

  it('turns an inclusive 1-based fromVersion into a 0-based fromRevision', () => {
    expect(fromRevisionOf(0n)).toBe(0n);
    expect(fromRevisionOf(1n)).toBe(0n);
    expect(fromRevisionOf(3n)).toBe(2n);
  });
});

describe('KurrentDB mapping: checkpoints', () => {
  it('round-trips a position through its checkpoint string, exactly above 2^53', () => {
    const position = { commit: 2n ** 63n - 1n, prepare: 2n ** 60n + 7n };
    const checkpoint = formatCheckpoint(position);
    expect(checkpoint).toBe(`${2n ** 63n - 1n}:${2n ** 60n + 7n}`);
    expect(parseCheckpoint(checkpoint)).toEqual(position);
  });

  it.each(['42', 'a:b', '1:2:3', '', ' 1:2', '-1:2'])(
    'rejects the foreign checkpoint %p',
    (bad) => {
      expect(() => parseCheckpoint(bad)).toThrow(/not issued/);
    },
  );

  it('orders positions by commit, then prepare', () => {
    const p = (commit: bigint, prepare: bigint) => ({ commit, prepare });
    expect(comparePositions(p(1n, 1n), p(2n, 0n))).toBe(-1);
    expect(comparePositions(p(2n, 5n), p(2n, 3n))).toBe(1);
    expect(comparePositions(p(2n, 3n), p(2n, 3n))).toBe(0);
  });
});

describe('KurrentDB mapping: names', () => {
  it('treats $-streams and $-types as system records', () => {
    expect(isSystemRecord('$stats-127.0.0.1:2113', 'whatever')).toBe(true);
    expect(isSystemRecord('case-1', '$metadata')).toBe(true);
    expect(isSystemRecord('case-1', 'CaseOpened')).toBe(false);
  });

  it('refuses stream ids KurrentDB or the adapter reserve', () => {
    expect(() => assertUserStreamId('$ce-case')).toThrow(/system streams/);
    expect(() => assertUserStreamId('eventid-123')).toThrow(/reserves/);
    expect(() => assertUserStreamId('case-1')).not.toThrow();
  });
});

describe('KurrentDB mapping: metadata', () => {
  it('adds the write id on the way in and strips it on the way out', () => {
    const stored = encodeMetadata(metadata, 'w-1');
    expect(stored).toEqual({ ...metadata, [WRITE_ID_KEY]: 'w-1' });
    expect(decodeMetadata(JSON.parse(JSON.stringify(stored)))).toEqual({
      metadata,
      writeId: 'w-1',
    });
    expect(decodeMetadata(metadata)).toEqual({ metadata, writeId: undefined });
  });

  it('refuses metadata that already uses the reserved key, and stored metadata that is not an object', () => {
    expect(() => encodeMetadata({ ...metadata, [WRITE_ID_KEY]: 'x' }, 'w')).toThrow(/reserves/);
    expect(() => decodeMetadata(undefined)).toThrow(/not a JSON object/);
    expect(() => decodeMetadata(new Uint8Array([1]))).toThrow(/not a JSON object/);
  });
});

describe('KurrentDB mapping: events', () => {
  const event = (overrides: Partial<ClientRecordedEvent> = {}): ClientRecordedEvent =>
    ({
      streamId: 'ns-case-1',
      id: '7b0b3a1e-2c4d-4e5f-8a9b-0c1d2e3f4a5b',
      isJson: true,
      revision: 2n,
      type: 'Opened',
      created: new Date(0),
      data: { n: 1 },
      metadata: { ...metadata, [WRITE_ID_KEY]: 'w' },
      position: { commit: 2048n, prepare: 2040n },
      ...overrides,
    }) as ClientRecordedEvent;

  it('maps a client event to ours: namespace stripped, version = revision + 1, checkpoint = position', () => {
    expect(toRecordedEvent(event(), 'ns-')).toEqual({
      id: '7b0b3a1e-2c4d-4e5f-8a9b-0c1d2e3f4a5b',
      type: 'Opened',
      data: { n: 1 },
      metadata,
      streamId: 'case-1',
      streamVersion: 3n,
      globalPosition: 2048n,
      checkpoint: '2048:2040',
    });
  });

  it('refuses events it cannot have written', () => {
    expect(() => toRecordedEvent(event({ isJson: false }), '')).toThrow(/not JSON/);
    expect(() => toRecordedEvent(event({ position: undefined }), '')).toThrow(/older than 22.6/);
    expect(() => toRecordedEvent(event({ data: [1] }), '')).toThrow(/JSON object/);
  });
});

describe('KurrentDB mapping: errors', () => {
  it('maps WrongExpectedVersionError to StreamVersionConflict with our actual version', () => {
    const onMissing = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      current: 'no_stream',
      expected: 'stream_exists',
    });
    const onExisting = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      current: 4n,
      expected: 'no_stream',
    });

    expect(wrongExpectedVersionState(onMissing)).toBe('no_stream');
    expect(toPortError(onMissing, 's', 'stream_exists')).toEqual(
      new StreamVersionConflict('s', 'stream_exists', 0n),
    );
    const conflict = toPortError(onExisting, 's', 'no_stream');
    expect(conflict).toBeInstanceOf(StreamVersionConflict);
    expect(conflict).toMatchObject({ streamId: 's', expected: 'no_stream', actualVersion: 5n });
  });

  it.each([
    [
      'a raw gRPC ServiceError code 14 (what appendToStream throws on a refused connection)',
      serviceError(status.UNAVAILABLE),
    ],
    ['a raw DEADLINE_EXCEEDED', serviceError(status.DEADLINE_EXCEEDED)],
    [
      'UnavailableError (what readStream throws)',
      new UnavailableError(serviceError(status.UNAVAILABLE)),
    ],
    ['DeadlineExceededError', new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED))],
    ['NotLeaderError', new NotLeaderError(leaderError())],
    ['CancelledError', new CancelledError(serviceError(status.CANCELLED))],
  ])('maps %s to EventStoreUnavailable', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
    const mapped = toPortError(error, 's', 'any');
    expect(mapped).toBeInstanceOf(EventStoreUnavailable);
    expect((mapped as EventStoreUnavailable).cause).toBe(error);
  });

  it('leaves other errors alone and recognises StreamNotFound', () => {
    const notFound = new StreamNotFoundError(undefined, 's');
    const plain = new Error('bug');
    expect(isUnavailable(notFound)).toBe(false);
    expect(isStreamNotFound(notFound)).toBe(true);
    expect(isStreamNotFound(plain)).toBe(false);
    expect(toPortError(plain, 's')).toBe(plain);
    expect(toPortError(serviceError(status.INVALID_ARGUMENT), 's')).not.toBeInstanceOf(
      EventStoreUnavailable,
    );
    expect(wrongExpectedVersionState(plain)).toBeUndefined();
  });
});

/** NotLeaderError reads the leader's address from the error metadata. */
function leaderError(): ServiceError {
  const error = serviceError(status.NOT_FOUND, 'not leader');
  error.metadata.set('leader-endpoint-host', '10.0.0.2');
  error.metadata.set('leader-endpoint-port', '2113');
  return error;
}
