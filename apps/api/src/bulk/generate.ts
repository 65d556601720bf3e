import { createHash } from 'node:crypto';
import {
  addDays,
  caseDecider,
  laterOf,
  pendingBreachKeys,
  type AppealOutcome,
  type AppealType,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type OrderType,
} from '@app/domain';
import { deterministicId } from '@app/event-store';
import {
  ENGLAND_CODE,
  buildRegister,
  parseOfficialAppealRates,
  readReferenceSources,
} from '@app/projections';
import type { ImportLine } from './import-line';
import { Prng } from './prng';

/**
 * Synthetic, deterministic case histories for bulk imports and benchmarks (issue 8). Every command is run through the
 * real `caseDecider` while the history is drawn, so each line of the output is accepted when imported in order; a
 * command the decider refuses is a bug of this generator and is counted in `refused` (expected: 0).
 *
 * The mixes follow send-domain.md §4.1 (MoJ Tribunal Statistics) and the issue:
 *  - appeal types: about a quarter refusal to assess, ~8% refusal to issue, most of the rest about plan contents
 *    (Sections B/F/I), a few cease-to-maintain appeals and disability discrimination claims;
 *  - how appeals end: most withdrawn or conceded (or settled by consent) before a hearing; of those decided, almost
 *    all (~97%) in the family's favour, a few dismissed or struck out;
 *  - orders complied with on time, late, or never recorded; breaches reported by families and detected by running
 *    `DetectBreaches` at quarter ends (as the scheduled detector would);
 *  - cases spread over the real LAs in proportion to their 2024 registered appeals (DfE/MoJ series), with a few LAs
 *    (drawn from the seed) acting as repeat offenders: late decisions, late or no compliance, more breaches.
 *
 * Lines of one case are contiguous and in the order they happened; cases follow one another.
 */

export interface GenerateOptions {
  readonly cases: number;
  readonly seed: number;
  /** Cases open between these dates; nothing is dated after `end`. */
  readonly firstOpenedOn?: string;
  readonly lastOpenedOn?: string;
  readonly end?: string;
}

export interface GenerationStats {
  cases: number;
  lines: number;
  events: number;
  /** Commands the decider refused while drawing (a generator bug; they are left out of the output). */
  refused: number;
  readonly byCommand: Record<string, number>;
  readonly outcomes: Record<string, number>;
  readonly appealTypes: Record<string, number>;
  readonly repeatOffenders: readonly string[];
}

const DETECTOR_ACTOR = 'system:breach-detector';
const DEFAULT_FIRST = '2022-09-01';
const DEFAULT_LAST = '2026-03-31';
const DEFAULT_END = '2026-06-30';

/** Quarter ends from 2022 to 2026: when the scheduled breach detector is assumed to have run. */
const DETECTION_DATES: readonly string[] = [2022, 2023, 2024, 2025, 2026].flatMap((y) =>
  ['03-31', '06-30', '09-30', '12-31'].map((md) => `${y}-${md}`),
);

type AppealPath =
  'REFUSAL_TO_ASSESS' | 'REFUSAL_TO_ISSUE' | 'CONTENTS' | 'CEASE' | 'DISCRIMINATION';

/** send-domain §4.1: refusal to assess 24–29%, refusal to issue 8.5%, contents 58–61% (2019/20–2024/25). */
const PATHS: readonly (readonly [AppealPath, number])[] = [
  ['REFUSAL_TO_ASSESS', 25],
  ['REFUSAL_TO_ISSUE', 8],
  ['CONTENTS', 60],
  ['CEASE', 3],
  ['DISCRIMINATION', 4],
];

