import type { CaseEvent } from '@app/domain';
import { evolveCaseView } from './case-status.evolve';
import type { CaseView } from './case-status.view';

describe('case-status projection: consent grants in the case document', () => {
  it('given grants and a revocation, then the document holds the grants in force or run out, not the revoked', () => {
    const view = given(
      opened,
      granted('ipsea', '2025-07-31'),
      granted('sos-sen', null),
      granted('ipsea', '2025-09-30'),
      revoked('sos-sen'),
    );
    expect(view?.grants).toEqual([
      {
        organisation: 'ipsea',
        grantedBy: 'parent-a',
        grantedOn: '2025-06-10',
        expiresOn: '2025-09-30',
      },
    ]);
    expect(view?.timeline.slice(1).map((t) => [t.type, t.occurredOn, t.summary])).toEqual([
      ['AccessGranted', '2025-06-10', 'Shared with ipsea until the end of 2025-07-31'],
      ['AccessGranted', '2025-06-10', 'Shared with sos-sen until revoked'],
      ['AccessGranted', '2025-06-10', 'Shared with ipsea until the end of 2025-09-30'],
      ['AccessRevoked', '2025-06-10', 'Stopped sharing with sos-sen'],
    ]);
  });

  it('a new case is shared with nobody', () => expect(given(opened)?.grants).toEqual([]));

  it('ignores a replayed grant (the document remembers the version it folded)', () => {
    const once = given(opened, granted('ipsea', null));
    const replayed = evolveCaseView(once, {
      event: revoked('ipsea'),
      streamVersion: 2,
      recordedAt: '2025-06-10T12:00:00.000Z',
    });
    expect(replayed?.grants).toEqual(once?.grants);
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = (...events: CaseEvent[]): CaseView | null =>
  events.reduce<CaseView | null>(
    (view, event, i) =>
      evolveCaseView(view, { event, streamVersion: i + 1, recordedAt: '2025-06-10T12:00:00.000Z' }),
    null,
  );

const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'c1',
    ownerId: 'parent-a',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-03-01',
  },
};
const granted = (organisation: string, expiresOn: string | null): CaseEvent => ({
  type: 'AccessGranted',
  data: { organisation, grantedBy: 'parent-a', grantedOn: '2025-06-10', expiresOn },
});
const revoked = (organisation: string): CaseEvent => ({
  type: 'AccessRevoked',
  data: { organisation, revokedBy: 'parent-a', revokedOn: '2025-06-10' },
});
