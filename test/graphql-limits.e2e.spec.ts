import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { ConfigError, GRAPHQL_LIMIT_DEFAULTS, loadConfig } from '../apps/api/src/config/config';
import { LIST_SIZE_HINTS } from '../apps/api/src/graphql/limits/cost';
import { GRAPHIQL_ASSETS_PATH } from '../apps/api/src/graphql/graphiql/graphiql-assets';
import { TestApp } from './support/test-app';

/**
 * The limits of README "Limits" over HTTP: each is shown to let the product's own queries through and to refuse
 * one step past it with a typed error (never a 500, never a stack trace).
 */

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const post = async (
  app: TestApp,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Answer> => {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Pick<Answer, 'data' | 'errors'> = {};
  try {
    parsed = JSON.parse(text) as Pick<Answer, 'data' | 'errors'>;
  } catch {
    // Not JSON: the assertions say so.
  }
  return { status: response.status, text, headers: response.headers, ...parsed };
};

/** Every answer: JSON, no 500, no stack trace. */
const sane = (answer: Answer): Answer => {
  expect(answer.status).not.toBe(500);
  expect(answer.text.startsWith('{')).toBe(true);
  expect(answer.text).not.toMatch(/\bat .+\(.*:\d+:\d+\)|stacktrace/);
  return answer;
};

const codes = (answer: Answer): unknown[] =>
  (answer.errors ?? []).map((e) => e.extensions?.['code']);

/** The deepest path through the schema that visits no type twice, counted as the depth rule counts. */
const deepestAcyclicPath = (schema: GraphQLSchema): number => {
  const deepest = (type: GraphQLNamedType, seen: ReadonlySet<string>): number => {
    if (!isObjectType(type)) return 0;
    let best = 0;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) best = Math.max(best, 1);
      else if (!seen.has(named.name))
        best = Math.max(best, 1 + deepest(named, new Set([...seen, named.name])));
    }
    return best;
  };
  return Math.max(
    ...[schema.getQueryType(), schema.getMutationType()]
      .filter((t) => t != null)
      .map((t) => deepest(t, new Set([t.name]))),
  );
};

const PRODUCT_QUERIES: Record<string, string> = {
  'GraphiQL example': `query Me { me { id role }
    cases(first: 10) { edges { node { id childLabel localAuthority { name } appeals { id status } } } } }`,
  'a case with appeals, orders, deadlines and duty holders': `query C($id: ID!) { case(id: $id) {
    id decisions { id kind } appeals { id status outcome orders { id type dueOn compliedOn daysLate } }
    deadlines { rule citation dueOn status explanation daysLate dutyHolder { kind localAuthorityCode } }
    nextActions { kind dueOn text } breaches { breachType dueOn remediedOn daysLate source } timeline { type occurredOn } } }`,
  'every case’s appeals’ deadlines’ duty holders (depth 7)': `{ cases(first: 2) { edges { node {
    appeals { deadlines { dutyHolder { kind } } } } } } }`,
  'every case’s appeals’ timelines': `{ cases(first: 2) { edges { node { appeals { timeline { type occurredOn summary } } } } } }`,
  'an appeal’s LA series (depth 7 through a case)': `{ cases(first: 2) { edges { node { appeals { localAuthority {
    officialAppealRates { year ratePct } } } } } } }`,
  'the LA register': `{ localAuthorities(includePredecessors: true) { code name current endYear replacedBy } }`,
};