type Ending = 'WITHDRAWN' | 'CONCEDED' | 'CONSENT_ORDER' | 'HEARING';
/** Most appeals end before a hearing (issue 8); the rest are decided at a hearing. */
const ENDINGS: readonly (readonly [Ending, number])[] = [
  ['WITHDRAWN', 24],
  ['CONCEDED', 24],
  ['CONSENT_ORDER', 7],
  ['HEARING', 45],
];
/** Of those decided, ~97–99% in the family's favour (2019/20 95% … 2024/25 99%). */
const DECIDED: readonly (readonly [AppealOutcome, number])[] = [
  ['DECIDED_IN_FAVOUR', 97],
  ['DISMISSED', 2],
  ['STRUCK_OUT', 1],
];

type Json = Record<string, unknown>;

/** Realistic LA weights: appeals registered in 2024, from the committed DfE series. */
const localAuthorityWeights = (): (readonly [string, number])[] => {
  const sources = readReferenceSources();
  const register = buildRegister(sources.currentAuthorities, sources.predecessorAuthorities);
  const current = new Set(register.filter((la) => la.current).map((la) => la.code));
  const rates = parseOfficialAppealRates(sources.tribunal, register);
  const weights = new Map<string, number>();
  for (const rate of rates) {
    if (rate.year !== 2024 || rate.laCode === ENGLAND_CODE || !current.has(rate.laCode)) continue;
    weights.set(rate.laCode, Math.max(1, rate.appealsRegistered ?? 0));
  }
  for (const code of current) if (!weights.has(code)) weights.set(code, 1);
  return [...weights.entries()].sort(([a], [b]) => a.localeCompare(b));
};

const bump = (record: Record<string, number>, key: string, by = 1): void => {
  record[key] = (record[key] ?? 0) + by;
};

/** One case being drawn: its state under the real decider, and the lines accepted so far. */
class CaseDraw {
  state: CaseState = caseDecider.initialState();
  today: string;
  private step = 0;
  private detectionIndex: number;
  readonly lines: ImportLine[] = [];
  stopped = false;

  constructor(
    readonly rng: Prng,
    readonly caseId: string,
    readonly actor: string,
    readonly la: string,
    readonly offender: boolean,
    openedOn: string,
    private readonly end: string,
    private readonly stats: GenerationStats,
  ) {
    this.today = openedOn;
    this.detectionIndex = DETECTION_DATES.findIndex((d) => d >= openedOn);
    if (this.detectionIndex < 0) this.detectionIndex = DETECTION_DATES.length;
  }

  /** A new id for something this case creates (appeal, order…), unique across the file. */
  newId(kind: string): string {
    return deterministicId(kind, this.actor, this.caseId, String(this.step), kind);
  }

  /**
   * Moves the case's clock to `on` (never backwards), running the breach detector at every quarter end passed. False
   * when `on` is after the end of the data: the case stops there (still open, as real open caseloads are).
   */
  advanceTo(on: string): boolean {
    if (this.stopped) return false;
    const target = on < this.today ? this.today : on;
    while (
      this.detectionIndex < DETECTION_DATES.length &&
      DETECTION_DATES[this.detectionIndex]! <= target &&
      DETECTION_DATES[this.detectionIndex]! <= this.end
    ) {
      const asOf = DETECTION_DATES[this.detectionIndex++]!;
      if (asOf < this.today) continue;
      this.detect(asOf);
    }
    if (target > this.end) {
      this.stopped = true;
      return false;
    }
    this.today = target;
    return true;
  }

  /** The scheduled detector at `asOf`: only cases with missed deadlines get a command (as BreachDetector does). */
  private detect(asOf: string): void {
    const keys = pendingBreachKeys(this.state, asOf);
    if (keys.length === 0) return;
    const key = `detect:${createHash('sha256')
      .update([...keys].sort().join('\n'))
      .digest('hex')}`;
    this.today = asOf;
    this.run({ type: 'DetectBreaches', data: { asOf } }, DETECTOR_ACTOR, key);
  }

  /** Runs the command through the decider dated `on` (after advancing to it); the events, or null when refused. */
  emit(
    type: CaseCommand['type'],
    data: Json,
    on: string = this.today,
  ): readonly CaseEvent[] | null {
    if (!this.advanceTo(on)) return null;
    return this.run({ type, data }, this.actor, `gen-${this.caseId.slice(0, 8)}-${this.step + 1}`);
  }

