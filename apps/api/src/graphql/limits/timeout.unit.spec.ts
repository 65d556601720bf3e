import type { GraphQLRequestContext } from '@apollo/server';
import { buildSchema, execute, parse, type GraphQLSchema } from 'graphql';
import { enforceDeadlines, timeoutPlugin } from './timeout';

/** A schema with a list of items, a slow root field and a subscription, its deadlines enforced. */
const schemaWith = (timeoutMs: number, resolvers: Record<string, Record<string, unknown>>) => {
  const schema = buildSchema(`
    type Item { n: Int! label: String! }
    type Query { items: [Item!]! slow: String fast: String }
    type Mutation { write: String }
    type Subscription { ticks: Int }
  `);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as unknown as {
      getFields(): Record<string, { resolve?: unknown }>;
    };
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name]!.resolve = resolve;
  }
  return enforceDeadlines(schema, timeoutMs);
};

/** Starts a request's clock as Apollo does, for this context. */
const startRequest = async (timeoutMs: number, contextValue: object): Promise<void> => {
  await timeoutPlugin(timeoutMs).requestDidStart?.({
    contextValue,
  } as unknown as GraphQLRequestContext<object>);
};

const run = (schema: GraphQLSchema, query: string, contextValue: object) =>
  Promise.resolve(execute({ schema, document: parse(query), contextValue }));

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (result.errors ?? []).map((e) => e.extensions?.['code']);

describe('the GraphQL request deadline', () => {
  afterEach(() => jest.restoreAllMocks());

  it('stops resolving fields once the time is up', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const schema = schemaWith(1000, {
      Query: { items: () => [1, 2, 3, 4].map((n) => ({ n })) },
      // Each label takes 400 ms of the request's time.
      Item: { label: ({ n }: { n: number }) => ((now += 400), `item ${n}`) },
    });
    const context = {};
    await startRequest(1000, context);
    const result = await run(schema, '{ items { n label } }', context);
    expect(codes(result)).toContain('TIMEOUT');
    expect(result.errors?.[0]?.message).toMatch(
      /^The request took longer than 1 s and was stopped\./,
    );
    // Three labels started within the second; the rest were refused (an error on a non-null field nulls the list).
    expect(result.data).toBeNull();
    expect(now).toBe(1_000_000 + 3 * 400);
  });

  it('answers TIMEOUT for a root resolver still running at the deadline, and waits for one in time', async () => {
    let release: () => void = () => undefined;
    const schema = schemaWith(30, {
      Query: {
        slow: () => new Promise<string>((resolve) => (release = () => resolve('late'))),
        fast: () => Promise.resolve('quick'),
      },
      Mutation: { write: () => Promise.reject(new Error('refused')) },
    });
    const slowContext = {};
    await startRequest(30, slowContext);
    const slow = await run(schema, '{ slow }', slowContext);
    release();
    expect(codes(slow)).toEqual(['TIMEOUT']);
    expect(slow.data).toEqual({ slow: null });

    const fastContext = {};
    await startRequest(30, fastContext);
    expect(await run(schema, '{ fast }', fastContext)).toEqual({ data: { fast: 'quick' } });

    const writeContext = {};
    await startRequest(30, writeContext);
    const write = await run(schema, 'mutation { write }', writeContext);
    expect(write.errors?.[0]?.message).toBe('refused');
  });

  it('refuses a root field that starts after the deadline', async () => {
    let now = 5_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const fast = jest.fn(() => 'quick');
    const schema = schemaWith(100, { Query: { fast } });
    const context = {};
    await startRequest(100, context);
    now += 100;
    expect(await run(schema, '{ fast }', context)).toMatchObject({ data: { fast: null } });
    expect(fast).not.toHaveBeenCalled();
  });

  it('leaves requests without a deadline and subscription fields alone', async () => {
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const ticks = (): number => 1;
    const schema = schemaWith(10, {
      Query: { items: () => [{ n: 1 }] },
      Item: { label: () => ((now += 1000), 'one') },
      Subscription: { ticks },
    });
    // A context whose clock was never started (a WebSocket operation).
    expect(await run(schema, '{ items { n label } }', {})).toEqual({
      data: { items: [{ n: 1, label: 'one' }] },
    });
    expect(schema.getSubscriptionType()?.getFields()['ticks']?.resolve).toBe(ticks);
  });
});
