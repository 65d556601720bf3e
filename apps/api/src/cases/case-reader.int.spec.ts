import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Role } from '../auth/viewer';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/config';

/**
 * Case documents are kept in memory between requests (SQLite): what a request reads must still be what the read
 * model says after every mutation — a new appeal outcome, a grant, a revocation — and every read is still audited.
 * The real app on a SQLite file, over HTTP.
 */

const clock = { now: () => new Date('2025-06-10T12:00:00.000Z'), today: () => '2025-06-10' };
const APPEAL = 'query A($id: ID!) { appeal(id: $id) { id status outcome } }';
const CASE = `query C($id: ID!) {
  case(id: $id) { id childLabel accessLog(first: 50) { edges { node { readerId operation } } } }
}`;

describe('case reads with documents kept in memory', () => {
  let dir: string;
  let nest: INestApplication;
  let url: string;

  const token = (role: Role, sub: string, org?: string) =>
    nest.get(AuthService).sign({ sub, role, org });
  const gql = async <T>(bearer: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: { message: string }[] };
  };
  const mutate = async <T>(bearer: string, name: string, type: string, input: object) => {
    const result = await gql<Record<string, T>>(
      bearer,
      `mutation M($input: ${type}!) { ${name}(input: $input) { id } }`,
      { input },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data![name]!;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-case-cache-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      PORT: '0',
      BREACH_DETECTION_INTERVAL_MINUTES: '0',
    });
    nest = await createApp(config, clock);
    await nest.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((nest.getHttpServer() as Server).address() as { port: number }).port}/graphql`;
  });
  afterAll(async () => {
    await nest.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the latest document after each mutation, for the family and for an advocate', async () => {
    const family = await token('FAMILY', 'cache-parent');
    const advocate = await token('ADVOCATE', 'cache-adv', 'ipsea');
    const { id: caseId } = await mutate<{ id: string }>(family, 'openCase', 'OpenCaseInput', {
      localAuthorityCode: '886',
      childLabel: 'Sam',
    });
    const { id: appealId } = await mutate<{ id: string }>(
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId,
        appealTypes: ['CONTENTS_F'],
        lodgedOn: '2025-01-15',
        decisionLetterOn: '2024-12-20',
      },
    );
    const appeal = async (bearer: string) =>
      (
        await gql<{ appeal: { status: string; outcome: string | null } | null }>(bearer, APPEAL, {
          id: appealId,
        })
      ).data?.appeal ?? null;

    // Read twice: the second answer may come from memory.
    expect((await appeal(family))?.outcome).toBeNull();
    expect((await appeal(family))?.outcome).toBeNull();
    await mutate(family, 'recordAppealOutcome', 'RecordAppealOutcomeInput', {
      appealId,
      outcome: 'WITHDRAWN',
      decidedOn: '2025-03-01',
    });
    expect((await appeal(family))?.outcome).toBe('WITHDRAWN');

    // Not shared yet: the advocate sees nothing; shared: it does; revoked: nothing again, at once.
    expect(await appeal(advocate)).toBeNull();
    await mutate(family, 'grantAccess', 'GrantAccessInput', { caseId, organisation: 'ipsea' });
    expect((await appeal(advocate))?.outcome).toBe('WITHDRAWN');
    expect((await appeal(advocate))?.outcome).toBe('WITHDRAWN');
    await mutate(family, 'revokeAccess', 'RevokeAccessInput', { caseId, organisation: 'ipsea' });
    expect(await appeal(advocate)).toBeNull();

    // Every read that returned data was audited (those answered from memory too); refused ones were not.
    const trail = await gql<{
      case: { accessLog: { edges: { node: { readerId: string; operation: string } }[] } };
    }>(family, CASE, { id: caseId });
    expect(trail.errors).toBeUndefined();
    const appealReads = trail
      .data!.case.accessLog.edges.map((e) => e.node)
      .filter((n) => n.operation === 'Query.appeal');
    expect(appealReads.filter((n) => n.readerId === 'cache-parent')).toHaveLength(3);
    expect(appealReads.filter((n) => n.readerId === 'cache-adv')).toHaveLength(2);
  });

  it('shows the erased document after the family erases the case', async () => {
    const family = await token('FAMILY', 'cache-eraser');
    const { id: caseId } = await mutate<{ id: string }>(family, 'openCase', 'OpenCaseInput', {
      localAuthorityCode: '886',
      childLabel: 'Robin',
    });
    const label = async () =>
      (await gql<{ case: { childLabel: string } }>(family, CASE, { id: caseId })).data?.case
        .childLabel;
    expect(await label()).toBe('Robin');
    expect(await label()).toBe('Robin');
    const erased = await gql<{ erasePersonalData: boolean }>(
      family,
      'mutation E($id: ID!) { erasePersonalData(caseId: $id) }',
      { id: caseId },
    );
    expect(erased.errors).toBeUndefined();
    expect(await label()).toBe('[erased]');
  });
});
