import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import type { Role } from '../../apps/api/src/auth/viewer';
import { createApp } from '../../apps/api/src/bootstrap';
import type { Clock } from '../../apps/api/src/common/clock';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/config';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string };
  }[];
}

/** A fixed "today", so date rules in tests do not drift with the calendar. */
export const fixedClock = (today: string): Clock => ({
  now: () => new Date(`${today}T12:00:00.000Z`),
  today: () => today,
});

/**
 * The real app on a temporary SQLite file, listening on a loopback port. `restart()` stops it and starts a new one
 * on the same file, as a process restart would.
 */
export class TestApp {
  private app: INestApplication | null = null;
  url = '';

  private constructor(
    readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ownedDir: string | null,
  ) {}

  static async start(
    options: { env?: Record<string, string>; today?: string; clock?: Clock } = {},
  ): Promise<TestApp> {
    const dir = mkdtempSync(join(tmpdir(), 'send-e2e-'));
    // The in-service breach schedule is off unless a test turns it on: tests run the detector explicitly.
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      PORT: '0',
      BREACH_DETECTION_INTERVAL_MINUTES: '0',
      ...options.env,
    });
    const clock = options.clock ?? fixedClock(options.today ?? '2025-06-10');
    const app = new TestApp(config, clock, dir);
    await app.listen();
    return app;
  }

  private async listen(): Promise<void> {
    this.app = await createApp(this.config, this.clock);
    await this.app.listen(0, '127.0.0.1');
    const address = (this.app.getHttpServer() as Server).address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/graphql`;
  }

  get nest(): INestApplication {
    if (!this.app) throw new Error('The app is not running.');
    return this.app;
  }

  async restart(): Promise<void> {
    await this.app?.close();
    await this.listen();
  }

  token(role: Role, sub: string, org?: string): Promise<string> {
    return this.nest.get(AuthService).sign({ sub, role, org });
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = null;
    if (this.ownedDir) rmSync(this.ownedDir, { recursive: true, force: true });
  }
}

/** The first error's code, for compact assertions. */
export const codeOf = (response: GraphQLResponse<unknown>): string | undefined =>
  response.errors?.[0]?.extensions?.code;
