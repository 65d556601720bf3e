import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { loadConfig } from '../../config/config';
import { OPERATION_LABEL } from '../metrics/graphql-metrics.plugin';
import { pinoHttpOptions } from './logging.module';
import { describeError, safeError } from './safe-error';

/** A real HTTP server on loopback logging as the app configures it at `level`, its lines captured. */
const loggedServer = async (level: string) => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pinoHttp(pinoHttpOptions(loadConfig({ LOG_LEVEL: level }, '/app')), destination);
  const server = createServer((req, res) => {
    logger(req, res);
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/graphql') && req.method === 'POST')
        (req as unknown as Record<symbol, unknown>)[OPERATION_LABEL] = 'mutation lodgeAppeal';
      res.statusCode = req.url?.startsWith('/boom') ? 500 : 200;
      if (res.statusCode === 500)
        res.err = new SyntaxError('Unexpected token in JSON: "childLabel":"Ada Lovelace"');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { lines, url, close };
};

/** The request log as the app configures it, over a real HTTP server on loopback, captured line by line. */
describe('request logs carry no personal data', () => {
  let lines: Record<string, unknown>[] = [];
  let server: Awaited<ReturnType<typeof loggedServer>>;
  let url = '';

  beforeAll(async () => {
    server = await loggedServer('info');
    lines = server.lines;
    url = server.url;
  });
  afterAll(() => server.close());

  it('logs method, path, status and a request id: never the query string, body, token or error message', async () => {
    const variables = encodeURIComponent(JSON.stringify({ childLabel: 'Ada Lovelace' }));
    await fetch(`${url}/graphql?query=%7Bme%7Bid%7D%7D&variables=${variables}`, {
      headers: { authorization: 'Bearer secret-token-value', 'x-request-id': 'req-1' },
    });
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token-value', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { x }', variables: { childLabel: 'Ada Lovelace' } }),
    });
    await fetch(`${url}/boom`, { method: 'POST', body: '{"childLabel":"Ada Lovelace"}' });
    await fetch(`${url}/health/ready`);

    expect(lines).toHaveLength(3);
    const text = JSON.stringify(lines);
    for (const secret of ['Ada', 'Lovelace', 'secret-token', 'childLabel', 'query=', 'variables'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'send-tracker-api',
      req: { id: 'req-1', method: 'GET', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(lines[0]).not.toHaveProperty('graphqlOperation');
    expect(lines[1]).toMatchObject({ graphqlOperation: 'mutation lodgeAppeal' });
    expect(lines[2]).toMatchObject({
      level: 'error',
      res: { statusCode: 500 },
      err: { type: 'SyntaxError' },
    });
  });

  it('describes errors by type and code only', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "Ada"'), {
      code: '22P02',
    });
    expect(safeError(error)).toEqual({ type: 'Error', code: '22P02' });
    expect(describeError(error)).toBe('type=Error code=22P02');
  });
});

describe('request logs above the info level', () => {
  it('writes only the failed requests, as at the info level', async () => {
    const server = await loggedServer('warn');
    try {
      await fetch(`${server.url}/graphql`, { method: 'POST', body: '{}' });
      await fetch(`${server.url}/boom`, { method: 'POST', body: '{}' });
      const response = await fetch(`${server.url}/graphql`, {
        headers: { 'x-request-id': 'req-7' },
      });
      expect(response.headers.get('x-request-id')).toBe('req-7');
      expect(server.lines).toHaveLength(1);
      expect(server.lines[0]).toMatchObject({
        level: 'error',
        req: { method: 'POST', path: '/boom' },
        res: { statusCode: 500 },
        err: { type: 'SyntaxError' },
      });
    } finally {
      await server.close();
    }
  });
});
