// Resolves the @app/<lib> aliases of tsconfig.base.json against the compiled output in dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [
    alias,
    targets.map((target) => target.replace(/\.ts$/, '')),
  ]),
);
tsconfigPaths.register({ baseUrl: path.join(__dirname, '..', '..', 'dist'), paths });