  private run(
    body: { type: CaseCommand['type']; data: Json },
    actor: string,
    clientMutationId: string,
  ): readonly CaseEvent[] | null {
    this.step++;
    const command = { ...body, metadata: { actor, today: this.today } } as CaseCommand;
    let events: readonly CaseEvent[];
    try {
      events = caseDecider.decide(command, this.state);
    } catch (error) {
      this.stats.refused++;
      if (process.env.GENERATE_DEBUG) {
        const reason = `${body.type}: ${error instanceof Error ? error.message : String(error)}`;
        bump(this.stats.byCommand, `refused ${reason.slice(0, 160)}`);
      }
      return null;
    }
    this.state = events.reduce((state, event) => caseDecider.evolve(state, event), this.state);
    this.lines.push({ caseId: this.caseId, actor, clientMutationId, command });
    this.stats.lines++;
    this.stats.events += events.length;
    bump(this.stats.byCommand, body.type);
    return events;
  }

  /** Whole days after `from`, drawn between `min` and `max`. */
  after(from: string, min: number, max: number): string {
    return addDays(from, this.rng.int(min, max));
  }

  /**
   * An LA step that should take `due` days from `from`: on time usually, late more often for a repeat offender; never
   * before the case's clock (what is already recorded).
   */
  laStep(from: string, due: number): string {
    const late = this.rng.chance(this.offender ? 0.55 : 0.2);
    const on = late
      ? this.after(from, due + 3, due + 120)
      : this.after(from, Math.floor(due / 2), due);
    return on < this.today ? this.after(this.today, 0, 7) : on;
  }
}

/** The data of a RecordOrderCompliance whose `dueOn` the decider computes: probe it for the due date. */
const orderDueOn = (draw: CaseDraw, orderId: string, madeOn: string): string | null => {
  if (draw.state.status !== 'Open') return null;
  try {
    const [event] = caseDecider.decide(
      {
        type: 'RecordOrderCompliance',
        data: { orderId, compliedOn: madeOn },
        metadata: { actor: draw.actor, today: madeOn },
      },
      draw.state,
    );
    return event?.type === 'OrderComplied' ? event.data.dueOn : null;
  } catch {
    return null;
  }
};

/** Order types that answer the appeal (reg 43); a concession can only carry reg 45 duties. */
const ordersFor = (path: AppealPath, types: readonly AppealType[], ending: Ending): OrderType[] => {
  switch (path) {
    case 'REFUSAL_TO_ASSESS':
      return ['ASSESS'];
    case 'REFUSAL_TO_ISSUE':
      return ['MAKE_AND_MAINTAIN_PLAN'];
    case 'CEASE':
      return ['CONTINUE_TO_MAINTAIN'];
    case 'DISCRIMINATION':
      return ending === 'CONCEDED' ? [] : ['DISABILITY_DISCRIMINATION_REMEDY'];
    case 'CONTENTS': {
      const bf = types.includes('CONTENTS_B') || types.includes('CONTENTS_F');
      const school = types.includes('PLACEMENT_I');
      if (bf && school) return ['AMEND_B_F_AND_NAME_SCHOOL'];
      return bf ? ['AMEND_B_F'] : ['NAME_SCHOOL'];
    }
  }
};

const contentTypes = (rng: Prng): AppealType[] => {
  const kind = rng.weighted<readonly AppealType[]>([
    [['CONTENTS_B', 'CONTENTS_F', 'PLACEMENT_I'], 35],
    [['CONTENTS_B', 'CONTENTS_F'], 20],
    [['PLACEMENT_I'], 30],
    [['CONTENTS_F'], 10],
    [['CONTENTS_B', 'PLACEMENT_I'], 5],
  ]);
  const types = [...kind];
  if (rng.chance(0.15)) types.push('EXTENDED_HSC_RECOMMENDATION');
  return types;
};

