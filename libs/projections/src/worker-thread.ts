import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker module of this source tree (`<name>.js` beside its caller once compiled; `<name>.ts` when run from
 * source, as under ts-jest, then compiled on the fly by the project's TypeScript) with the `@app/*` aliases of
 * `tsconfig.base.json` resolved against the same tree as this file.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const path = require('node:path');
const { root, aliases, entry, typescript } = workerData;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = aliases[request];
  return resolveFilename.call(this, alias === undefined ? request : path.join(root, alias), ...rest);
};
if (typescript) {
  const ts = require(typescript);
  const fs = require('node:fs');
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    isolatedModules: true,
  };
  Module._extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText, filename);
  };
}
require(entry);
`;

const ALIASES = {
  '@app/domain': 'libs/domain/src/index',
  '@app/event-store': 'libs/event-store/src/index',
  '@app/projections': 'libs/projections/src/index',
};

/** Whether the tree runs from its TypeScript source (tests) rather than compiled. */
export const runningFromSource = (): boolean => extname(__filename) === '.ts';

/** A worker thread running the module `name` of directory `dir` (the caller's `__dirname`). */
export function startTreeWorker(dir: string, name: string): Worker {
  const fromSource = runningFromSource();
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      // This file is <root>/libs/projections/src/worker-thread.{ts,js}.
      root: resolve(__dirname, '..', '..', '..'),
      aliases: ALIASES,
      entry: join(dir, `${name}${fromSource ? '.ts' : '.js'}`),
      typescript: fromSource ? require.resolve('typescript') : null,
    },
  });
}
