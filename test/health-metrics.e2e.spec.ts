import { EVENT_STORE } from '../apps/api/src/persistence/persistence.tokens';
import { ProjectionService } from '../apps/api/src/persistence/projection.service';
import type { EventStore } from '@app/event-store';
import { mutate } from './support/case-flow';
import { TestApp } from './support/test-app';
import { eventually } from './support/ws-subscription';

const base = (app: TestApp) => app.url.replace(/\/graphql$/, '');

describe('operations endpoints: /health/live, /health/ready, /metrics (SQLite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      env: { HEALTH_MAX_LAG_EVENTS: '2', HEALTH_MAX_LAG_SECONDS: '60' },
    });
  });
  afterAll(() => app.stop());

  it('is live and ready without a token, and says nothing else', async () => {
    const live = await fetch(`${base(app)}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${base(app)}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 'ok',
      info: {
        eventStore: { status: 'up' },
        readModels: { status: 'up' },
        projections: { status: 'up' },
      },
      error: {},
      details: {
        eventStore: { status: 'up' },
        readModels: { status: 'up' },
        projections: { status: 'up' },
      },
    });
  });

  it('counts appends, projected events and GraphQL operations and errors; loopback only without a token', async () => {
    const token = await app.token('FAMILY', 'parent-metrics');
    await mutate(
      app,
      token,
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: 'metrics-open' },
      '{ id }',
    );
    const unauthenticated = await app.gql('query Mine { me { id } }');
    expect(unauthenticated.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const response = await fetch(`${base(app)}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /send_event_store_append_seconds_count\{store="sqlite",outcome="ok"\} 1\b/,
    );
    expect(text).toContain('send_event_store_version_conflicts_total');
    expect(text).toMatch(
      /send_projection_events_processed_total\{projection="case-status"\} [1-9]/,
    );
    expect(text).toMatch(/send_projection_lag_events\{projection="case-status"\} 0\b/);
    expect(text).toMatch(/send_projection_active\{projection="case-status"\} 1\b/);
    expect(text).toMatch(
      /send_graphql_operation_duration_seconds_count\{operation="M",type="mutation"\} 1\b/,
    );
    expect(text).toMatch(
      /send_graphql_errors_total\{operation="Mine",code="UNAUTHENTICATED"\} 1\b/,
    );
    expect(text).toContain('process_cpu_user_seconds_total');
    // Through a proxy every client looks local: refused without a token.
    const proxied = await fetch(`${base(app)}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.status).toBe(403);
  });

  it('is not ready while a projection lags behind its bound, and ready again once it caught up', async () => {
    const projections = app.nest.get(ProjectionService);
    await projections.runner.stop();
    const store = app.nest.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 2; i++) {
      await store.append(
        `other-${i}`,
        [
          {
            id: `00000000-0000-4000-8000-00000000010${i}`,
            type: 'Noted',
            data: {},
            metadata: {
              recordedAt: '2025-06-10T12:00:00.000Z',
              actor: 't',
              correlationId: 'c',
              causationId: 'c',
              schemaVersion: 1,
            },
          },
        ],
        { expectedVersion: 'no_stream' },
      );
    }
    const lagging = await fetch(`${base(app)}/health/ready`);
    expect(lagging.status).toBe(503);
    expect(await lagging.json()).toMatchObject({
      status: 'error',
      error: {
        projections: {
          status: 'down',
          lagging: expect.arrayContaining(['case-status']) as unknown,
        },
      },
    });
    projections.runner.start();
    let last: unknown = null;
    await eventually(
      async () => {
        const ready = await fetch(`${base(app)}/health/ready`);
        last = await ready.json();
        return ready.status === 200;
      },
      5000,
      'readiness',
    ).catch((error: unknown) => {
      throw new Error(`${String(error)} Last answer: ${JSON.stringify(last)}`);
    });
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      env: { STORE: 'memory', METRICS_TOKEN: 'a-long-enough-metrics-token' },
    });
  });
  afterAll(() => app.stop());

  it('needs the bearer token, even from loopback', async () => {
    expect((await fetch(`${base(app)}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base(app)}/metrics`, {
      headers: { authorization: 'Bearer a-long-enough-metrics-tokeX' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${base(app)}/metrics`, {
      headers: { authorization: 'Bearer a-long-enough-metrics-token' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('send_graphql_operation_duration_seconds');
  });
});
