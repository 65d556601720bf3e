import { viewerFromClaims, type ClaimMapping } from './token-claims';

const mapping: ClaimMapping = {
  roleClaim: 'roles',
  organisationClaim: 'org',
  roleMap: Object.assign(Object.create(null) as Record<string, never>, {
    parent: 'FAMILY',
    caseworker: 'ADVOCATE',
    analyst: 'POLICY',
    operator: 'ADMIN',
  }),
};

describe('OIDC claims → viewer (deny by default)', () => {
  it.each([
    [
      { sub: 'u1', roles: 'parent' },
      { id: 'u1', role: 'FAMILY', organisation: null },
    ],
    [
      { sub: 'u1', roles: ['offline_access', 'parent'] },
      { id: 'u1', role: 'FAMILY', organisation: null },
    ],
    [
      { sub: 'u2', roles: ['caseworker'], org: 'ipsea' },
      { id: 'u2', role: 'ADVOCATE', organisation: 'ipsea' },
    ],
    [
      { sub: 'u3', roles: ['analyst', 'analyst'] },
      { id: 'u3', role: 'POLICY', organisation: null },
    ],
  ])('maps %p', (payload, viewer) => expect(viewerFromClaims(payload, mapping)).toEqual(viewer));

  it('follows a dotted path, but prefers a claim literally named so', () => {
    const nested = { ...mapping, roleClaim: 'realm_access.roles' };
    expect(viewerFromClaims({ sub: 'u', realm_access: { roles: ['operator'] } }, nested).role).toBe(
      'ADMIN',
    );
    expect(viewerFromClaims({ sub: 'u', 'realm_access.roles': 'parent' }, nested).role).toBe(
      'FAMILY',
    );
  });

  it.each([
    [{ roles: 'parent' }, /subject/],
    [{ sub: '', roles: 'parent' }, /subject/],
    [{ sub: 'x'.repeat(256), roles: 'parent' }, /subject/],
    [{ sub: 'u\u0000', roles: 'parent' }, /subject/],
    [{ sub: 'u' }, /no role/],
    [{ sub: 'u', roles: 'FAMILY' }, /no role/],
    [{ sub: 'u', roles: ['constructor', '__proto__', 'toString'] }, /no role/],
    [{ sub: 'u', roles: [42, { parent: true }] }, /no role/],
    [{ sub: 'u', roles: ['parent', 'operator'] }, /more than one role/],
    [{ sub: 'u', roles: 'caseworker' }, /organisation/],
    [{ sub: 'u', roles: 'caseworker', org: '   ' }, /organisation/],
    [{ sub: 'u', roles: 'caseworker', org: 'x'.repeat(101) }, /organisation/],
    [{ sub: 'u', roles: 'caseworker', org: ['ipsea'] }, /organisation/],
  ])('refuses %p', (payload, reason) =>
    expect(() => viewerFromClaims(payload, mapping)).toThrow(reason),
  );
});
