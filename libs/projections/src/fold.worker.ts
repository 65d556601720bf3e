import { parentPort } from 'node:worker_threads';
import { FoldState, postedEvents, type FoldReply, type FoldRequest } from './fold-thread';
import { postWrites } from './posted-writes';

/**
 * A rebuild's fold on a worker thread (started by WorkerFold): folds each batch it is sent, keeping the documents of
 * the last fold of each projection for the next, and posts the writes back. One request at a time, in order.
 */
const port = parentPort;
if (!port) throw new Error('fold.worker must run on a worker thread.');

const state = new FoldState();

port.on('message', (request: FoldRequest) => {
  let reply: FoldReply;
  try {
    reply = {
      id: request.id,
      writes: postWrites(state.foldAll(postedEvents(request.events), request.parts, request.fresh)),
    };
  } catch (error) {
    reply = {
      id: request.id,
      failed: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(reply);
});
