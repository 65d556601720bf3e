import { serverAudits } from 'graphql-http';
import { TestApp } from './support/test-app';

/**
 * The GraphQL-over-HTTP server audit suite (graphql-http). MUST audits are errors and fail the test; SHOULD/MAY
 * findings are reported. Apollo answers 400 (not 200) for invalid documents with `accept: application/json`, and
 * CSRF prevention blocks GET queries: both show up as warnings/notices, never as errors.
 */
describe('graphql-http server audits', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await TestApp.start({ env: { STORE: 'memory' } });
    token = await app.token('FAMILY', 'audit-user');
  });
  afterAll(() => app.stop());

  const authorisedFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };

  for (const audit of serverAudits({ url: () => app.url, fetchFn: authorisedFetch })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status === 'error') throw new Error(`${result.id}: ${result.reason}`);
    });
  }
});
