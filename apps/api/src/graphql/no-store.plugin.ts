import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

const NO_STORE = 'no-store';

/**
 * Every GraphQL answer carries `Cache-Control: no-store`: they hold families' case data, which no browser or proxy
 * may keep. The schema declares no cache hints, so this is what Apollo's cache-control plugin always concluded too;
 * that plugin is switched off, since it worked it out anew for every field of every request.
 */
export const noStorePlugins = (): ApolloServerPlugin<object>[] => [
  ApolloServerPluginCacheControlDisabled(),
  {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          response.http.headers.set('cache-control', NO_STORE);
          return Promise.resolve();
        },
      }),
  },
];
