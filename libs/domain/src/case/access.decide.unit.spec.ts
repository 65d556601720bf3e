import { specFor } from '../decider.spec-helper';
import { fold } from '../decider';
import type { CaseCommand } from './case.commands';
import { grantIsActive } from './access.state';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';

describe('consent grants (product §3.7): GrantAccess / RevokeAccess', () => {
  describe('GrantAccess', () => {
    it('given an open case, when the family shares it until a date, then access is granted until then', () =>
      given([opened])
        .when(grant({ expiresOn: '2025-09-30' }))
        .then([granted({ expiresOn: '2025-09-30' })]));

    it('grants without an end date (until revoked), trimming the organisation', () =>
      given([opened])
        .when(grant({ organisation: '  ipsea  ', expiresOn: null }))
        .then([granted({ expiresOn: null })]));

    it('accepts a grant that ends today (it lasts to the end of the day)', () =>
      given([opened])
        .when(grant({ expiresOn: '2025-06-10' }))
        .then([granted({ expiresOn: '2025-06-10' })]));

    it('replaces an earlier grant to the same organisation with new terms', () =>
      given([opened, granted({ expiresOn: '2025-07-01' })])
        .when(grant({ expiresOn: null }))
        .then([granted({ expiresOn: null })]));

    it('renews a grant that has run out', () =>
      given([opened, granted({ expiresOn: '2025-06-01', grantedOn: '2025-05-01' })])
        .when(grant({ expiresOn: '2025-12-31' }))
        .then([granted({ expiresOn: '2025-12-31' })]));

    it('changes nothing when the same grant is still in force', () =>
      given([opened, granted({ expiresOn: '2025-07-01' })])
        .when(grant({ expiresOn: '2025-07-01' }))
        .then([]));

    it('is the family’s consent: someone else (an advocate) cannot grant', () =>
      given([opened])
        .when(grant({}, 'advocate-9'))
        .thenThrows('INVALID_TRANSITION', /Only the family who opened the case/));

    it('needs an open case', () =>
      given([])
        .when(grant())
        .thenThrows('INVALID_TRANSITION', /Open the case first/));

    it.each([
      [{ organisation: '' }, 'organisation', /must not be empty/],
      [{ organisation: 'x'.repeat(101) }, 'organisation', /at most 100/],
      [{ organisation: 'org\u0000' }, 'organisation', /control characters/],
      [{ expiresOn: '2025-06-09' }, 'expiresOn', /cannot be earlier than today/],
      [{ expiresOn: '2025-02-30' }, 'expiresOn', /real date/],
    ])('rejects %p on field %s', (change, field, message) => {
      const error = given([opened]).when(grant(change)).thrown('BAD_USER_INPUT', message);
      expect(error.field).toBe(field);
    });
  });

  describe('RevokeAccess', () => {
    it('given a grant, when the family revokes it, then access is revoked', () =>
      given([opened, granted()]).when(revoke()).then([revoked]));

    it('revokes an expired grant too (the record says consent was withdrawn)', () =>
      given([opened, granted({ expiresOn: '2025-06-01', grantedOn: '2025-05-01' })])
        .when(revoke())
        .then([revoked]));

    it('refuses when the case is not shared with the organisation', () =>
      given([opened, granted()])
        .when(revoke({ organisation: 'sos-sen' }))
        .thenThrows('INVALID_TRANSITION', /not shared with sos-sen/));

    it('refuses a second revocation', () =>
      given([opened, granted(), revoked])
        .when(revoke())
        .thenThrows('INVALID_TRANSITION', /not shared/));

    it('is the family’s consent: an advocate cannot revoke', () =>
      given([opened, granted()])
        .when(revoke({}, 'advocate-9'))
        .thenThrows('INVALID_TRANSITION', /Only the family/));

    it('can share again after a revocation', () =>
      given([opened, granted(), revoked])
        .when(grant({ expiresOn: null }))
        .then([granted({ expiresOn: null })]));
  });

  describe('the access slice of the case state', () => {
    it('holds the current grants: later grants replace, revocations remove', () => {
      const state = fold(caseDecider, [
        opened,
        granted({ expiresOn: '2025-07-01' }),
        granted({ organisation: 'sos-sen', expiresOn: null }),
        granted({ expiresOn: '2025-08-01' }),
        { ...revoked, data: { ...revoked.data, organisation: 'sos-sen' } },
      ]);
      if (state.status !== 'Open') throw new Error('expected an open case');
      expect(state.access.grants).toEqual([
        { organisation: 'ipsea', grantedOn: '2025-06-10', expiresOn: '2025-08-01' },
      ]);
    });

    it.each([
      [null, '2030-01-01', true],
      ['2025-06-10', '2025-06-10', true],
      ['2025-06-10', '2025-06-11', false],
    ] as const)('a grant ending %p is active on %s: %p', (expiresOn, day, active) =>
      expect(grantIsActive({ expiresOn }, day)).toBe(active),
    );
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const TODAY = '2025-06-10';

const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    ownerId: 'family-1',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-01-02',
  },
};

const grant = (
  change: Partial<{ organisation: string; expiresOn: string | null }> = {},
  actor = 'family-1',
): CaseCommand => ({
  type: 'GrantAccess',
  data: { organisation: 'ipsea', expiresOn: '2025-09-30', ...change },
  metadata: { actor, today: TODAY },
});

const revoke = (
  change: Partial<{ organisation: string }> = {},
  actor = 'family-1',
): CaseCommand => ({
  type: 'RevokeAccess',
  data: { organisation: 'ipsea', ...change },
  metadata: { actor, today: TODAY },
});

const granted = (
  change: Partial<{ organisation: string; expiresOn: string | null; grantedOn: string }> = {},
): CaseEvent => ({
  type: 'AccessGranted',
  data: {
    organisation: 'ipsea',
    grantedBy: 'family-1',
    grantedOn: TODAY,
    expiresOn: '2025-09-30',
    ...change,
  },
});

const revoked: CaseEvent = {
  type: 'AccessRevoked',
  data: { organisation: 'ipsea', revokedBy: 'family-1', revokedOn: TODAY },
};
