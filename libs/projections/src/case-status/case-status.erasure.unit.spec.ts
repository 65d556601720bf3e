import { ERASED_TEXT, PERSONAL_DATA_FIELDS, type CaseEvent } from '@app/domain';
import { evolveCaseView, type EventEnvelope } from './case-status.evolve';
import type { CaseView } from './case-status.view';

/** Every personal value below contains this, so one search finds any copy of any of them. */
const SECRET = 'Zebedee-Plaintext-7f3a';

describe('case-status projection: PersonalDataErased purges the document at once', () => {
  it('the fixture puts a secret in every personal field the domain lists (a new field must be added here)', () => {
    for (const [type, fields] of Object.entries(PERSONAL_DATA_FIELDS)) {
      const event = history.find((e) => e.event.type === type)?.event;
      expect(event).toBeDefined();
      for (const field of Object.keys(fields)) {
        expect(JSON.stringify((event!.data as Record<string, unknown>)[field])).toContain(SECRET);
      }
    }
  });

  it('before: the document holds the personal data; after: none of it, anywhere in it', () => {
    const before = fold(history)!;
    expect(JSON.stringify(before)).toContain(SECRET);

    const after = fold([...history, erasure])!;

    expect(JSON.stringify(after)).not.toContain(SECRET);
    expect(JSON.stringify(after).toLowerCase()).not.toContain('zebedee');
    expect(after.childLabel).toBe(ERASED_TEXT);
    expect(after.erasedOn).toBe('2025-09-30');
    expect(after.appeals[0]!.tribunalReference).toBe(ERASED_TEXT);
    expect(after.appeals[0]!.adjournments).toEqual([
      { adjournedOn: '2025-06-20', newHearingOn: '2025-07-15', reason: null },
    ]);
    expect(after.breaches[0]).toMatchObject({
      notes: null,
      evidenceRefs: [ERASED_TEXT, ERASED_TEXT],
    });
  });

  it('keeps every count, date, outcome, deadline and breach: only personal text goes', () => {
    const before = fold(history)!;
    const after = fold([...history, erasure])!;
    const facts = (v: CaseView) => ({
      appeals: v.appeals.map((a) => [a.appealId, a.stage, a.outcome, a.decidedOn, a.orders.length]),
      adjournments: v.appeals.map((a) => a.adjournments.length),
      breaches: v.breaches.map((b) => [
        b.breachId,
        b.breachType,
        b.occurredOn,
        b.evidenceRefs.length,
      ]),
      exceptions: v.exceptions,
      deadlines: v.deadlineTracker,
      localAuthorityCode: v.localAuthorityCode,
      openedOn: v.openedOn,
    });
    expect(facts(after)).toEqual(facts(before));
    expect(after.timeline.slice(0, -1)).toEqual(before.timeline);
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'PersonalDataErased',
      summary: 'Personal data erased',
    });
  });

  it('a rebuild after the key is gone (events read as markers) gives the same document as the live purge', () => {
    const live = fold([...history, erasure]);
    const rebuilt = fold([...history.map(asReadAfterErasure), erasure]);
    expect(rebuilt).toEqual(live);
  });

  it('a replayed erasure changes nothing', () => {
    const once = fold([...history, erasure])!;
    expect(evolveCaseView(once, erasure)).toBe(once);
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const at = (streamVersion: number, event: CaseEvent): EventEnvelope => ({
  event,
  streamVersion,
  recordedAt: `2025-09-01T10:00:${String(streamVersion).padStart(2, '0')}.000Z`,
});
const fold = (envelopes: readonly EventEnvelope[]): CaseView | null =>
  envelopes.reduce<CaseView | null>(evolveCaseView, null);

/** What the crypto store yields for an event once its key is destroyed: the markers of PERSONAL_DATA_FIELDS. */
const asReadAfterErasure = (envelope: EventEnvelope): EventEnvelope => {
  const fields = (PERSONAL_DATA_FIELDS as Record<string, Record<string, string>>)[
    envelope.event.type
  ];
  if (!fields) return envelope;
  const data: Record<string, unknown> = { ...envelope.event.data };
  for (const [field, kind] of Object.entries(fields)) {
    const value = data[field];
    if (kind === 'optionalText') data[field] = null;
    else if (kind === 'textList') data[field] = (value as unknown[]).map(() => ERASED_TEXT);
    else data[field] = ERASED_TEXT;
  }
  return { ...envelope, event: { ...envelope.event, data } as CaseEvent };
};

const history: EventEnvelope[] = [
  at(1, {
    type: 'CaseOpened',
    data: {
      caseId: 'c1',
      ownerId: 'parent-a',
      localAuthorityCode: '886',
      childLabel: SECRET,
      openedOn: '2025-03-01',
    },
  }),
  at(2, {
    type: 'AppealLodged',
    data: {
      appealId: 'a1',
      appealTypes: ['CONTENTS_B'],
      lodgedOn: '2025-04-01',
      decisionLetterOn: '2025-02-20',
      mediationCertificateOn: null,
    },
  }),
  at(3, {
    type: 'AppealRegistered',
    data: {
      appealId: 'a1',
      tribunalReference: `EH886/${SECRET}`,
      registeredOn: '2025-04-08',
      responseDueOn: '2025-05-20',
      evidenceDueOn: null,
      hearingOn: '2025-06-20',
    },
  }),
  at(4, {
    type: 'HearingAdjourned',
    data: {
      appealId: 'a1',
      adjournedOn: '2025-06-20',
      newHearingOn: '2025-07-15',
      reason: `${SECRET} was in hospital`,
    },
  }),
  at(5, {
    type: 'BreachReported',
    data: {
      breachId: 'b1',
      breachType: 'TIMESCALE_FINAL_PLAN_20WK',
      dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: null },
      legalBasis: 'SEND Regs 2014 reg 13(2)',
      guidanceReference: null,
      occurredOn: '2025-05-27',
      evidenceRefs: [`${SECRET}-EP-report.pdf`, `letter to ${SECRET}'s school`],
      notes: `The council ignored ${SECRET}'s needs`,
    },
  }),
  at(6, {
    type: 'ExceptionRecorded',
    data: {
      exceptionId: 'x1',
      exception: 'T7_ABSENT_FROM_AREA',
      recordedOn: '2025-05-01',
      note: `${SECRET} stayed with grandparents`,
    },
  }),
  at(7, {
    type: 'AppealOutcomeRecorded',
    data: {
      appealId: 'a1',
      outcome: 'DECIDED_IN_FAVOUR',
      extent: 'IN_FULL',
      decidedOn: '2025-07-20',
    },
  }),
];
const erasure = at(8, {
  type: 'PersonalDataErased',
  data: { erasedOn: '2025-09-30', requestedBy: 'FAMILY' },
});
