import { parentPort } from 'node:worker_threads';
import { BatchDecider, type ParsedBatch } from './batch-decider';
import type { DeciderMessage, HostMessage } from './worker-decider';

/**
 * The bulk import's decider on a worker thread (started by `WorkerDecider`): parses a batch, asks the main thread for
 * the streams it does not carry, decides, and posts the verdicts back. One batch at a time, in the order sent.
 */
const port = parentPort;
if (!port) throw new Error('decide-worker must run on a worker thread.');

const decider = new BatchDecider();
let parsed: ParsedBatch | null = null;

const post = (message: DeciderMessage): void => port.postMessage(message);

port.on('message', (message: HostMessage) => {
  try {
    if (message.kind === 'batch') {
      parsed = decider.parse(message.request);
      post({ kind: 'load', caseIds: parsed.toLoad });
    } else {
      const batch = parsed;
      parsed = null;
      if (!batch) throw new Error('Streams received without a batch.');
      post({ kind: 'decided', batch: decider.decide(batch, message.streams) });
    }
  } catch (error) {
    post({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
