import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { WalCheckpointer } from './wal-checkpointer';

const PAGE = 4096;

describe('WalCheckpointer: the log copied back on a worker thread', () => {
  let dir: string;
  let db: Database.Database;
  const walPages = () => statSync(`${db.name}-wal`).size / PAGE;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    db = new Database(join(dir, 'test.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, filler BLOB)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** 40 commits of ~100 pages each, `pauseMs` apart: ~4,000 pages in all, far under the backstop of 10,000. */
  const write = async (pauseMs: number) => {
    const insert = db.prepare('INSERT INTO t (filler) VALUES (?)');
    for (let commit = 0; commit < 40; commit++) {
      db.transaction(() => {
        for (let row = 0; row < 100; row++) insert.run(Buffer.alloc(PAGE - 200, commit));
      })();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };

  it('keeps the log short while the connection no longer checkpoints below the backstop', async () => {
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 10 });
    expect(checkpointer).not.toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);

    await write(30);

    // Each checkpoint lets the next commit start the log over: it never holds more than a few commits.
    expect(walPages()).toBeLessThan(1_500);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4_000 });
    await checkpointer!.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('without it, the same writes under the same backstop grow the log (the test can tell)', async () => {
    db.pragma('wal_autocheckpoint = 10000');
    await write(1);
    expect(walPages()).toBeGreaterThan(3_000);
  });

  it('after stop, the connection checkpoints as before and the file closes cleanly', async () => {
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 10 });
    await checkpointer!.stop();
    await checkpointer!.stop();
    await write(1);
    expect(walPages()).toBeLessThan(1_500);
    db.close();
    const reopened = new Database(join(dir, 'test.sqlite'), { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4_000 });
    reopened.close();
  });

  it('does nothing for a database in memory', () => {
    const memory = new Database(':memory:');
    expect(WalCheckpointer.start(memory)).toBeNull();
    memory.close();
  });
});

describe('WalCheckpointer in a process with nothing else to do', () => {
  it('stop() still completes: the worker is held while it answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-exit-'));
    try {
      // The module compiled as it is, run by a plain Node process whose only work is to start and stop it.
      const source = readFileSync(join(__dirname, 'wal-checkpointer.ts'), 'utf8');
      const compiled = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const moduleFile = join(dir, 'wal-checkpointer.js');
      writeFileSync(moduleFile, compiled);
      const script = `
        const Module = require('node:module');
        const resolve = Module._resolveFilename;
        Module._resolveFilename = (request, ...rest) =>
          request === 'better-sqlite3' ? ${JSON.stringify(require.resolve('better-sqlite3'))} : resolve(request, ...rest);
        const Database = require('better-sqlite3');
        const db = new Database(${JSON.stringify(join(dir, 'exit.sqlite'))});
        db.pragma('journal_mode = WAL');
        const { WalCheckpointer } = require(${JSON.stringify(moduleFile)});
        const checkpointer = WalCheckpointer.start(db, { intervalMs: 10 });
        checkpointer.stop().then(() => { db.close(); console.log('stopped'); });
      `;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
