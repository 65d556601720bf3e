import type { CaseEvent } from '@app/domain';
import { evolveCaseView, type EventEnvelope } from './case-status.evolve';
import type { CaseView } from './case-status.view';

const at = (streamVersion: number, event: CaseEvent): EventEnvelope => ({
  event,
  streamVersion,
  recordedAt: `2025-06-10T10:00:0${streamVersion}.000Z`,
});
const given = (...envelopes: EventEnvelope[]): CaseView | null =>
  envelopes.reduce<CaseView | null>(evolveCaseView, null);

describe('case-status projection: Given events → Then document', () => {
  it('a lodged then decided appeal', () => {
    const view = given(opened, lodged, decided);
    expect(view).toEqual({
      caseId: 'c1',
      ownerId: 'parent-a',
      localAuthorityCode: '886',
      childLabel: 'Sam',
      openedOn: '2025-03-01',
      version: 3,
      appeals: [
        {
          appealId: 'a1',
          caseId: 'c1',
          appealTypes: ['CONTENTS_B', 'CONTENTS_F'],
          stage: 'CONCLUDED',
          lodgedOn: '2025-04-01',
          decisionLetterOn: '2025-02-20',
          mediationCertificateOn: null,
          outcome: 'DECIDED_IN_FAVOUR',
          extent: 'IN_PART',
          decidedOn: '2025-06-02',
          updatedAt: '2025-06-10T10:00:03.000Z',
        },
      ],
      timeline: [
        {
          position: 1,
          type: 'CaseOpened',
          occurredOn: '2025-03-01',
          recordedAt: '2025-06-10T10:00:01.000Z',
          summary: 'Case opened',
          appealId: null,
        },
        {
          position: 2,
          type: 'AppealLodged',
          occurredOn: '2025-04-01',
          recordedAt: '2025-06-10T10:00:02.000Z',
          summary: 'Appeal lodged (contents b, contents f)',
          appealId: 'a1',
        },
        {
          position: 3,
          type: 'AppealOutcomeRecorded',
          occurredOn: '2025-06-02',
          recordedAt: '2025-06-10T10:00:03.000Z',
          summary: 'Appeal ended: decided in favour (in part)',
          appealId: 'a1',
        },
      ],
    });
  });

  it('ignores a replayed event (crash replay): the document is unchanged', () => {
    const once = given(opened, lodged);
    expect(given(opened, lodged, lodged, opened)).toEqual(once);
  });

  it('ignores events for a case it never saw opened, and outcomes for unknown appeals', () => {
    expect(given(lodged)).toBeNull();
    const view = given(
      opened,
      at(2, {
        type: 'AppealOutcomeRecorded',
        data: { ...decided.event.data, appealId: 'zz' },
      } as CaseEvent),
    );
    expect(view?.appeals).toEqual([]);
  });
});

const opened = at(1, {
  type: 'CaseOpened',
  data: {
    caseId: 'c1',
    ownerId: 'parent-a',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-03-01',
  },
});
const lodged = at(2, {
  type: 'AppealLodged',
  data: {
    appealId: 'a1',
    appealTypes: ['CONTENTS_B', 'CONTENTS_F'],
    lodgedOn: '2025-04-01',
    decisionLetterOn: '2025-02-20',
    mediationCertificateOn: null,
  },
});
const decided = at(3, {
  type: 'AppealOutcomeRecorded',
  data: {
    appealId: 'a1',
    outcome: 'DECIDED_IN_FAVOUR',
    extent: 'IN_PART',
    decidedOn: '2025-06-02',
  },
});