/** The statutory process up to the decision appealed against; returns its id and letter date, or null. */
const processUpToDecision = (
  draw: CaseDraw,
  path: AppealPath,
): { decisionId: string; letterOn: string } | null => {
  const { rng } = draw;
  const requestedOn = draw.after(draw.today, 0, 20);
  if (
    !draw.emit(
      'RequestAssessment',
      {
        requestId: draw.newId('request'),
        receivedOn: requestedOn,
        requestedBy: rng.weighted([
          ['PARENT', 70],
          ['SCHOOL', 25],
          ['YOUNG_PERSON', 5],
        ] as const),
      },
      requestedOn,
    )
  )
    return null;
  if (path === 'REFUSAL_TO_ASSESS') {
    const decisionId = draw.newId('decision');
    const letterOn = draw.laStep(requestedOn, 42); // reg 5: 6 weeks
    const ok = draw.emit(
      'RecordDecision',
      {
        decisionId,
        kind: 'ASSESSMENT_REFUSED',
        decisionLetterOn: letterOn,
        appealRightsStated: rng.chance(0.9) ? true : rng.pick([false, null]),
      },
      letterOn,
    );
    return ok ? { decisionId, letterOn } : null;
  }
  const agreedOn = draw.laStep(requestedOn, 42);
  if (
    !draw.emit(
      'RecordDecision',
      {
        decisionId: draw.newId('decision'),
        kind: 'ASSESSMENT_AGREED',
        decisionLetterOn: agreedOn,
        appealRightsStated: null,
      },
      agreedOn,
    )
  )
    return null;
  // Advice for the assessment (reg 8: 6 weeks), from health and the educational psychologist.
  for (const [from, bodyName] of [
    ['HEALTH_BODY', 'Integrated care board'],
    ['LA', 'Educational psychology service'],
  ] as const) {
    if (rng.chance(0.3)) continue;
    const adviceId = draw.newId('advice');
    const askedOn = draw.after(agreedOn, 0, 7);
    if (
      !draw.emit('RecordAdviceRequest', { adviceId, from, bodyName, requestedOn: askedOn }, askedOn)
    )
      return null;
    if (rng.chance(0.9)) {
      const receivedOn = draw.laStep(askedOn, 42);
      draw.emit('RecordAdviceReceived', { adviceId, receivedOn }, receivedOn);
    }
  }
  if (path === 'REFUSAL_TO_ISSUE') {
    const decisionId = draw.newId('decision');
    const letterOn = draw.laStep(requestedOn, 112); // reg 10: 16 weeks
    const ok = draw.emit(
      'RecordDecision',
      {
        decisionId,
        kind: 'PLAN_NOT_NEEDED',
        decisionLetterOn: letterOn,
        appealRightsStated: true,
      },
      letterOn,
    );
    return ok ? { decisionId, letterOn } : null;
  }
  const draftOn = draw.after(draw.today, 14, 60);
  if (
    !draw.emit(
      'RecordDecision',
      {
        decisionId: draw.newId('decision'),
        kind: 'DRAFT_PLAN_ISSUED',
        decisionLetterOn: draftOn,
        appealRightsStated: null,
      },
      draftOn,
    )
  )
    return null;
  const finalOn = draw.laStep(requestedOn, 140); // reg 13: 20 weeks
  const finalId = draw.newId('decision');
  if (
    !draw.emit(
      'RecordDecision',
      {
        decisionId: finalId,
        kind: 'FINAL_PLAN_ISSUED',
        decisionLetterOn: finalOn,
        appealRightsStated: true,
      },
      finalOn,
    )
  )
    return null;
  if (path === 'CONTENTS') return { decisionId: finalId, letterOn: finalOn };
  // CEASE: the plan runs for a while, is reviewed, then the LA decides to cease it.
  const reviewOn = draw.after(finalOn, 300, 400);
  if (
    !draw.emit(
      'RecordReviewMeeting',
      { reviewId: draw.newId('review'), heldOn: reviewOn },
      reviewOn,
    )
  )
    return null;
  const decisionId = draw.newId('decision');
  const letterOn = draw.after(reviewOn, 10, 40);
  const ok = draw.emit(
    'RecordDecision',
    {
      decisionId,
      kind: 'CEASE_TO_MAINTAIN',
      decisionLetterOn: letterOn,
      appealRightsStated: true,
    },
    letterOn,
  );
  return ok ? { decisionId, letterOn } : null;
};

