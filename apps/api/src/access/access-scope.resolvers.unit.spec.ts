import { buildSchema, execute, parse, subscribe, type ExecutionResult } from 'graphql';
import { accessScope, type AccessScope } from './access-scope';
import { withAccessScopes } from './access-scope.resolvers';

const seen: (AccessScope | undefined)[] = [];
/** What a read deep in a resolver's async chain finds, as the audit does. */
const record = async (): Promise<string> => {
  await new Promise((resolve) => setImmediate(resolve));
  seen.push(accessScope.getStore());
  return 'ok';
};

const schemaOf = () => {
  const schema = buildSchema(`
    type Query { appeal: String plain: String }
    type Mutation { lodgeAppeal: String }
    type Subscription { appealUpdated: String }
  `);
  const fields = (name: string) =>
    (
      schema.getType(name) as unknown as { getFields(): Record<string, Record<string, unknown>> }
    ).getFields();
  fields('Query')['appeal']!['resolve'] = record;
  fields('Mutation')['lodgeAppeal']!['resolve'] = record;
  fields('Subscription')['appealUpdated']!['subscribe'] = () =>
    Promise.resolve(
      (async function* deliveries() {
        yield { appealUpdated: await record() };
        yield { appealUpdated: await record() };
      })(),
    );
  return withAccessScopes(schema);
};

const request = (purpose?: string) => ({
  req: { headers: purpose ? { 'x-access-purpose': purpose } : {} },
  viewer: null,
  authError: null,
});

describe('access scopes of GraphQL operations', () => {
  beforeEach(() => (seen.length = 0));

  it('names the query or mutation field and the stated purpose for its whole resolution', async () => {
    const schema = schemaOf();
    const query = await execute({
      schema,
      document: parse('{ appeal plain }'),
      contextValue: request('  tribunal\u0007 bundle '),
    });
    expect(query).toEqual({ data: { appeal: 'ok', plain: null } });
    const mutation = await execute({
      schema,
      document: parse('mutation { lodgeAppeal }'),
      contextValue: request(),
    });
    expect(mutation).toEqual({ data: { lodgeAppeal: 'ok' } });
    expect(seen).toEqual([
      { operation: 'Query.appeal', purpose: 'tribunal bundle' },
      { operation: 'Mutation.lodgeAppeal', purpose: null },
    ]);
    // Nothing leaks out of the resolution.
    expect(accessScope.getStore()).toBeUndefined();
  });

  it("runs every step of a subscription's iterator in the subscription's scope", async () => {
    const stream = (await subscribe({
      schema: schemaOf(),
      document: parse('subscription { appealUpdated }'),
      contextValue: request('monitoring'),
    })) as AsyncIterableIterator<ExecutionResult>;
    const first = await stream.next();
    // Read outside any scope of the caller's own.
    const second = await accessScope.run({ operation: 'other', purpose: null }, () =>
      stream.next(),
    );
    expect([first.value, second.value]).toEqual([
      { data: { appealUpdated: 'ok' } },
      { data: { appealUpdated: 'ok' } },
    ]);
    await stream.return?.();
    expect(seen).toEqual([
      { operation: 'Subscription.appealUpdated', purpose: 'monitoring' },
      { operation: 'Subscription.appealUpdated', purpose: 'monitoring' },
    ]);
  });
});
