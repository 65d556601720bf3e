import type { NextFunction, Request, Response } from 'express';
import { GRAPHIQL_ASSETS_PATH } from './graphiql-assets';

const EXAMPLE = `# Every request needs a token: run  npm run token -- --role FAMILY --sub parent-1
# and put {"Authorization": "Bearer <token>"} in the Headers pane below.
query Me {
  me { id role }
  cases(first: 10) { edges { node { id childLabel localAuthority { name } appeals { id status } } } }
}
`;

const page = (endpoint: string): string => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>SEND tracker — GraphiQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.css" />
    <script src="${GRAPHIQL_ASSETS_PATH}/react.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script>
      const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultQuery: ${JSON.stringify(EXAMPLE)},
          defaultEditorToolsVisibility: 'headers',
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: false,
        }),
      );
    </script>
  </body>
</html>`;

/**
 * GET /graphql from a browser shows GraphiQL (from local assets, see graphiql-assets.ts); everything else goes on to
 * Apollo. Mounted before Apollo, whose own landing page is disabled.
 */
export const graphiqlPage =
  (endpoint: string) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.method === 'GET' &&
      req.accepts(['application/json', 'text/html']) === 'text/html' &&
      !req.query['query']
    ) {
      res.type('html').send(page(endpoint));
      return;
    }
    next();
  };