/** Mediation advice (reg 33), sometimes mediation, then the certificate; returns the certificate date. */
const mediation = (draw: CaseDraw, decisionId: string, letterOn: string): string | null => {
  const { rng } = draw;
  const contactedOn = draw.after(letterOn, 5, 40);
  const wanted = rng.chance(0.25);
  if (
    !draw.emit(
      'RecordMediationAdviserContact',
      { decisionId, contactedOn, mediationWanted: wanted },
      contactedOn,
    )
  )
    return null;
  let issuedAfter = contactedOn;
  if (wanted) {
    const endedOn = draw.after(contactedOn, 20, 45);
    if (!draw.emit('RecordMediation', { endedOn, agreementReached: rng.chance(0.2) }, endedOn))
      return null;
    issuedAfter = endedOn;
  }
  const issuedOn = draw.after(issuedAfter, 1, 10);
  return draw.emit('RecordMediationCertificate', { issuedOn }, issuedOn) ? issuedOn : null;
};

/** Compliance with each order: on time, late, or never recorded (then the detector finds the breach). */
const complyWithOrders = (
  draw: CaseDraw,
  orders: readonly { orderId: string; madeOn: string }[],
): void => {
  const { rng } = draw;
  for (const { orderId, madeOn } of orders) {
    const dueOn = orderDueOn(draw, orderId, madeOn) ?? addDays(madeOn, 35);
    const fate = rng.weighted([
      ['ON_TIME', draw.offender ? 35 : 72],
      ['LATE', draw.offender ? 45 : 20],
      ['NEVER', draw.offender ? 20 : 8],
    ] as const);
    if (fate !== 'ON_TIME' && rng.chance(0.45)) {
      const occurredOn = addDays(dueOn, 1);
      const reportedOn = draw.after(occurredOn, 7, 60);
      draw.emit(
        'ReportBreach',
        {
          breachId: draw.newId('breach'),
          breachType: 'TRIBUNAL_ORDER_NOT_IMPLEMENTED',
          dutyHolder: { kind: 'LA', localAuthorityCode: draw.la, name: null, urn: null },
          legalBasis: 'SEND Regs 2014 reg 44',
          guidanceReference: null,
          occurredOn,
          evidenceRefs: rng.chance(0.5) ? ['tribunal-order.pdf'] : [],
          notes: rng.chance(0.3) ? 'The council has not done what the tribunal ordered.' : null,
        },
        reportedOn,
      );
    }
    if (fate === 'NEVER') continue;
    const compliedOn =
      fate === 'ON_TIME'
        ? dueOn <= madeOn
          ? madeOn
          : addDays(madeOn, rng.int(0, Math.max(0, daysFrom(madeOn, dueOn))))
        : addDays(dueOn, rng.int(1, 150));
    draw.emit('RecordOrderCompliance', { orderId, compliedOn }, compliedOn);
  }
};

