import {
  Server,
  ServerCredentials,
  status,
  type ServerErrorResponse,
  type handleClientStreamingCall,
  type handleServerStreamingCall,
} from '@grpc/grpc-js';
import {
  Empty,
  StreamIdentifier,
  UUID,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import {
  ProtocolLog,
  type AppendOutcome,
  type ExpectedState,
  type ProposedEvent,
  type StoredEvent,
} from './protocol-log';

/**
 * A protocol-level stand-in for a KurrentDB node, for tests: an in-process gRPC server speaking the v1
 * `event_store.client.streams.Streams` service, with the message classes generated inside the client package. The
 * real client talks to it over a real socket — grpc-js for appends, its Rust bridge (a second, independent gRPC client)
 * for reads — so the adapter, the client and the wire format are real; the server's rules are ours (protocol-log.ts).
 *
 * Implemented: Streams.Append (client streaming) and Streams.Read (server streaming) of one stream (forwards and
 * backwards) or of $all (forwards). Everything else answers UNIMPLEMENTED, which the client tolerates: the
 * ServerFeatures service is not registered, so the client assumes an unknown server version and falls back from
 * BatchAppend to Append (client Client/ServerFeatures.js; tech-notes §1.6). Not implemented: subscriptions, server-side
 * filters, deletes, BatchAppend, the v2 protocol (multiStreamAppend / appendRecords), gossip, TLS, authentication.
 */
export class KurrentDbProtocolServer {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly log: ProtocolLog,
  ) {}

  /** Starts a server with an empty log on a free loopback port. */
  static async start(): Promise<KurrentDbProtocolServer> {
    const log = new ProtocolLog();
    const server = new Server();
    server.addService(StreamsService, { read: readHandler(log), append: appendHandler(log) });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    return new KurrentDbProtocolServer(server, port, log);
  }

  /**
   * Insecure single node, as for a local KurrentDB with `--insecure` (tech-notes §1.3). `discoveryInterval=10`: with
   * the default the Rust bridge spends ~0.5 s before its first read on every new client (measured here), which would
   * dominate a suite that opens a client per test; it changes nothing else.
   */
  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false&discoveryInterval=10`;
  }

  /** Stops at once, cancelling calls in flight (as a crashed node would). */
  stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }
}

// ---- Append ----------------------------------------------------------------------------------------------------

/**
 * The client sends one `options` message (stream + expected state), then one `proposed_message` per event, then
 * closes its side (client streams/appendToStream/append.js). The whole request is applied at once when it ends.
 */
function appendHandler(log: ProtocolLog): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let invalid: string | undefined;
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        options = request.getOptions();
      } else if (options === undefined) {
        invalid ??= 'the first append message must carry the options';
      } else {
        const proposed = parseProposed(request.getProposedMessage());
        if (typeof proposed === 'string') invalid ??= proposed;
        else events.push(proposed);
      }
    });
    call.on('error', () => undefined); // the client went away; nothing is written
    call.on('end', () => {
      const stream = options?.getStreamIdentifier();
      const expected = options && expectedStateOf(options);
      if (invalid !== undefined || stream === undefined || expected === undefined) {
        callback(invalidArgument(invalid ?? 'append options need a stream and an expected state'));
        return;
      }
      const streamName = Buffer.from(stream.getStreamName_asU8()).toString('utf8');
      callback(null, toAppendResp(log.append(streamName, expected, events)));
    });
  };
}

function parseProposed(message: AppendReq.ProposedMessage | undefined): ProposedEvent | string {
  const id = message?.getId();
  const metadata = message?.getMetadataMap();
  const type = metadata?.get('type');
  const contentType = metadata?.get('content-type');
  // `type` and `content-type` are required system metadata (client ErrorType MISSING_REQUIRED_METADATA_PROPERTY).
  if (message === undefined || type === undefined || contentType === undefined) {
    return 'each event needs the type and content-type metadata';
  }
  // The client sends ids as strings (client utils/grpcUUID.js createUUID); the structured form is not accepted here.
  if (id === undefined || !id.hasString()) return 'event ids must be sent as UUID strings';
  return {
    id: id.getString(),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function expectedStateOf(options: AppendReq.Options): ExpectedState | undefined {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    default:
      return undefined;
  }
}

/**
 * Success → current revision (or no_stream for an empty append to a missing stream) and position; a failed check →
 * `wrong_expected_version` in the response body, not a gRPC error: that is what the client reads to build
 * WrongExpectedVersionError (client append.js `resp.hasWrongExpectedVersion()`). Only the current (non-"2060") fields
 * are filled in; this client reads no others.
 */
function toAppendResp(outcome: AppendOutcome): AppendResp {
  const response = new AppendResp();
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.current === 'no_stream') success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.current.toString());
    if (outcome.position === undefined) {
      success.setNoPosition(new Empty());
    } else {
      const position = new AppendResp.Position();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
    }
    return response.setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  const expected = outcome.expected;
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  return response.setWrongExpectedVersion(wrong);
}

// ---- Read ------------------------------------------------------------------------------------------------------

/** One ReadResp per event, then the end of the call; a missing stream is one `stream_not_found` message. */
function readHandler(log: ProtocolLog): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', invalidArgument('read options are required'));
      return;
    }
    // A count-less read is a subscription; filtered reads (`filter` instead of `no_filter`) are not needed either.
    if (options.hasSubscription() || options.hasFilter()) {
      call.emit('error', unimplemented('subscriptions and filtered reads'));
      return;
    }
    const count = BigInt(options.getCount());
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;

    const all = options.getAll();
    const stream = options.getStream();
    let events: StoredEvent[];
    if (all !== undefined) {
      if (backwards) {
        call.emit('error', unimplemented('reading $all backwards'));
        return;
      }
      const position = all.getPosition();
      const from = position
        ? {
            commit: BigInt(position.getCommitPosition()),
            prepare: BigInt(position.getPreparePosition()),
          }
        : all.hasEnd()
          ? 'end'
          : 'start';
      events = log.readAllForwards(from, count);
    } else if (stream !== undefined) {
      const name = Buffer.from(stream.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString(
        'utf8',
      );
      const from = stream.hasRevision()
        ? BigInt(stream.getRevision())
        : stream.hasEnd()
          ? 'end'
          : 'start';
      const read = log.readStream(name, { from, backwards, count });
      if (read === 'stream_not_found') {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        call.write(new ReadResp().setStreamNotFound(notFound));
        call.end();
        return;
      }
      events = read;
    } else {
      call.emit('error', invalidArgument('read options need a stream or $all'));
      return;
    }
    for (const event of events) call.write(toReadResp(event, structuredIds));
    call.end();
  };
}

/**
 * The fields the client's converters read: id, stream, revision, both positions, the system metadata map (`type`,
 * `content-type`, `created` in ticks since the Unix epoch) and the two payloads (tech-notes §1.6, "Fake responses").
 */
function toReadResp(event: StoredEvent, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(toUuid(event.id, structuredIds));
  recorded.setStreamIdentifier(
    new StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')),
  );
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.createdTicks.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(read);
}

/** The UUID in the form the read asked for (`uuid_option`): a string, or two signed 64-bit halves. */
function toUuid(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const half = (s: string): string => BigInt.asIntN(64, BigInt(`0x${s}`)).toString();
  return uuid.setStructured(
    new UUID.Structured()
      .setMostSignificantBits(half(hex.slice(0, 16)))
      .setLeastSignificantBits(half(hex.slice(16))),
  );
}

const invalidArgument = (details: string): ServerErrorResponse =>
  Object.assign(new Error(details), { code: status.INVALID_ARGUMENT, details });
const unimplemented = (what: string): ServerErrorResponse =>
  Object.assign(new Error(`${what}: not implemented by the protocol server`), {
    code: status.UNIMPLEMENTED,
    details: `${what}: not implemented by the protocol server`,
  });