describe('GraphQL limits with the default settings', () => {
  let app: TestApp;
  let family: string;
  let caseId = '';

  beforeAll(async () => {
    app = await TestApp.start({ today: '2025-12-01', env: { STORE: 'memory' } });
    family = await app.token('FAMILY', 'limits-parent');
    const opened = await post(
      app,
      {
        query:
          'mutation { openCase(input: { localAuthorityCode: "886", childLabel: "Robin" }) { id } }',
      },
      family,
    );
    caseId = (opened.data!['openCase'] as { id: string }).id;
    const lodged = await post(
      app,
      {
        query: `mutation L($c: ID!) { lodgeAppeal(input: { caseId: $c, appealTypes: [CONTENTS_F],
          lodgedOn: "2025-04-01", decisionLetterOn: "2025-03-01" }) { id } }`,
        variables: { c: caseId },
      },
      family,
    );
    expect(lodged.errors).toBeUndefined();
  });
  afterAll(() => app.stop());

  const ask = (query: string, variables: Record<string, unknown> = {}) =>
    post(app, { query, variables }, family).then(sane);

  it('lets the product’s own queries through, and every acyclic path of the schema fits the depth limit', async () => {
    expect(deepestAcyclicPath(app.nest.get(GraphQLSchemaHost).schema)).toBeLessThanOrEqual(
      GRAPHQL_LIMIT_DEFAULTS.GRAPHQL_MAX_DEPTH,
    );
    for (const [name, query] of Object.entries(PRODUCT_QUERIES)) {
      const answer = await ask(query, query.includes('$id') ? { id: caseId } : {});
      expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
    }
  });

  it('refuses a document deeper than 7 and says so', async () => {
    const answer = await ask(`{ cases { edges { node { appeals { localAuthority {
      officialAppealRates { notes { deeper } } } } } } } }`);
    expect(answer.status).toBe(400);
    expect(answer.errors).toContainEqual({
      message: 'Query depth 8 exceeds the maximum of 7.',
      locations: [{ line: 1, column: 1 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 7, actual: 8 },
    });
  });

  it('allows the standard introspection query in development, but not a nested one', async () => {
    const full = await ask(
      getIntrospectionQuery({
        descriptions: true,
        inputValueDeprecation: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
      }),
    );
    expect(full.errors).toBeUndefined();
    const nested = await ask(
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    );
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]).toMatchObject({
      message: 'Introspection nests 4 lists; the maximum is 3.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'introspectionListDepth' },
    });
    const deep = await ask(
      `{ __type(name: "Case") { ${'ofType { '.repeat(15)}name${' }'.repeat(15)} } }`,
    );
    expect(deep.errors?.[0]?.extensions).toMatchObject({ limit: 'introspectionDepth' });
  });

  it('allows 15 aliases and refuses 16, counting aliases inside fragments each time they are spread', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ');
    expect((await ask(`{ ${aliases(15)} }`)).errors).toBeUndefined();
    const sixteen = await ask(`{ ${aliases(16)} }`);
    expect(sixteen.status).toBe(400);
    expect(sixteen.errors).toEqual([
      expect.objectContaining({
        message: 'The operation uses 16 aliases; the maximum is 15.',
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          limit: 'aliases',
          maximum: 15,
          actual: 16,
        },
      }),
    ]);
    const viaFragments = await ask(`{ ...F ...F } fragment F on Query { ${aliases(8)} }`);
    expect(viaFragments.errors?.[0]?.message).toBe(
      'The operation uses 16 aliases; the maximum is 15.',
    );
  });

  it('allows 50 directives and refuses 51', async () => {
    const spreads = (n: number) =>
      `{ ${'...F @include(if: true) '.repeat(n)} } fragment F on Query { me { id } }`;
    expect((await ask(spreads(50))).errors).toBeUndefined();
    const answer = await ask(spreads(51));
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]).toMatchObject({
      message: 'The operation uses 51 directives; the maximum is 50.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'directives' },
    });
  });

  it('parses 1,000 tokens and stops at 1,001', async () => {
    // Braces 2 tokens, each fragment 9 (`...Fn` 2, `fragment Fn on Query { __typename }` 7), each __typename 1.
    // (Not 1,000 copies of one field: graphql-js would abort comparing them, a protection of its own.)
    const document = (tokens: number) => {
      const names = Array.from({ length: Math.floor((tokens - 2) / 9) }, (_, i) => `F${i}`);
      const extra = tokens - 2 - names.length * 9;
      return `{ ${names.map((n) => `...${n}`).join(' ')} ${'__typename '.repeat(extra)}} ${names
        .map((n) => `fragment ${n} on Query { __typename }`)
        .join(' ')}`;
    };
    expect((await ask(document(1000))).errors).toBeUndefined();
    const answer = await ask(document(1001));
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.errors?.[0]?.message).toMatch(/Document contains more th(an|at) 1000 tokens/);
  });

  it('accepts 15,000 characters of query text and refuses 15,001', async () => {
    const query = (length: number) => {
      const head = '{ me { id } }\n# ';
      return head + 'x'.repeat(length - head.length);
    };
    expect((await ask(query(15_000))).errors).toBeUndefined();
    const answer = await ask(query(15_001));
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([
      {
        message: 'The query has 15001 characters; the maximum is 15000.',
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          limit: 'queryLength',
          maximum: 15000,
          actual: 15001,
        },
      },
    ]);
  });

  it('estimates cost with page sizes and list sizes, from literals and variables', async () => {
    const register = await ask('{ localAuthorities { officialAppealRates { year ratePct } } }');
    expect(register.status).toBe(400);
    expect(register.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Query cost 8000 exceeds the maximum of 5000 /) as unknown,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', actual: 8000 },
    });
    const timelines =
      'query T($n: Int) { cases(first: $n) { edges { node { appeals { timeline { type } } } } } }';
    expect((await ask(timelines, { n: 5 })).errors).toBeUndefined();
    const big = await ask(timelines, { n: 100 });
    // 100 × (case connection 2 + edge 2 + case 2 + 10 appeals × (2 + 10 timeline entries × (2 + 1)))
    expect(big.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', actual: 32600 });
    const viaFragment = await ask(
      '{ ...R } fragment R on Query { localAuthorities { ...L } } fragment L on LocalAuthority { officialAppealRates { year ratePct } }',
    );
    expect(viaFragment.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', actual: 8000 });
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    for (const coordinate of Object.keys(LIST_SIZE_HINTS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const owner = schema.getType(type);
      expect({ coordinate, exists: isObjectType(owner) && field in owner.getFields() }).toEqual({
        coordinate,
        exists: true,
      });
    }
  });

  it('bounds every connection: first must be 1–100, however it is given', async () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const connections = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(0);
    for (const { type, field } of connections) {
      expect(`${type.name}.${field.name}(${field.args.map((a) => a.name).join()})`).toMatch(
        /\(.*first.*\)$/,
      );
    }
    for (const [query, variables] of [
      ['{ cases(first: 101) { edges { cursor } } }', {}],
      ['{ cases(first: 0) { edges { cursor } } }', {}],
      ['{ cases(first: null) { edges { cursor } } }', {}],
      ['query Q($n: Int) { cases(first: $n) { edges { cursor } } }', { n: 1000 }],
      ['query Q($n: Int = 500) { cases(first: $n) { edges { cursor } } }', {}],
    ] as const) {
      const answer = await ask(query, variables);
      expect({ query, extensions: answer.errors?.[0]?.extensions }).toEqual({
        query,
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    }
    expect((await ask('{ cases(first: 100) { edges { cursor } } }')).errors).toBeUndefined();
  });

  it('answers batches, oversized and malformed bodies and CSRF-prone requests with typed 4xx errors', async () => {
    const batch = sane(
      await post(app, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }], family),
    );
    expect(batch.status).toBe(400);
    expect(batch.errors?.[0]?.message).toMatch(/batching/i);

    const huge = sane(
      await post(
        app,
        { query: '{ me { id } }', variables: { x: 'x'.repeat(1024 * 1024) } },
        family,
      ),
    );
    expect(huge.status).toBe(413);
    expect(huge.errors).toEqual([
      {
        message: 'The request body is larger than the limit of 100 kB.',
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ]);
    const justUnder = await post(
      app,
      { query: '{ me { id } }', variables: { x: 'x'.repeat(99_000) } },
      family,
    );
    expect(justUnder.errors).toBeUndefined();

    const broken = sane(await post(app, '{"query": "{ me { id } }"', family));
    expect(broken.status).toBe(400);
    expect(codes(broken)).toEqual(['BAD_REQUEST']);

    const simpleRequest = sane(
      await post(app, JSON.stringify({ query: '{ me { id } }' }), family, {
        'content-type': 'text/plain',
      }),
    );
    expect(simpleRequest.status).toBe(400);
    expect(simpleRequest.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { authorization: `Bearer ${family}` },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('keeps field suggestions outside production', async () => {
    const answer = await ask('{ mee { id } }');
    expect(answer.errors?.[0]?.message).toBe(
      'Cannot query field "mee" on type "Query". Did you mean "me"?',
    );
  });
});

describe('GraphQL limits are configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      env: { STORE: 'memory', GRAPHQL_MAX_DEPTH: '4', RATE_LIMIT_PER_MINUTE: '5' },
    });
  });
  afterAll(() => app.stop());

  it('refuses a valid query one level deeper than GRAPHQL_MAX_DEPTH, fragments or not', async () => {
    const token = await app.token('FAMILY', 'depth-parent');
    const four = '{ cases(first: 1) { edges { node { id } } } }';
    expect(sane(await post(app, { query: four }, token)).errors).toBeUndefined();
    for (const five of [
      '{ cases(first: 1) { edges { node { localAuthority { name } } } } }',
      '{ cases(first: 1) { ...E } } fragment E on CaseConnection { edges { node { ...N } } } fragment N on Case { localAuthority { name } }',
      '{ cases(first: 1) { edges { ... on CaseEdge { node { ... on Case { localAuthority { name } } } } } } }',
    ]) {
      const answer = sane(await post(app, { query: five }, token));
      expect(answer.status).toBe(400);
      expect(answer.errors).toEqual([
        {
          message: 'Query depth 5 exceeds the maximum of 4.',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 4, actual: 5 },
        },
      ]);
    }
  });

  it('rate-limits each user (and each IP address without a token) with 429 RATE_LIMITED', async () => {
    const [first, second] = [
      await app.token('FAMILY', 'busy-parent'),
      await app.token('FAMILY', 'calm-parent'),
    ];
    // Five requests (a refused one counts too), then the bucket is empty.
    for (const query of [
      '{ me { id } }',
      '{ me { id } }',
      '{ nope }',
      '{ me { id } }',
      '{ me { id } }',
    ]) {
      expect(sane(await post(app, { query }, first)).status).not.toBe(429);
    }
    const limited = sane(await post(app, { query: '{ me { id } }' }, first));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.errors).toEqual([
      {
        message: expect.stringMatching(
          /^Too many requests: at most 5 a minute\. Try again in \d+ s\.$/,
        ) as unknown,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) as unknown },
      },
    ]);
    // Another user is not affected.
    expect(sane(await post(app, { query: '{ me { id } }' }, second)).errors).toBeUndefined();
    // Without a (valid) token the caller's IP address is the key.
    const anonymous = [];
    for (let i = 0; i < 6; i++)
      anonymous.push(sane(await post(app, { query: '{ me { id } }' }, 'forged')));
    expect(anonymous.map(codes)).toEqual([
      ...Array.from({ length: 5 }, () => ['UNAUTHENTICATED']),
      ['RATE_LIMITED'],
    ]);
  });

  it('validates the limit settings like every other setting', () => {
    const problems = (env: Record<string, string>): readonly string[] => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    };
    expect(problems({})).toEqual([]);
    expect(problems({ GRAPHQL_MAX_DEPTH: '0' })).toEqual([
      'GRAPHQL_MAX_DEPTH must be a whole number from 2 to 50 (got "0").',
    ]);
    expect(problems({ GRAPHQL_MAX_COST: 'lots', RATE_LIMIT_PER_MINUTE: '-1' })).toHaveLength(2);
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.graphqlLimits).toEqual({
      maxDepth: 7,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 1000,
      maxCost: 5000,
      maxQueryLength: 15000,
      timeoutMs: 10000,
    });
    expect(config.rateLimitPerMinute).toBe(300);
  });
});

