import { ApolloServer } from '@apollo/server';
import { noStorePlugins } from './no-store.plugin';

describe('Cache-Control on GraphQL answers', () => {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'hi' } },
    plugins: noStorePlugins(),
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('is no-store for data and for errors alike', async () => {
    for (const query of ['{ hello }', '{ nope }']) {
      const response = await server.executeOperation({ query });
      expect(response.http.headers.get('cache-control')).toBe('no-store');
    }
  });
});
