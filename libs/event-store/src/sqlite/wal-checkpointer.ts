import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** The worker: its own connection to the file, a PASSIVE checkpoint every `intervalMs`. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    clearInterval(timer);
    parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/** While the worker runs, the connection checkpoints only if the log reaches this many pages (~40 MB): a backstop. */
const BACKSTOP_PAGES = 10_000;

/**
 * Copies a SQLite file's write-ahead log back into the database on a worker thread with its own connection, instead
 * of in whichever commit of the service's connection takes the log past 1,000 pages. That checkpoint (copying every
 * page and two fsyncs) used to run on the event loop inside a commit, holding every request for 15–40 ms once the
 * log filled (every few dozen mutations on long cases). A PASSIVE checkpoint takes no lock writers wait for, so
 * commits go on meanwhile; SQLite makes checkpoints from any connection safe, and durability is unchanged (commits
 * are made durable by their own flush of the log, never by a checkpoint).
 *
 * The connection's own checkpoints stay as a backstop at BACKSTOP_PAGES; if the worker fails or is stopped they are
 * set back to what they were. Only for a file in WAL mode (null otherwise).
 */
export class WalCheckpointer {
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
    private readonly pagesBefore: number,
    onFailure: (message: string) => void,
  ) {
    worker.on('message', (message: { failed?: string }) => {
      if (message.failed === undefined) return;
      this.restore();
      onFailure(message.failed);
    });
    worker.on('error', (error) => {
      this.restore();
      onFailure(error.message);
    });
    worker.unref();
  }

  static start(
    db: Database.Database,
    options: { intervalMs?: number; onFailure?: (message: string) => void } = {},
  ): WalCheckpointer | null {
    const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode !== 'wal' || db.memory) return null;
    const pagesBefore = Number(db.pragma('wal_autocheckpoint', { simple: true }));
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: db.name,
        intervalMs: options.intervalMs ?? 100,
      },
    });
    db.pragma(`wal_autocheckpoint = ${Math.max(pagesBefore, BACKSTOP_PAGES)}`);
    return new WalCheckpointer(db, worker, pagesBefore, options.onFailure ?? (() => undefined));
  }

  /** Stops the worker (before the connection closes) and gives checkpoints back to the connection. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.restore();
      // Held by the process until the worker has answered (it is unreferenced while it runs).
      this.worker.ref();
      const done = () => {
        void this.worker.terminate().then(() => resolve());
      };
      this.worker.once('message', done);
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }

  private restore(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.pagesBefore}`);
  }
}
