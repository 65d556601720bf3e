import { dirname, join } from 'node:path';

export const GRAPHIQL_ASSETS_PATH = '/graphiql-assets';

/**
 * GraphiQL and React are served from the installed packages, not from a CDN: the page works offline, and nobody's
 * browser tells a third party that it is looking at a SEND case tracker. Null when the (dev-only) packages are absent.
 */
export const graphiqlAssetFiles = (): Record<string, string> | null => {
  try {
    const graphiql = dirname(require.resolve('graphiql/package.json'));
    const react = dirname(require.resolve('react/package.json'));
    const reactDom = dirname(require.resolve('react-dom/package.json'));
    return {
      'react.js': join(react, 'umd', 'react.production.min.js'),
      'react-dom.js': join(reactDom, 'umd', 'react-dom.production.min.js'),
      'graphiql.js': join(graphiql, 'graphiql.min.js'),
      'graphiql.css': join(graphiql, 'graphiql.min.css'),
    };
  } catch {
    return null;
  }
};
