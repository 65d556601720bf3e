import { InvalidDate } from './local-date';
import { type DeadlineInput } from './deadline-input';
import {
  computeDeadline,
  DEADLINE_RULES,
  getDeadlineRule,
  isDeadlineRuleId,
  type DeadlineRuleId,
} from './deadline-rules';
import {
  ExceptionNotApplicable,
  MissingDeadlineInput,
  UnknownDeadlineRule,
} from './deadline.errors';

/** One input that satisfies every rule, to exercise the whole catalogue. */
const EVERYTHING: DeadlineInput = {
  decisionLetterOn: '2025-06-03',
  mediationCertificateOn: '2025-07-10',
  mediationDeclinedOn: '2025-06-10',
  mediationRequestedOn: '2025-06-10',
  mediationEndedOn: '2025-07-07',
  mediationNotArrangedOn: '2025-07-09',
  icbNotifiedOn: '2025-06-12',
  actComplainedOfOn: '2025-03-15',
  tribunalDecisionSentOn: '2025-12-10',
  permissionRefusedOn: '2026-01-20',
  appealLodgedOn: '2025-03-03',
  laReceivedAppealOn: '2025-03-17',
  hearingOn: '2025-11-20',
  orderMadeOn: '2025-06-03',
  laNotifiedTribunalOn: '2025-01-10',
  agreementMadeOn: '2025-03-27',
  agreedAction: 'AMEND_BF',
  recommendationsMadeOn: '2025-07-10',
  requestReceivedOn: '2025-03-27',
  adviceRequestedOn: '2025-04-01',
  adviceFrom: 'HEALTH_BODY',
  reassessmentRequestReceivedOn: '2025-02-14',
  reassessmentNotifiedOn: '2025-03-01',
  planIssuedOn: '2025-03-01',
  previousReviewOn: '2025-01-31',
  meetingOn: '2025-11-20',
  amendmentsSentOn: '2025-12-18',
  transferYear: 2026,
  transferOn: '2026-01-05',
  problemKnownOn: '2025-06-10',
  accessRequestReceivedOn: '2025-01-31',
  dataController: 'LA',
};

const ALL_IDS = DEADLINE_RULES.map((rule) => rule.id);