describe('GraphQL request timeout', () => {
  let app: TestApp;
  beforeAll(async () => {
    // 1 ms: any real request runs past it, so the test needs no slow resolver.
    app = await TestApp.start({ env: { STORE: 'memory', GRAPHQL_TIMEOUT_MS: '1' } });
  });
  afterAll(() => app.stop());

  it('stops a request that runs past GRAPHQL_TIMEOUT_MS with TIMEOUT', async () => {
    const token = await app.token('FAMILY', 'slow-parent');
    const query =
      '{ localAuthorities(includePredecessors: true) { code name gssCode region regionCode current } }';
    // Timing-based: ~1,000 fields take well over 1 ms; a few attempts keep a very fast machine from flaking.
    let answer = sane(await post(app, { query }, token));
    for (let attempt = 1; attempt < 5 && !codes(answer).includes('TIMEOUT'); attempt++) {
      answer = sane(await post(app, { query }, token));
    }
    expect(codes(answer)).toContain('TIMEOUT');
    expect(answer.errors?.[0]?.message).toMatch(
      /^The request took longer than 1 ms and was stopped\./,
    );
  });
});

describe('GraphQL in production', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await TestApp.start({ env: { STORE: 'memory', NODE_ENV: 'production' } });
    token = await app.token('FAMILY', 'prod-parent');
  });
  afterAll(() => app.stop());

  it('has no introspection, no field suggestions and no GraphiQL', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Case") { name } }']) {
      const answer = sane(await post(app, { query }, token));
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.errors?.[0]?.message).toMatch(/introspection/i);
    }
    const typo = sane(await post(app, { query: '{ mee { id } }' }, token));
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
    const badEnum = sane(
      await post(
        app,
        {
          query:
            'mutation M($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }',
          variables: {
            input: {
              caseId: '00000000-0000-4000-8000-000000000000',
              kind: 'ASSESSMENT_REFUSE',
              decisionLetterOn: '2025-01-01',
            },
          },
        },
        token,
      ),
    );
    expect(codes(badEnum)).toEqual(['BAD_USER_INPUT']);
    expect(badEnum.text).not.toMatch(/Did you mean/);

    const page = await fetch(app.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(400);
    expect(html).not.toMatch(/GraphiQL|<html/i);
    const asset = await fetch(app.url.replace('/graphql', `${GRAPHIQL_ASSETS_PATH}/graphiql.js`));
    expect(asset.status).toBe(404);
  });

  it('applies the same limits', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
    const answer = sane(await post(app, { query: `{ ${aliases} }` }, token));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases' });
  });
});
