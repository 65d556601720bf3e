import type { Client } from 'graphql-ws';
import { CaseUpdates } from '../apps/api/src/subscriptions/case-updates.service';
import { TestApp } from './support/test-app';
import { eventually, wsClient, WsSubscription } from './support/ws-subscription';
import { mutate } from './support/case-flow';

const APPEAL_UPDATED = `subscription Watch($id: ID!) { appealUpdated(id: $id) { id status outcome decidedOn } }`;

interface AppealUpdated {
  appealUpdated: { id: string; status: string; outcome: string | null; decidedOn: string | null };
}

/** Subscriptions over graphql-ws on one replica (SQLite: the in-memory pub/sub). */
describe('appealUpdated subscription (graphql-ws, SQLite)', () => {
  let app: TestApp;
  let family: string;
  let advocate: string;
  let otherFamily: string;
  const clients: Client[] = [];
  const client = (token?: string): Client => {
    const c = wsClient(app.url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    app = await TestApp.start({ today: '2025-06-10' });
    family = await app.token('FAMILY', 'parent-sub');
    otherFamily = await app.token('FAMILY', 'parent-other');
    advocate = await app.token('ADVOCATE', 'advocate-1', 'ipsea');
  });
  afterAll(async () => {
    for (const c of clients) void c.dispose();
    await app.stop();
  });

  const watching = () => app.nest.get(CaseUpdates).watching;

  const caseWithAppeal = async (key: string): Promise<{ caseId: string; appealId: string }> => {
    const opened = await mutate<{ id: string }>(
      app,
      family,
      'openCase',
      'OpenCaseInput',
      { localAuthorityCode: '886', childLabel: 'Sam', clientMutationId: `${key}-open` },
      '{ id }',
    );
    const lodged = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId: opened.id,
        appealTypes: ['REFUSAL_TO_ASSESS'],
        lodgedOn: '2025-06-01',
        clientMutationId: `${key}-lodge`,
      },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'grantAccess',
      'GrantAccessInput',
      { caseId: opened.id, organisation: 'ipsea', clientMutationId: `${key}-grant` },
      '{ id }',
    );
    return { caseId: opened.id, appealId: lodged.id };
  };

  it('delivers the outcome an advocate records to the family; refuses another family', async () => {
    const { appealId } = await caseWithAppeal('s1');
    const before = watching();
    const subscription = new WsSubscription<AppealUpdated>(client(family), APPEAL_UPDATED, {
      id: appealId,
    });
    await eventually(() => watching() === before + 1, 5000, 'the subscription to register');

    // Written by the family's advocate (access through the family's grant).
    await mutate(
      app,
      advocate,
      'recordAppealOutcome',
      'RecordAppealOutcomeInput',
      {
        appealId,
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_FULL',
        decidedOn: '2025-06-09',
        clientMutationId: 's1-outcome',
      },
      '{ id }',
    );
    await subscription.until((s) => s.results.length >= 1);
    expect(subscription.results[0]).toEqual({
      data: {
        appealUpdated: {
          id: appealId,
          status: 'CONCLUDED',
          outcome: 'DECIDED_IN_FAVOUR',
          decidedOn: '2025-06-09',
        },
      },
    });

    const refused = new WsSubscription<AppealUpdated>(client(otherFamily), APPEAL_UPDATED, {
      id: appealId,
    });
    await refused.until((s) => s.completed || s.error !== undefined || s.results.length > 0);
    expect(refused.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual([
      'NOT_FOUND',
    ]);
    expect(refused.results.every((r) => !r.data)).toBe(true);
    subscription.unsubscribe();
    await eventually(() => watching() === before, 5000, 'the subscription to end');
  });

  it("ends an advocate's subscription when the family revokes access", async () => {
    const { caseId, appealId } = await caseWithAppeal('s2');
    const before = watching();
    const subscription = new WsSubscription<AppealUpdated>(client(advocate), APPEAL_UPDATED, {
      id: appealId,
    });
    await eventually(() => watching() === before + 1, 5000, 'the subscription to register');
    await mutate(
      app,
      family,
      'revokeAccess',
      'RevokeAccessInput',
      { caseId, organisation: 'ipsea', clientMutationId: 's2-revoke' },
      '{ id }',
    );
    await subscription.until((s) => s.completed);
    expect(
      subscription.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code),
    ).toEqual(['NOT_FOUND']);
    expect(subscription.results.some((r) => r.data?.appealUpdated)).toBe(false);
    expect(watching()).toBe(before);
  });

  it('closes a connection without a valid token (4403) and runs only subscriptions over WebSocket', async () => {
    const anonymous = new WsSubscription(client(), APPEAL_UPDATED, { id: 'x' });
    await anonymous.until((s) => s.error !== undefined);
    expect((anonymous.error as { code?: number }).code).toBe(4403);

    const bad = new WsSubscription(client('not-a-token'), APPEAL_UPDATED, { id: 'x' });
    await bad.until((s) => s.error !== undefined);
    expect((bad.error as { code?: number }).code).toBe(4403);

    const query = new WsSubscription(client(family), '{ me { id } }', {});
    await query.until((s) => s.error !== undefined || s.completed);
    expect(JSON.stringify(query.error)).toContain('BAD_REQUEST');
  });
});