describe('the rules catalogue', () => {
  it('has one entry per deadline with a stable, unique id', () => {
    expect(new Set(ALL_IDS).size).toBe(ALL_IDS.length);
    expect(ALL_IDS.length).toBe(56);
    expect(ALL_IDS.every((id) => /^[A-Z0-9_]+$/.test(id))).toBe(true);
  });

  it.each(ALL_IDS)('%s has a citation, a section and a coherent period', (id) => {
    const rule = getDeadlineRule(id);
    expect(rule.citation.length).toBeGreaterThan(5);
    expect(rule.section).toMatch(/^send-domain §/);
    const needsNoPeriod = rule.clock === 'IMMEDIATE' || rule.clock === 'FIXED_DATE';
    if (needsNoPeriod) expect(rule.period).toBeNull();
    else if (id !== 'REG42_AGREEMENT_APPEALABLE') expect(rule.period?.amount).toBeGreaterThan(0);
  });

  it.each(ALL_IDS)('%s computes a dated, plain-English deadline', (id) => {
    const deadline = computeDeadline(id, EVERYTHING);
    expect(deadline.ruleId).toBe(id);
    expect(deadline.citation).toBe(getDeadlineRule(id).citation);
    expect(deadline.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(deadline.explanation).not.toMatch(/undefined|NaN|\d{4}-\d{2}-\d{2}/);
    expect(deadline.explanation).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    expect(deadline.exceptionApplies).toBe(false);
    expect(deadline.exceptionRecorded).toBeUndefined();
  });

  it('recognises its own ids only', () => {
    expect(isDeadlineRuleId('EHC_FINAL_PLAN_20WK')).toBe(true);
    expect(isDeadlineRuleId('toString')).toBe(false);
    expect(() => computeDeadline('NOPE' as DeadlineRuleId, {})).toThrow(UnknownDeadlineRule);
  });
});

describe('explanations a parent understands', () => {
  it('states the 20-week deadline in words', () => {
    const deadline = computeDeadline('EHC_FINAL_PLAN_20WK', { requestReceivedOn: '2025-03-27' });
    expect(deadline).toMatchObject({
      ruleId: 'EHC_FINAL_PLAN_20WK',
      citation: 'SEND Regs 2014 reg 13(2)',
      section: 'send-domain §2.1 T6',
      clock: 'CALENDAR_WEEKS',
      dueOn: '2025-08-14',
      dutyHolder: 'LA',
    });
    expect(deadline.explanation).toBe(
      'The council must issue the final EHC plan within 20 weeks of receiving the request on 27 March 2025 (by 14 August 2025).',
    );
  });

  it('says which SEN appeal limit won and why the date moved', () => {
    const { explanation } = computeDeadline('SEN_APPEAL_LODGE', {
      decisionLetterOn: '2025-10-01',
      mediationCertificateOn: '2025-11-29',
    });
    expect(explanation).toContain('by 5pm on 2 January 2026');
    expect(explanation).toContain('whichever is later');
    expect(explanation).toContain('29 December 2025 is between 25 December and 1 January');
  });

  it('takes the duty-holder from the input where the law names several', () => {
    const advice = { adviceRequestedOn: '2025-07-14' };
    expect(computeDeadline('EHC_ADVICE_6WK', { ...advice, adviceFrom: 'SCHOOL' }).dutyHolder).toBe(
      'SCHOOL',
    );
    expect(computeDeadline('EHC_ADVICE_6WK', { ...advice, adviceFrom: 'LA' }).dutyHolder).toBe(
      'LA',
    );
    expect(computeDeadline('REVIEW_REPORT', { meetingOn: '2025-11-20' }).dutyHolder).toBe('LA');
    expect(computeDeadline('HSC_HEALTH_RESPONSE', EVERYTHING).dutyHolder).toBe('HEALTH_BODY');
    expect(computeDeadline('MEDIATION_CERTIFICATE_DECLINED', EVERYTHING).dutyHolder).toBe(
      'MEDIATION_ADVISER',
    );
  });
});

describe('recorded exceptions (never guessed)', () => {
  it('flags a T7 exception on the 20-week limit and keeps the date for reference', () => {
    const deadline = computeDeadline('EHC_FINAL_PLAN_20WK', {
      requestReceivedOn: '2025-03-27',
      exceptionRecorded: 'T7_SCHOOL_CLOSURE',
    });
    expect(deadline.exceptionApplies).toBe(true);
    expect(deadline.exceptionRecorded).toBe('T7_SCHOOL_CLOSURE');
    expect(deadline.dueOn).toBe('2025-08-14');
    expect(deadline.explanation).toContain('14 August 2025 is shown for reference only');
  });

  it.each([
    ['EHC_ASSESS_DECISION_6WK', 'T7_ABSENT_FROM_AREA'],
    ['EHC_NO_PLAN_NOTICE_16WK', 'T7_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'],
    ['REASSESS_FINAL_PLAN_14WK', 'T7_EARLY_YEARS_CLOSURE'],
    ['EHC_ADVICE_6WK', 'REG8_MISSED_APPOINTMENT'],
    ['REG44_AMEND_BF', 'ORDER_ABSENT_FROM_AREA'],
    ['REG45_NAME_SCHOOL', 'ORDER_PARENT_REPRESENTATIONS'],
  ] as const)('%s accepts %s', (id, exceptionRecorded) => {
    expect(computeDeadline(id, { ...EVERYTHING, exceptionRecorded }).exceptionApplies).toBe(true);
  });

  it.each([
    ['SEN_APPEAL_LODGE', 'T7_SCHOOL_CLOSURE'],
    ['REG44_AMEND_BF', 'T7_SCHOOL_CLOSURE'],
    ['EHC_FINAL_PLAN_20WK', 'ORDER_SCHOOL_CLOSURE'],
    ['REG44_CONTINUE_TO_MAINTAIN', 'ORDER_EXCEPTIONAL_PERSONAL_CIRCUMSTANCES'],
    ['REG42_AGREEMENT_APPEALABLE', 'ORDER_ABSENT_FROM_AREA'],
  ] as const)('%s refuses %s', (id, exceptionRecorded) => {
    expect(() => computeDeadline(id, { ...EVERYTHING, exceptionRecorded })).toThrow(
      ExceptionNotApplicable,
    );
  });
});

describe('bad input', () => {
  it('names the missing start date', () => {
    expect(() => computeDeadline('EHC_FINAL_PLAN_20WK', {})).toThrow(MissingDeadlineInput);
    expect(() => computeDeadline('EHC_FINAL_PLAN_20WK', {})).toThrow(/requestReceivedOn/);
    expect(() => computeDeadline('PHASE_TRANSFER_15_FEB', {})).toThrow(/transferYear/);
    expect(() =>
      computeDeadline('REG42_AGREEMENT_APPEALABLE', { agreementMadeOn: '2025-01-01' }),
    ).toThrow(/agreedAction/);
  });

  it('rejects impossible dates as BAD_USER_INPUT', () => {
    expect(() => computeDeadline('SEN_APPEAL_LODGE', { decisionLetterOn: '2025-02-30' })).toThrow(
      InvalidDate,
    );
    expect(() =>
      computeDeadline('SEN_APPEAL_LODGE', {
        decisionLetterOn: '2025-02-03',
        mediationCertificateOn: '2024-1-01',
      }),
    ).toThrow(InvalidDate);
  });
});
