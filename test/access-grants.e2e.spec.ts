import { auditRowsOf, gqlWith, movableClock } from './support/access-fixtures';
import { mutate } from './support/case-flow';
import { codeOf, TestApp } from './support/test-app';

const CASE = `query C($id: ID!) { case(id: $id) { id childLabel grants { organisation expiresOn active } } }`;
const CASES = `query { cases(first: 10) { edges { node { id childLabel } } } }`;
const APPEAL = `query A($id: ID!) { appeal(id: $id) { id caseId } }`;
const GRANT = `mutation G($input: GrantAccessInput!) { grantAccess(input: $input) { id grants { organisation grantedOn expiresOn active } } }`;
const REVOKE = `mutation R($input: RevokeAccessInput!) { revokeAccess(input: $input) { id grants { organisation } } }`;
const REQUEST = `mutation Q($input: RequestAssessmentInput!) { requestAssessment(input: $input) { id requests { receivedOn } } }`;
const ACCESS_LOG = `query L($id: ID!, $first: Int) { case(id: $id) { id accessLog(first: $first) {
  edges { cursor node { readAt readerId readerRole readerOrganisation operation purpose } }
  pageInfo { hasNextPage endCursor } } } }`;

describe('consent grants: advocates see and act on a case only while the family’s grant lasts', () => {
  const clock = movableClock('2025-06-10');
  let app: TestApp;
  let family: string;
  let advocate: string;
  let colleague: string;
  let otherCharity: string;
  let policy: string;
  let admin: string;

  beforeAll(async () => {
    app = await TestApp.start({ clock });
    family = await app.token('FAMILY', 'parent-a');
    advocate = await app.token('ADVOCATE', 'adv-1', 'ipsea');
    colleague = await app.token('ADVOCATE', 'adv-2', 'ipsea');
    otherCharity = await app.token('ADVOCATE', 'adv-3', 'sos-sen');
    policy = await app.token('POLICY', 'analyst-1');
    admin = await app.token('ADMIN', 'operator-1');
  });
  afterAll(() => app.stop());
  beforeEach(() => clock.set('2025-06-10'));

  const openCase = async (childLabel = 'Sam'): Promise<string> =>
    (
      await mutate<{ id: string }>(
        app,
        family,
        'openCase',
        'OpenCaseInput',
        { localAuthorityCode: '886', childLabel },
        '{ id }',
      )
    ).id;
  const grant = (caseId: string, expiresOn: string | null, organisation = 'ipsea') =>
    app.gql<{ grantAccess: { grants: unknown[] } }>(
      GRANT,
      { input: { caseId, organisation, ...(expiresOn ? { expiresOn } : {}) } },
      family,
    );
  const seen = async (token: string, caseId: string) => {
    const r = await app.gql<{ case: { childLabel: string } | null }>(CASE, { id: caseId }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.case?.childLabel ?? null;
  };
  const listed = async (token: string) => {
    const r = await app.gql<{ cases: { edges: { node: { id: string } }[] } }>(CASES, {}, token);
    expect(r.errors).toBeUndefined();
    return r.data!.cases.edges.map((e) => e.node.id);
  };
  const request = (token: string, caseId: string) =>
    app.gql(REQUEST, { input: { caseId, receivedOn: '2025-06-02' } }, token);

  it('given no grant, the advocate gets nothing; given a grant, the organisation’s advocates see and act; after expiry, nothing again', async () => {
    const caseId = await openCase();
    // Given no grant
    expect(await seen(advocate, caseId)).toBeNull();
    expect(await listed(advocate)).toEqual([]);
    expect(codeOf(await request(advocate, caseId))).toBe('NOT_FOUND');

    // When the family shares it with ipsea until the end of 20 June
    const granted = await grant(caseId, '2025-06-20');
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantAccess.grants).toEqual([
      { organisation: 'ipsea', grantedOn: '2025-06-10', expiresOn: '2025-06-20', active: true },
    ]);

    // Then every advocate of ipsea sees it and can record events, and no one else can
    expect(await seen(advocate, caseId)).toBe('Sam');
    expect(await seen(colleague, caseId)).toBe('Sam');
    expect(await listed(advocate)).toEqual([caseId]);
    expect(await seen(otherCharity, caseId)).toBeNull();
    expect(await listed(otherCharity)).toEqual([]);
    const recorded = await request(advocate, caseId);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toEqual({
      requestAssessment: { id: caseId, requests: [{ receivedOn: '2025-06-02' }] },
    });

    // …but consent stays the family's, and advocates open no cases
    expect(
      codeOf(await app.gql(GRANT, { input: { caseId, organisation: 'ipsea' } }, advocate)),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await app.gql(REVOKE, { input: { caseId, organisation: 'ipsea' } }, advocate)),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await app.gql(
          'mutation { openCase(input: { localAuthorityCode: "886", childLabel: "Kit" }) { id } }',
          {},
          advocate,
        ),
      ),
    ).toBe('FORBIDDEN');

    // On the last day of the grant it still holds (it ends at the end of expiresOn)
    clock.set('2025-06-20');
    expect(await seen(advocate, caseId)).toBe('Sam');

    // The day after, access has ended without anyone doing anything
    clock.set('2025-06-21');
    expect(await seen(advocate, caseId)).toBeNull();
    expect(await listed(advocate)).toEqual([]);
    expect(codeOf(await request(advocate, caseId))).toBe('NOT_FOUND');
    const expired = await app.gql<{ case: { grants: unknown[] } }>(CASE, { id: caseId }, family);
    expect(expired.data!.case.grants).toEqual([
      { organisation: 'ipsea', expiresOn: '2025-06-20', active: false },
    ]);

    // The family can renew it
    expect((await grant(caseId, null)).errors).toBeUndefined();
    expect(await seen(advocate, caseId)).toBe('Sam');
  });

  it('revocation takes effect on the very next request', async () => {
    const caseId = await openCase();
    await grant(caseId, null);
    expect(await seen(advocate, caseId)).toBe('Sam');

    const revoked = await app.gql<{ revokeAccess: { grants: unknown[] } }>(
      REVOKE,
      { input: { caseId, organisation: 'ipsea' } },
      family,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeAccess.grants).toEqual([]);

    expect(await seen(advocate, caseId)).toBeNull();
    expect(await listed(advocate)).not.toContain(caseId);
    expect(codeOf(await request(advocate, caseId))).toBe('NOT_FOUND');
    // Revoking again is not a silent success
    expect(
      codeOf(await app.gql(REVOKE, { input: { caseId, organisation: 'ipsea' } }, family)),
    ).toBe('INVALID_TRANSITION');
  });

  it('erasing the case’s personal data withdraws every grant', async () => {
    const caseId = await openCase();
    await grant(caseId, null);
    expect(await seen(advocate, caseId)).toBe('Sam');
    const erased = await app.gql(
      'mutation E($id: ID!) { erasePersonalData(caseId: $id) }',
      { id: caseId },
      family,
    );
    expect(erased.errors).toBeUndefined();
    expect(await seen(advocate, caseId)).toBeNull();
    expect(await listed(advocate)).not.toContain(caseId);
  });

  it('another family can neither see nor share a case; grants are validated', async () => {
    const caseId = await openCase();
    const stranger = await app.token('FAMILY', 'parent-z');
    expect(
      codeOf(await app.gql(GRANT, { input: { caseId, organisation: 'ipsea' } }, stranger)),
    ).toBe('NOT_FOUND');
    const past = await grant(caseId, '2025-06-09');
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0]?.extensions?.field).toBe('expiresOn');
    expect(codeOf(await grant(caseId, null, ''))).toBe('BAD_USER_INPUT');
  });

  it('shows the family every grant, an advocate only its own organisation’s', async () => {
    const caseId = await openCase();
    await grant(caseId, null, 'ipsea');
    await grant(caseId, '2025-12-31', 'sos-sen');
    const mine = await app.gql<{ case: { grants: { organisation: string }[] } }>(
      CASE,
      { id: caseId },
      family,
    );
    expect(mine.data!.case.grants.map((g) => g.organisation).sort()).toEqual(['ipsea', 'sos-sen']);
    const theirs = await app.gql<{ case: { grants: { organisation: string }[] } }>(
      CASE,
      { id: caseId },
      advocate,
    );
    expect(theirs.data!.case.grants.map((g) => g.organisation)).toEqual(['ipsea']);
  });

  it('records who read the case, what, when and why; the family lists it newest first; it survives a restart', async () => {
    const caseId = await openCase('Robin');
    await grant(caseId, null);
    const appeal = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId,
        appealTypes: ['REFUSAL_TO_ASSESS'],
        lodgedOn: '2025-05-02',
        decisionLetterOn: '2025-03-03',
      },
      '{ id }',
    );
    const before = auditRowsOf(app, caseId).length;

    clock.set('2025-06-11');
    await gqlWith(app, CASE, { id: caseId }, advocate, {
      'x-access-purpose': 'Preparing the tribunal bundle\n',
    });
    await app.gql(APPEAL, { id: appeal.id }, advocate);
    await app.gql(CASES, {}, advocate);
    // Refused reads return nothing and record nothing
    await app.gql(CASE, { id: caseId }, policy);
    await app.gql(CASE, { id: caseId }, admin);
    await app.gql(CASE, { id: caseId }, otherCharity);

    const rows = auditRowsOf(app, caseId).slice(before);
    expect(rows).toEqual([
      {
        case_id: caseId,
        read_at: '2025-06-11T12:00:00.000Z',
        reader_id: 'adv-1',
        reader_role: 'ADVOCATE',
        reader_organisation: 'ipsea',
        operation: 'Query.case',
        purpose: 'Preparing the tribunal bundle',
      },
      expect.objectContaining({
        reader_id: 'adv-1',
        operation: 'Query.appeal',
        purpose: 'advocacy casework',
      }),
      expect.objectContaining({
        reader_id: 'adv-1',
        operation: 'Query.cases',
        purpose: 'advocacy casework',
      }),
    ]);

    // The family's view: newest first, its own read of the log included (a read of the case like any other)
    const log = await app.gql<{
      case: {
        accessLog: {
          edges: { cursor: string; node: Record<string, unknown> }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    }>(ACCESS_LOG, { id: caseId, first: 4 }, family);
    expect(log.errors).toBeUndefined();
    expect(log.data!.case.accessLog.edges.map((e) => e.node)).toEqual([
      {
        readAt: '2025-06-11T12:00:00.000Z',
        readerId: 'parent-a',
        readerRole: 'FAMILY',
        readerOrganisation: null,
        operation: 'Query.case',
        purpose: 'family viewing own case',
      },
      expect.objectContaining({ readerId: 'adv-1', operation: 'Query.cases' }),
      expect.objectContaining({ readerId: 'adv-1', operation: 'Query.appeal' }),
      expect.objectContaining({
        readerId: 'adv-1',
        readerRole: 'ADVOCATE',
        readerOrganisation: 'ipsea',
        operation: 'Query.case',
        purpose: 'Preparing the tribunal bundle',
      }),
    ]);
    expect(log.data!.case.accessLog.pageInfo.hasNextPage).toBe(true);
    // …and earlier: the family's own mutations returned the case, so they are reads too
    const older = await app.gql<{
      case: { accessLog: { edges: { node: { operation: string } }[] } };
    }>(
      `query L($id: ID!, $after: String) { case(id: $id) { accessLog(first: 100, after: $after) { edges { node { operation } } } } }`,
      { id: caseId, after: log.data!.case.accessLog.pageInfo.endCursor },
      family,
    );
    expect(older.data!.case.accessLog.edges.map((e) => e.node.operation)).toEqual([
      'Mutation.lodgeAppeal',
      'Mutation.grantAccess',
      'Mutation.openCase',
    ]);

    // Advocates do not see who else read the case
    const theirs = await app.gql<{ case: { accessLog: unknown } }>(
      ACCESS_LOG,
      { id: caseId },
      advocate,
    );
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.case.accessLog).toBeNull();

    // The trail is kept across a restart
    const count = auditRowsOf(app, caseId).length;
    await app.restart();
    expect(auditRowsOf(app, caseId).length).toBe(count);
    const after = await app.gql<{ case: { accessLog: { edges: unknown[] } } }>(
      ACCESS_LOG,
      { id: caseId, first: 100 },
      family,
    );
    expect(after.data!.case.accessLog.edges).toHaveLength(count + 1);
  });

  it('policy and admin users never receive a case, an appeal or a personal field', async () => {
    const caseId = await openCase('Personal-Label-7Q');
    await grant(caseId, null);
    await mutate(
      app,
      family,
      'reportBreach',
      'ReportBreachInput',
      {
        caseId,
        breachType: 'TIMESCALE_ASSESS_DECISION',
        dutyHolder: { kind: 'LA', localAuthorityCode: '886' },
        legalBasis: 'SEND Regs 2014 reg 4(1)',
        occurredOn: '2025-06-01',
        notes: 'Private-Note-9Z',
      },
      '{ id }',
    );
    for (const token of [policy, admin]) {
      const responses = [
        await gqlWith(app, CASE, { id: caseId }, token),
        await gqlWith(app, CASES, {}, token),
        await gqlWith(app, REQUEST, { input: { caseId, receivedOn: '2025-06-02' } }, token),
        await gqlWith(app, GRANT, { input: { caseId, organisation: 'x' } }, token),
      ];
      expect(responses[0]!.data).toEqual({ case: null });
      expect(responses[1]!.data).toEqual({ cases: { edges: [] } });
      expect(codeOf(responses[2]!)).toBe('FORBIDDEN');
      expect(codeOf(responses[3]!)).toBe('FORBIDDEN');
      for (const r of responses) {
        expect(r.raw).not.toContain('Personal-Label-7Q');
        expect(r.raw).not.toContain('Private-Note-9Z');
      }
    }
  });
});