const daysFrom = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The appeal from lodging to its end (and the orders, compliance and breaches after it). */
const appeal = (
  draw: CaseDraw,
  path: AppealPath,
  stats: GenerationStats,
  decision: { decisionId: string; letterOn: string; certificateOn: string } | null,
): void => {
  const { rng } = draw;
  const appealId = draw.newId('appeal');
  const types: AppealType[] =
    path === 'REFUSAL_TO_ASSESS'
      ? ['REFUSAL_TO_ASSESS']
      : path === 'REFUSAL_TO_ISSUE'
        ? ['REFUSAL_TO_ISSUE']
        : path === 'CEASE'
          ? ['CEASE_TO_MAINTAIN']
          : path === 'DISCRIMINATION'
            ? ['DISABILITY_DISCRIMINATION']
            : contentTypes(rng);
  const lodgedOn = decision
    ? draw.after(decision.certificateOn, 3, 30)
    : draw.after(draw.today, 10, 90);
  const lodged = draw.emit(
    'LodgeAppeal',
    {
      appealId,
      appealTypes: types,
      lodgedOn,
      ...(decision
        ? { decisionId: decision.decisionId }
        : {
            respondent: {
              kind: 'SCHOOL',
              name: rng.pick(['Oak Hill Primary', 'Riverside Academy', 'St Mary’s CE School']),
              urn: rng.chance(0.6) ? String(rng.int(100000, 149999)) : null,
              localAuthorityCode: draw.la,
            },
          }),
    },
    lodgedOn,
  );
  if (!lodged) return;
  for (const type of types) bump(stats.appealTypes, type);

  const registeredOn = draw.after(lodgedOn, 3, 21);
  const hearingOn = draw.after(registeredOn, 100, 180);
  if (
    !draw.emit(
      'RegisterAppeal',
      {
        appealId,
        tribunalReference: `EH${draw.la}/${registeredOn.slice(2, 4)}/${String(rng.int(0, 99999)).padStart(5, '0')}`,
        registeredOn,
        responseDueOn: addDays(registeredOn, 30),
        evidenceDueOn: addDays(registeredOn, 60),
        hearingOn: rng.chance(0.8) ? hearingOn : null,
      },
      registeredOn,
    )
  )
    return;
  if (rng.chance(0.2)) {
    // Many families share their case with an advocacy organisation while the appeal runs.
    draw.emit(
      'GrantAccess',
      {
        organisation: rng.pick(['ipsea', 'sos-sen', `sendiass-${draw.la}`]),
        expiresOn: rng.chance(0.5) ? null : addDays(registeredOn, 365),
      },
      draw.after(registeredOn, 0, 14),
    );
  }

  let ending = rng.weighted(ENDINGS);
  if (path === 'DISCRIMINATION' && ending === 'CONCEDED') ending = 'WITHDRAWN';
  const respondedOn = laterOf(draw.laStep(registeredOn, 30), draw.today);
  let outcome: AppealOutcome;
  let decidedOn: string;
  let extent: string | null = null;
  if (ending === 'HEARING') {
    if (
      !draw.emit(
        'RecordLaResponse',
        { appealId, receivedOn: respondedOn, opposed: true },
        respondedOn,
      )
    )
      return;
    const listed =
      draw.state.status === 'Open' ? draw.state.appeals.appeals[appealId]?.hearingOn : null;
    if (listed && listed < draw.today) return; // the response came after the listed date: left running
    const evidenceOn = draw.after(respondedOn, 5, 30);
    draw.emit('RecordEvidence', { appealId, submittedOn: evidenceOn, party: 'FAMILY' }, evidenceOn);
    const laEvidenceOn = draw.after(evidenceOn, 0, 10);
    draw.emit('RecordEvidence', { appealId, submittedOn: laEvidenceOn, party: 'LA' }, laEvidenceOn);
    const state = draw.state.status === 'Open' ? draw.state.appeals.appeals[appealId] : undefined;
    let listedFor = state?.hearingOn ?? null;
    if (listedFor === null) {
      listedFor = draw.after(draw.today, 40, 90);
      draw.emit('ScheduleHearing', { appealId, hearingOn: listedFor });
    }
    const bundleOn = addDays(listedFor, -rng.int(10, 20));
    draw.emit(
      'RecordHearingBundle',
      { appealId, sentOn: bundleOn < draw.today ? draw.today : bundleOn },
      bundleOn < draw.today ? draw.today : bundleOn,
    );
    if (rng.chance(0.12)) {
      const adjournedOn = laterOf(addDays(listedFor, -rng.int(0, 7)), draw.today);
      const newDate = draw.after(laterOf(listedFor, adjournedOn), 30, 90);
      if (
        draw.emit(
          'AdjournHearing',
          {
            appealId,
            adjournedOn,
            newHearingOn: newDate,
            reason: rng.chance(0.5) ? 'Panel member unavailable' : null,
          },
          adjournedOn,
        )
      )
        listedFor = newDate;
    }
    listedFor = laterOf(listedFor, draw.today);
    if (!draw.emit('RecordHearingHeld', { appealId, heldOn: listedFor }, listedFor)) return;
    outcome = rng.weighted(DECIDED);
    decidedOn = draw.after(laterOf(listedFor, draw.today), 5, 15);
    if (outcome === 'DECIDED_IN_FAVOUR') extent = rng.chance(0.75) ? 'IN_FULL' : 'IN_PART';
  } else {
    // Settled before a hearing: withdrawn (often after the LA gives in informally), conceded, or by consent order.
    const responded = ending !== 'CONCEDED' || rng.chance(0.4);
    if (responded && respondedOn <= addDays(registeredOn, 60))
      draw.emit(
        'RecordLaResponse',
        { appealId, receivedOn: respondedOn, opposed: ending !== 'CONCEDED' },
        respondedOn,
      );
    outcome = ending;
    decidedOn = draw.after(laterOf(draw.today, respondedOn), 7, 90);
  }
  bump(stats.outcomes, outcome);
  const orderTypes =
    outcome === 'DECIDED_IN_FAVOUR' || outcome === 'CONSENT_ORDER' || outcome === 'CONCEDED'
      ? ordersFor(path, types, ending)
      : [];
  const orders = orderTypes.map((orderType) => ({
    orderId: draw.newId(`order-${orderType}`),
    orderType,
    madeOn: decidedOn,
    directedDueOn: orderType === 'DISABILITY_DISCRIMINATION_REMEDY' ? addDays(decidedOn, 56) : null,
  }));
  const ended = draw.emit(
    'RecordAppealOutcome',
    { appealId, outcome, extent, decidedOn, orders },
    decidedOn,
  );
  if (!ended) return;
  if (
    types.includes('EXTENDED_HSC_RECOMMENDATION') &&
    outcome === 'DECIDED_IN_FAVOUR' &&
    rng.chance(0.6)
  ) {
    const recommendationId = draw.newId('recommendation');
    if (
      draw.emit(
        'RecordHscRecommendations',
        {
          appealId,
          recommendationId,
          madeOn: decidedOn,
          addressedTo: rng.pick(['LA_SOCIAL_CARE', 'HEALTH_BODY'] as const),
        },
        decidedOn,
      ) &&
      rng.chance(0.7)
    ) {
      const answeredOn = draw.laStep(decidedOn, 35);
      draw.emit(
        'RecordHscAnswer',
        { recommendationId, answeredOn, followed: rng.chance(0.7) },
        answeredOn,
      );
    }
  }
  if (outcome === 'DISMISSED' && rng.chance(0.3)) {
    const lodgedOn2 = draw.after(decidedOn, 5, 27);
    const challengeId = draw.newId('challenge');
    if (
      draw.emit(
        'LodgeDecisionChallenge',
        { appealId, challengeId, kind: 'PERMISSION_TO_APPEAL', lodgedOn: lodgedOn2, by: 'FAMILY' },
        lodgedOn2,
      )
    ) {
      const ruledOn = draw.after(lodgedOn2, 20, 60);
      draw.emit(
        'RecordChallengeDecision',
        { challengeId, decidedOn: ruledOn, granted: rng.chance(0.3) },
        ruledOn,
      );
    }
  }
  complyWithOrders(draw, orders);
};

