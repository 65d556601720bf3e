import { closeSync, fstatSync, fsync as nodeFsync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** How a descriptor is flushed to disk (`fs.fsync`; replaceable in tests). */
export type Fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * The write-ahead log of a SQLite file, flushed on Node's thread pool rather than by SQLite on the event loop: the
 * event store and the access audit commit with `synchronous=NORMAL` and acknowledge only after `flush`, which gives
 * the durability of `synchronous=FULL` without blocking every other request on the disk.
 */
export class WalFile {
  private open: { fd: number; ino: number } | null = null;

  constructor(
    readonly path: string,
    private readonly fsync: Fsync = nodeFsync,
  ) {}

  /** Flushes the WAL (and so every commit made before this call) to disk. */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      let fd: number;
      try {
        fd = this.descriptor();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.fsync(fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    if (this.open) closeSync(this.open.fd);
    this.open = null;
  }

  /**
   * An open descriptor of the WAL file, reopened if the file was replaced. When it is first opened its directory is
   * fsynced too, as SQLite does for a new WAL, so the file itself survives a power cut.
   */
  private descriptor(): number {
    const ino = statSync(this.path).ino;
    if (this.open?.ino === ino) return this.open.fd;
    this.close();
    const fd = openSync(this.path, 'r');
    // (Windows cannot open a directory, and needs no directory flush.)
    if (process.platform !== 'win32') {
      const directory = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(directory);
      } finally {
        closeSync(directory);
      }
    }
    this.open = { fd, ino: fstatSync(fd).ino };
    return fd;
  }
}
