import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { loadConfig } from '../../config/config';
import { pinoHttpOptions } from './logging.module';
import { describeError, safeError } from './safe-error';

/** The request log as the app configures it, over a real HTTP server on loopback, captured line by line. */
describe('request logs carry no personal data', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = pinoHttp(
      pinoHttpOptions(loadConfig({ LOG_LEVEL: 'info' }, '/app')),
      destination,
    );
    server = createServer((req, res) => {
      logger(req, res);
      req.resume();
      req.on('end', () => {
        res.statusCode = req.url?.startsWith('/boom') ? 500 : 200;
        if (res.statusCode === 500)
          res.err = new SyntaxError('Unexpected token in JSON: "childLabel":"Ada Lovelace"');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