/** Draws one case: opened, the statutory process, maybe an appeal, and what followed. */
const drawCase = (draw: CaseDraw, stats: GenerationStats, childLabel: string): void => {
  const { rng } = draw;
  if (!draw.emit('OpenCase', { caseId: draw.caseId, localAuthorityCode: draw.la, childLabel }))
    return;
  const path = rng.weighted(PATHS);
  if (path === 'DISCRIMINATION') {
    appeal(draw, path, stats, null);
  } else {
    const decision = processUpToDecision(draw, path);
    if (!decision) return;
    // Some families never appeal; they still track deadlines (breaches are detected on their cases too).
    if (rng.chance(0.1)) return void draw.advanceTo(draw.after(draw.today, 60, 200));
    const certificateOn = mediation(draw, decision.decisionId, decision.letterOn);
    if (!certificateOn) return;
    appeal(draw, path, stats, { ...decision, certificateOn });
  }
  if (rng.chance(draw.offender ? 0.25 : 0.08)) {
    const occurredOn = draw.after(draw.today, 10, 120);
    draw.emit(
      'ReportBreach',
      {
        breachId: draw.newId('breach'),
        breachType: rng.pick([
          'PROVISION_NOT_DELIVERED',
          'NO_SUITABLE_EDUCATION',
          'ANNUAL_REVIEW_LATE',
        ] as const),
        dutyHolder: { kind: 'LA', localAuthorityCode: draw.la, name: null, urn: null },
        legalBasis: 'CFA 2014 s.42',
        guidanceReference: rng.chance(0.4) ? 'SEND Code of Practice 9.142' : null,
        occurredOn,
        evidenceRefs: [],
        notes: null,
      },
      draw.after(occurredOn, 1, 30),
    );
  }
  // A last look by the detector some months later (deadlines still running are found then).
  draw.advanceTo(draw.after(draw.today, 30, 200));
};

