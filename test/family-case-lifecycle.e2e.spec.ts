import Database from 'better-sqlite3';
import { BreachDetector } from '../apps/api/src/breaches/breach-detector.service';
import { mutate } from './support/case-flow';
import { TestApp } from './support/test-app';

type Deadline = {
  rule: string;
  citation: string;
  dueOn: string;
  status: string;
  explanation: string;
  daysLate: number | null;
};
type Breach = {
  breachType: string;
  dueOn: string | null;
  remediedOn: string | null;
  daysLate: number | null;
  source: string;
};

const CASE = `query C($id: ID!) { case(id: $id) {
  id decisions { id kind } appeals { id status outcome orders { id type dueOn compliedOn daysLate } }
  deadlines { rule citation dueOn status explanation daysLate }
  nextActions { kind dueOn text }
  breaches { breachType dueOn remediedOn daysLate source }
  timeline { type occurredOn }
} }`;

describe('a family’s case over GraphQL, from assessment request to a complied tribunal order', () => {
  let app: TestApp;
  let family: string;
  beforeAll(async () => {
    app = await TestApp.start({ today: '2025-12-01' });
    family = await app.token('FAMILY', 'parent-lifecycle');
  });
  afterAll(() => app.stop());

  const detectorRuns = (asOf: string) => app.nest.get(BreachDetector).run(asOf);
  const breachEvents = (): number => {
    const db = new Database(app.config.sqliteFile, { readonly: true });
    try {
      return (
        db.prepare("SELECT count(*) AS n FROM es_events WHERE type = 'BreachDetected'").get() as {
          n: number;
        }
      ).n;
    } finally {
      db.close();
    }
  };
  const readCase = async (id: string) => {
    const r = await app.gql<{
      case: {
        deadlines: Deadline[];
        breaches: Breach[];
        appeals: {
          orders: { compliedOn: string | null; daysLate: number | null; dueOn: string }[];
          status: string;
        }[];
        timeline: { type: string }[];
        nextActions: { text: string }[];
      };
    }>(CASE, { id }, family);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.case;
  };
  const open = async () =>
    (
      await mutate<{ id: string }>(
        app,
        family,
        'openCase',
        'OpenCaseInput',
        { localAuthorityCode: '886', childLabel: 'Robin' },
        '{ id }',
      )
    ).id;

  it('walks a refusal to assess through mediation, appeal, hearing and an order the LA obeys on time', async () => {
    const caseId = await open();
    await mutate(
      app,
      family,
      'requestAssessment',
      'RequestAssessmentInput',
      { caseId, receivedOn: '2025-01-06' },
      '{ id }',
    );
    const afterDecision = await mutate<{ decisions: { id: string; kind: string }[] }>(
      app,
      family,
      'recordDecision',
      'RecordDecisionInput',
      {
        caseId,
        kind: 'ASSESSMENT_REFUSED',
        decisionLetterOn: '2025-02-10',
        appealRightsStated: true,
      },
      '{ decisions { id kind } }',
    );
    const decisionId = afterDecision.decisions[0]!.id;
    await mutate(
      app,
      family,
      'recordMediationAdviserContact',
      'RecordMediationAdviserContactInput',
      { caseId, decisionId, contactedOn: '2025-02-20', mediationWanted: false },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordMediationCertificate',
      'RecordMediationCertificateInput',
      { caseId, issuedOn: '2025-02-24' },
      '{ id }',
    );
    const appeal = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId,
        appealTypes: ['REFUSAL_TO_ASSESS'],
        lodgedOn: '2025-03-20',
        decisionLetterOn: '2025-02-10',
        mediationCertificateOn: '2025-02-24',
        decisionId,
      },
      '{ id }',
    );
    const appealId = appeal.id;
    await mutate(
      app,
      family,
      'registerAppeal',
      'RegisterAppealInput',
      {
        appealId,
        tribunalReference: 'EH886/25/00123',
        registeredOn: '2025-03-31',
        responseDueOn: '2025-05-12',
      },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordLaResponse',
      'RecordLaResponseInput',
      { appealId, receivedOn: '2025-05-09', opposed: true },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'scheduleHearing',
      'ScheduleHearingInput',
      { appealId, hearingOn: '2025-06-20' },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordHearingBundle',
      'RecordHearingBundleInput',
      { appealId, sentOn: '2025-06-05' },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordHearingHeld',
      'RecordHearingHeldInput',
      { appealId, heldOn: '2025-06-20' },
      '{ id }',
    );
    const decided = await mutate<{
      status: string;
      orders: { id: string; type: string; dueOn: string }[];
    }>(
      app,
      family,
      'recordAppealOutcome',
      'RecordAppealOutcomeInput',
      {
        appealId,
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_FULL',
        decidedOn: '2025-06-27',
        orders: [{ type: 'ASSESS' }],
      },
      '{ status orders { id type dueOn } }',
    );
    expect(decided.status).toBe('CONCLUDED');
    // SEND Regs 2014 reg 44(2)(a): notify within 2 weeks of the order (sent 27 June 2025) → 11 July 2025.
    expect(decided.orders).toEqual([
      { id: expect.any(String) as unknown, type: 'ASSESS', dueOn: '2025-07-11' },
    ]);
    const complied = await mutate<{ orders: { compliedOn: string; daysLate: number }[] }>(
      app,
      family,
      'recordOrderCompliance',
      'RecordOrderComplianceInput',
      { appealId, orderId: decided.orders[0]!.id, compliedOn: '2025-07-08' },
      '{ orders { compliedOn daysLate } }',
    );
    expect(complied.orders).toEqual([{ compliedOn: '2025-07-08', daysLate: 0 }]);

    const view = await readCase(caseId);
    expect(view.timeline.map((t) => t.type)).toEqual([
      'CaseOpened',
      'AssessmentRequested',
      'LaDecisionRecorded',
      'MediationAdviserContacted',
      'MediationCertificateIssued',
      'AppealLodged',
      'AppealRegistered',
      'LaResponseReceived',
      'HearingScheduled',
      'HearingBundleSent',
      'HearingHeld',
      'AppealOutcomeRecorded',
      'TribunalOrderMade',
      'OrderComplied',
    ]);
    const byRule = (rule: string) => view.deadlines.find((d) => d.rule === rule);
    // SEND Regs 2014 reg 5(1): 6 weeks from 6 January 2025 → 17 February 2025; the refusal came on 10 February.
    expect(byRule('EHC_ASSESS_DECISION_6WK')).toMatchObject({ dueOn: '2025-02-17', status: 'MET' });
    expect(byRule('EHC_ASSESS_DECISION_6WK')!.citation).toMatch(/reg 5/);
    expect(byRule('SEN_APPEAL_LODGE')).toMatchObject({ status: 'MET' });
    expect(byRule('REG44_ASSESS_NOTIFY')).toMatchObject({
      dueOn: '2025-07-11',
      status: 'MET',
      daysLate: 0,
    });
    for (const deadline of view.deadlines) expect(deadline.explanation.length).toBeGreaterThan(20);

    // reg 44(2)(c): after an order to assess, the final plan is due within 14 weeks (sent 27 June → 3 October 2025).
    await mutate(
      app,
      family,
      'recordDecision',
      'RecordDecisionInput',
      {
        caseId,
        kind: 'FINAL_PLAN_ISSUED',
        decisionLetterOn: '2025-09-19',
        appealRightsStated: true,
      },
      '{ id }',
    );
    const withPlan = await readCase(caseId);
    expect(withPlan.deadlines.find((d) => d.rule === 'REG44_ASSESS_FINAL_PLAN')).toMatchObject({
      dueOn: '2025-10-03',
      status: 'MET',
    });
    expect(withPlan.deadlines.filter((d) => d.status === 'OVERDUE').map((d) => d.rule)).toEqual([]);
    const report = await detectorRuns('2025-12-01');
    expect(report.failures).toBe(0);
    expect((await readCase(caseId)).breaches).toEqual([]);
  });

  it('detects a missed 20-week deadline and a missed tribunal order once, however often the detector runs', async () => {
    const caseId = await open();
    await mutate(
      app,
      family,
      'requestAssessment',
      'RequestAssessmentInput',
      { caseId, receivedOn: '2025-01-06' },
      '{ id }',
    );
    await mutate(
      app,
      family,
      'recordDecision',
      'RecordDecisionInput',
      { caseId, kind: 'ASSESSMENT_AGREED', decisionLetterOn: '2025-02-14' },
      '{ id }',
    );
    const appeal = await mutate<{ id: string }>(
      app,
      family,
      'lodgeAppeal',
      'LodgeAppealInput',
      {
        caseId,
        appealTypes: ['CONTENTS_F'],
        lodgedOn: '2025-04-01',
        decisionLetterOn: '2025-03-01',
      },
      '{ id }',
    );
    const decided = await mutate<{ orders: { id: string; dueOn: string }[] }>(
      app,
      family,
      'recordAppealOutcome',
      'RecordAppealOutcomeInput',
      {
        appealId: appeal.id,
        outcome: 'DECIDED_IN_FAVOUR',
        extent: 'IN_PART',
        decidedOn: '2025-08-01',
        orders: [{ type: 'AMEND_B_F' }],
      },
      '{ orders { id dueOn } }',
    );
    // reg 44(2)(e): amended plan within 5 weeks of the order sent 1 August 2025 → 5 September 2025.
    expect(decided.orders[0]!.dueOn).toBe('2025-09-05');

    const before = breachEvents();
    const first = await detectorRuns('2025-12-01');
    const afterFirst = breachEvents();
    const second = await detectorRuns('2025-12-01');
    const third = await detectorRuns('2025-11-30'); // an earlier clock, as another machine might have
    expect(second.breachesDetected).toBe(0);
    expect(third.breachesDetected).toBe(0);
    expect(breachEvents()).toBe(afterFirst);
    expect(first.breachesDetected).toBe(afterFirst - before);

    const view = await readCase(caseId);
    const types = view.breaches.map((b) => b.breachType);
    expect(types.filter((t) => t === 'TIMESCALE_FINAL_PLAN_20WK')).toHaveLength(1);
    expect(types.filter((t) => t === 'TRIBUNAL_ORDER_NOT_IMPLEMENTED')).toHaveLength(1);
    // SEND Regs 2014 reg 13(2): 20 weeks from 6 January 2025 → 26 May 2025.
    expect(view.breaches.find((b) => b.breachType === 'TIMESCALE_FINAL_PLAN_20WK')).toMatchObject({
      source: 'DETECTED',
      dueOn: '2025-05-26',
      remediedOn: null,
    });
    expect(view.deadlines.find((d) => d.rule === 'EHC_FINAL_PLAN_20WK')).toMatchObject({
      status: 'OVERDUE',
      daysLate: 189,
    });
    expect(view.nextActions.length).toBeGreaterThan(0);

    // The LA finally complies: the breach keeps the actual date and how late it was (5 Sep → 1 Dec = 87 days).
    await mutate(
      app,
      family,
      'recordOrderCompliance',
      'RecordOrderComplianceInput',
      { appealId: appeal.id, orderId: decided.orders[0]!.id, compliedOn: '2025-12-01' },
      '{ id }',
    );
    const after = await readCase(caseId);
    expect(
      after.breaches.find((b) => b.breachType === 'TRIBUNAL_ORDER_NOT_IMPLEMENTED'),
    ).toMatchObject({
      dueOn: '2025-09-05',
      remediedOn: '2025-12-01',
      daysLate: 87,
    });
    expect(after.appeals[0]!.orders[0]).toMatchObject({ compliedOn: '2025-12-01', daysLate: 87 });
    expect((await detectorRuns('2025-12-01')).breachesDetected).toBe(0);
  });
});
