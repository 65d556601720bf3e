import type { CaseEvent } from '@app/domain';
import { evolveCaseView, type EventEnvelope } from './case-status.evolve';
import type { CaseView } from './case-status.view';

describe('case-status projection: Given events → Then document', () => {
  it('an appeal through registration, response, hearing, outcome, order and compliance', () => {
    const view = given(
      opened,
      lodged,
      registered,
      responded,
      scheduled,
      held,
      decided,
      ordered,
      complied,
    );
    expect(view).toMatchObject({
      caseId: 'c1',
      ownerId: 'parent-a',
      localAuthorityCode: '886',
      childLabel: 'Sam',
      version: 9,
    });
    expect(view?.appeals).toEqual([
      expect.objectContaining({
        appealId: 'a1',
        stage: 'CONCLUDED',
        tribunalReference: 'EH886/25/00001',
        registeredOn: '2025-04-08',
        responseDueOn: '2025-05-20',
        laResponse: { receivedOn: '2025-05-15', opposed: true },
        hearingOn: '2025-07-01',
        hearingHeldOn: '2025-07-01',
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_PART',
        decidedOn: '2025-07-10',
        orders: [
          {
            orderId: 'o1',
            appealId: 'a1',
            orderType: 'AMEND_B_F',
            basis: 'TRIBUNAL_ORDER',
            madeOn: '2025-07-10',
            directedDueOn: null,
            compliedOn: '2025-08-20',
            dueOn: '2025-08-14',
            daysLate: 6,
          },
        ],
      }),
    ]);
    expect(view?.timeline.map((t) => [t.position, t.type, t.occurredOn, t.appealId])).toEqual([
      [1, 'CaseOpened', '2025-03-01', null],
      [2, 'AppealLodged', '2025-04-01', 'a1'],
      [3, 'AppealRegistered', '2025-04-08', 'a1'],
      [4, 'LaResponseReceived', '2025-05-15', 'a1'],
      [5, 'HearingScheduled', '2025-07-01', 'a1'],
      [6, 'HearingHeld', '2025-07-01', 'a1'],
      [7, 'AppealOutcomeRecorded', '2025-07-10', 'a1'],
      [8, 'TribunalOrderMade', '2025-07-10', 'a1'],
      [9, 'OrderComplied', '2025-08-20', 'a1'],
    ]);
    expect(view?.timeline[8]?.summary).toBe('The council complied with the order, 6 days late');
  });

  it('stage follows the appeal: lodged → registered → council responded → hearing scheduled', () => {
    expect(given(opened, lodged)?.appeals[0]?.stage).toBe('LODGED');
    expect(given(opened, lodged, registered)?.appeals[0]?.stage).toBe('REGISTERED');
    expect(given(opened, lodged, registered, responded)?.appeals[0]?.stage).toBe('LA_RESPONDED');
    expect(given(opened, lodged, registered, responded, scheduled)?.appeals[0]?.stage).toBe(
      'HEARING_SCHEDULED',
    );
  });

  it('decisions, requests and a detected then remedied breach', () => {
    const view = given(opened, requested, at(3, detected), at(4, finalPlan), at(5, remedied));
    expect(view?.requests).toEqual([
      { requestId: 'r1', kind: 'ASSESSMENT', receivedOn: '2025-01-06', requestedBy: 'PARENT' },
    ]);
    expect(view?.decisions).toEqual([finalPlan.data]);
    expect(view?.breaches).toEqual([
      expect.objectContaining({
        breachId: 'detected:k1',
        source: 'DETECTED',
        breachType: 'TIMESCALE_FINAL_PLAN_20WK',
        occurredOn: '2025-05-27',
        dueOn: '2025-05-26',
        detectedOn: '2025-06-01',
        remediedOn: '2025-06-10',
        daysLate: 15,
      }),
    ]);
  });

  it('ignores a replayed event (crash replay): the document is unchanged', () => {
    const once = given(opened, lodged);
    expect(given(opened, lodged, lodged, opened)).toEqual(once);
  });

  it('ignores events for a case it never saw opened', () => {
    expect(given(lodged)).toBeNull();
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const at = (streamVersion: number, event: CaseEvent): EventEnvelope => ({
  event,
  streamVersion,
  recordedAt: `2025-09-01T10:00:${String(streamVersion).padStart(2, '0')}.000Z`,
});
const given = (...envelopes: EventEnvelope[]): CaseView | null =>
  envelopes.reduce<CaseView | null>(evolveCaseView, null);

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
const registered = at(3, {
  type: 'AppealRegistered',
  data: {
    appealId: 'a1',
    tribunalReference: 'EH886/25/00001',
    registeredOn: '2025-04-08',
    responseDueOn: '2025-05-20',
    evidenceDueOn: null,
    hearingOn: null,
  },
});
const responded = at(4, {
  type: 'LaResponseReceived',
  data: { appealId: 'a1', receivedOn: '2025-05-15', opposed: true },
});
const scheduled = at(5, {
  type: 'HearingScheduled',
  data: { appealId: 'a1', hearingOn: '2025-07-01' },
});
const held = at(6, { type: 'HearingHeld', data: { appealId: 'a1', heldOn: '2025-07-01' } });
const decided = at(7, {
  type: 'AppealOutcomeRecorded',
  data: {
    appealId: 'a1',
    outcome: 'DECIDED_IN_FAVOUR',
    extent: 'IN_PART',
    decidedOn: '2025-07-10',
  },
});
const ordered = at(8, {
  type: 'TribunalOrderMade',
  data: {
    appealId: 'a1',
    orderId: 'o1',
    orderType: 'AMEND_B_F',
    basis: 'TRIBUNAL_ORDER',
    madeOn: '2025-07-10',
    directedDueOn: null,
  },
});
const complied = at(9, {
  type: 'OrderComplied',
  data: { orderId: 'o1', compliedOn: '2025-08-20', dueOn: '2025-08-14', daysLate: 6 },
});
const requested = at(2, {
  type: 'AssessmentRequested',
  data: { requestId: 'r1', receivedOn: '2025-01-06', requestedBy: 'PARENT' },
});
const detected: CaseEvent = {
  type: 'BreachDetected',
  data: {
    breachId: 'detected:k1',
    breachType: 'TIMESCALE_FINAL_PLAN_20WK',
    dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
    legalBasis: 'SEND Regs 2014 reg 13(2)',
    ruleId: 'EHC_FINAL_PLAN_20WK',
    deadlineKey: 'k1',
    dueOn: '2025-05-26',
    detectedOn: '2025-06-01',
  },
};
const finalPlan = {
  type: 'LaDecisionRecorded' as const,
  data: {
    decisionId: 'd1',
    kind: 'FINAL_PLAN_ISSUED' as const,
    decisionLetterOn: '2025-06-10',
    appealRightsStated: true,
    appealableAs: [
      'CONTENTS_B' as const,
      'CONTENTS_F' as const,
      'PLACEMENT_I' as const,
      'NO_PLACEMENT_NAMED' as const,
    ],
  },
};
const remedied: CaseEvent = {
  type: 'BreachRemedied',
  data: { breachId: 'detected:k1', remediedOn: '2025-06-10', daysLate: 15 },
};