/** Every line, case after case. The same options always give the same lines. */
export function* generateCommands(
  options: GenerateOptions,
  stats: GenerationStats = newStats(),
): Generator<ImportLine> {
  const rng = new Prng(options.seed);
  const first = options.firstOpenedOn ?? DEFAULT_FIRST;
  const last = options.lastOpenedOn ?? DEFAULT_LAST;
  const end = options.end ?? DEFAULT_END;
  const span = daysFrom(first, last);
  const weights = localAuthorityWeights();
  // Repeat offenders: ~8% of LAs, drawn from the seed among those with many appeals (weight ≥ median).
  const median =
    [...weights].map(([, w]) => w).sort((a, b) => a - b)[Math.floor(weights.length / 2)] ?? 1;
  const offenders = new Set(
    weights
      .filter(([, w]) => w >= median)
      .filter(() => rng.chance(0.16))
      .map(([code]) => code),
  );
  (stats.repeatOffenders as string[]).push(...[...offenders].sort());
  const labels = ['Sam', 'Alex', 'Jo', 'Priya', 'Mo', 'Charlie', 'Ava', 'Noah', 'Leila', 'Finn'];
  for (let n = 0; n < options.cases; n++) {
    const caseRng = new Prng((options.seed * 1_000_003 + n) >>> 0);
    const family = `family-${options.seed}-${n}`;
    const caseId = deterministicId('case', family, `generated-${options.seed}-${n}`);
    const la = caseRng.weighted(weights);
    const openedOn = addDays(first, caseRng.int(0, span));
    const draw = new CaseDraw(caseRng, caseId, family, la, offenders.has(la), openedOn, end, stats);
    drawCase(draw, stats, caseRng.pick(labels));
    stats.cases++;
    yield* draw.lines;
  }
}

export const newStats = (): GenerationStats => ({
  cases: 0,
  lines: 0,
  events: 0,
  refused: 0,
  byCommand: {},
  outcomes: {},
  appealTypes: {},
  repeatOffenders: [],
});
