import {
  APPEAL_TYPES,
  BREACH_TYPES,
  CHALLENGE_KINDS,
  DECISION_EXTENTS,
  EXCEPTION_DESCRIPTIONS,
  LA_DECISION_KIND_NAMES,
  LA_DECISION_KINDS,
  ORDER_TYPES,
  RECOMMENDATION_CARRIERS,
  TRANSFER_KINDS,
  addDays,
  caseDecider,
  type AppealOutcome,
  type AppealType,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type OpenCaseState,
  type OrderType,
  type RecordedException,
} from '@app/domain';

/**
 * Random but valid event histories for property tests (imported by *.spec.ts files only; no fast-check here).
 *
 * `generateHistory(seed)` spreads up to 60 commands over 1–4 cases. At each step it picks a case, draws one random
 * command of every type for it (random data: ids existing or new, dates mostly today, sometimes earlier, tribunal
 * directions ahead), asks the REAL case decider which it accepts, and keeps one of those, chosen by weight; the events
 * the decider returned are folded into the case's state for the next step. "Today" moves on by 0–40 days after each
 * command, so deadlines pass and breach detection finds something. The same seed always gives the same history, so a
 * failing property names the seed that reproduces it. There is no shrinking: seeds are fixed, and histories short.
 *
 * The command generators are keyed by command type with a mapped type: a new command does not compile until it is
 * generated here, so the properties keep covering the whole decider.
 */

/** A small seeded PRNG (mulberry32): fast, 32-bit state, good enough to drive tests. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** A pick weighted by `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** 1..`max` distinct items, in the order given. */
  some<T>(items: readonly T[], max: number): T[] {
    const count = this.int(1, Math.min(max, items.length));
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(this.pick(items));
    return items.filter((item) => chosen.has(item));
  }
}

/** One accepted command: which case, who, when (recordedAt), and the events the decider produced for it. */
export interface HistoryStep {
  readonly caseId: string;
  readonly actor: string;
  readonly now: Date;
  readonly command: CaseCommand;
  readonly events: readonly CaseEvent[];
}

export interface History {
  readonly seed: number;
  readonly steps: readonly HistoryStep[];
  /** Commands drawn, accepted or not. */
  readonly attempts: number;
  readonly eventCount: number;
}

export interface HistoryOptions {
  /** Accepted commands to aim for; the default draws 1..60. */
  readonly commands?: number;
  /** Cases the commands are spread over; the default draws 1..4. */
  readonly cases?: number;
}

const LOCAL_AUTHORITIES = ['886', '202', '330', '919'];
const CHILD_LABELS = ['Sam', 'Alex', 'Jo', 'Priya'];
const ADVOCATE = 'advocate-1';
const ORGANISATIONS = ['sendias-kent', 'ipsea'];
/** Erasure ends a case's history: only drawn once the case has this many commands behind it. */
const ERASE_AFTER_STEPS = 12;

type CommandType = CaseCommand['type'];
type DataOf<T extends CommandType> = Extract<CaseCommand, { type: T }>['data'];

interface Context {
  readonly rng: Rng;
  readonly caseId: string;
  readonly localAuthorityCode: string;
  readonly today: string;
  readonly state: OpenCaseState;
  /** A new id, unique across the whole history (appeal and order ids are global keys in the read models). */
  fresh(kind: string): string;
  /** A date on or before today: mostly today, sometimes earlier (which the decider may refuse). */
  past(): string;
  /** A date on or after today (tribunal directions). */
  ahead(maxDays: number): string;
}

/** An existing key of `record`, or occasionally one that does not exist (so refusals are exercised too). */
const existing = (
  ctx: Context,
  record: Readonly<Record<string, unknown>>,
  kind: string,
): string => {
  const keys = Object.keys(record);
  return keys.length > 0 && !ctx.rng.chance(0.05) ? ctx.rng.pick(keys) : `${ctx.caseId}-${kind}-x`;
};
type AppealView = OpenCaseState['appeals']['appeals'][string];

/** Mostly an appeal where the command makes sense (`fits`), so histories reach the later stages; sometimes any. */
const appealOf = (ctx: Context, fits: (appeal: AppealView) => boolean = () => true): string => {
  const fitting = Object.values(ctx.state.appeals.appeals).filter(fits);
  if (fitting.length > 0 && ctx.rng.chance(0.9)) return ctx.rng.pick(fitting).appealId;
  return existing(ctx, ctx.state.appeals.appeals, 'appeal');
};
const running = (appeal: AppealView): boolean => appeal.outcome === null;
const registered = (appeal: AppealView): boolean => running(appeal) && appeal.registeredOn !== null;
const decided = (appeal: AppealView): boolean => appeal.outcome !== null;

/** Order types the tribunal could make on an appeal of these types (reg 43), for a high acceptance rate. */
const fittingOrders = (types: readonly AppealType[], conceded: boolean): OrderType[] => {
  const fits = new Set<OrderType>();
  for (const type of types) {
    if (type === 'REFUSAL_TO_ASSESS' || type === 'REFUSAL_TO_REASSESS') fits.add('ASSESS');
    if (type === 'REFUSAL_TO_ISSUE') fits.add('MAKE_AND_MAINTAIN_PLAN');
    if (type === 'CONTENTS_B' || type === 'CONTENTS_F' || type === 'REFUSAL_TO_AMEND')
      fits.add('AMEND_B_F');
    if (type === 'PLACEMENT_I' || type === 'NO_PLACEMENT_NAMED') fits.add('NAME_SCHOOL');
    if (type === 'CEASE_TO_MAINTAIN') fits.add('CONTINUE_TO_MAINTAIN');
    if (type === 'DISABILITY_DISCRIMINATION' && !conceded)
      fits.add('DISABILITY_DISCRIMINATION_REMEDY');
    else if (!conceded && type !== 'EXTENDED_HSC_RECOMMENDATION')
      fits.add('REFER_BACK_TO_RECONSIDER');
  }
  if (fits.has('AMEND_B_F') && fits.has('NAME_SCHOOL')) fits.add('AMEND_B_F_AND_NAME_SCHOOL');
  return [...fits];
};

const lodgeAppealData = (ctx: Context): DataOf<'LodgeAppeal'> => {
  const { rng } = ctx;
  const appealId = ctx.fresh('appeal');
  const lodgedOn = ctx.past();
  const decisions = Object.entries(ctx.state.process.decisions).filter(
    ([, d]) => (LA_DECISION_KINDS as Record<string, readonly AppealType[]>)[d.kind]?.length,
  );
  if (decisions.length > 0 && rng.chance(0.7)) {
    const [decisionId, decision] = rng.pick(decisions);
    const opens = (LA_DECISION_KINDS as Record<string, readonly AppealType[]>)[decision.kind]!;
    const types = rng.some(opens, 2);
    const extended =
      types.some((t) => RECOMMENDATION_CARRIERS.includes(t)) && rng.chance(0.5)
        ? (['EXTENDED_HSC_RECOMMENDATION'] as const)
        : [];
    return { appealId, appealTypes: [...types, ...extended], lodgedOn, decisionId };
  }
  if (rng.chance(0.15)) {
    return {
      appealId,
      appealTypes: ['DISABILITY_DISCRIMINATION'],
      lodgedOn,
      respondent: {
        kind: 'SCHOOL',
        name: 'Oak Hill Primary',
        urn: rng.chance(0.5) ? '118234' : null,
        localAuthorityCode: rng.chance(0.5) ? ctx.localAuthorityCode : null,
      },
    };
  }
  const types = rng.some(
    APPEAL_TYPES.filter((t) => t !== 'DISABILITY_DISCRIMINATION'),
    2,
  );
  if (
    !types.includes('EXTENDED_HSC_RECOMMENDATION') &&
    types.some((t) => RECOMMENDATION_CARRIERS.includes(t)) &&
    rng.chance(0.3)
  )
    types.push('EXTENDED_HSC_RECOMMENDATION');
  return {
    appealId,
    appealTypes: types,
    lodgedOn,
    decisionLetterOn: rng.chance(0.5) ? addDays(lodgedOn, -rng.int(0, 60)) : null,
  };
};

const outcomeData = (ctx: Context): DataOf<'RecordAppealOutcome'> => {
  const { rng } = ctx;
  const appealId = appealOf(ctx, running);
  const appeal = ctx.state.appeals.appeals[appealId];
  // An extended appeal mostly gets a decision, after which the tribunal's recommendations can be recorded.
  const extended = appeal?.appealTypes.includes('EXTENDED_HSC_RECOMMENDATION') === true;
  const outcome: AppealOutcome = rng.weighted([
    ['DECIDED_IN_FAVOUR', extended ? 6 : 4],
    ['DISMISSED', extended ? 4 : 2],
    ['CONCEDED', 2],
    ['CONSENT_ORDER', 1],
    ['WITHDRAWN', 1],
    ['STRUCK_OUT', 1],
  ]);
  const decidedOn = ctx.past();
  const canOrder = ['DECIDED_IN_FAVOUR', 'CONSENT_ORDER', 'CONCEDED'].includes(outcome);
  const fits = appeal ? fittingOrders(appeal.appealTypes, outcome === 'CONCEDED') : [];
  const orders =
    canOrder && rng.chance(0.75)
      ? Array.from({ length: rng.int(1, 2) }, () => {
          const orderType =
            fits.length > 0 && rng.chance(0.9) ? rng.pick(fits) : rng.pick(ORDER_TYPES);
          const directed =
            orderType === 'DISABILITY_DISCRIMINATION_REMEDY' ||
            (orderType === 'REFER_BACK_TO_RECONSIDER' && rng.chance(0.5));
          return {
            orderId: ctx.fresh('order'),
            orderType,
            ...(rng.chance(0.3) && { madeOn: decidedOn }),
            directedDueOn: directed ? addDays(decidedOn, rng.int(7, 60)) : null,
          };
        })
      : [];
  return {
    appealId,
    outcome,
    extent: outcome === 'DECIDED_IN_FAVOUR' ? rng.pick(DECISION_EXTENTS) : null,
    decidedOn,
    orders,
  };
};

/**
 * One data generator per command type. The mapped type makes the compiler insist on a complete list: a new command
 * type does not compile until it is generated here too, so the properties keep covering the whole decider.
 */
const GENERATORS: {
  readonly [T in Exclude<CommandType, 'OpenCase'>]: (ctx: Context) => DataOf<T>;
} = {
  RequestAssessment: (ctx) => ({
    requestId: ctx.fresh('request'),
    receivedOn: ctx.past(),
    requestedBy: ctx.rng.pick(['PARENT', 'YOUNG_PERSON', 'SCHOOL', 'OTHER'] as const),
  }),
  RequestReassessment: (ctx) => ({ requestId: ctx.fresh('request'), receivedOn: ctx.past() }),
  RecordAdviceRequest: (ctx) => ({
    adviceId: ctx.fresh('advice'),
    from: ctx.rng.pick(['HEALTH_BODY', 'LA', 'SCHOOL'] as const),
    bodyName: ctx.rng.pick(['Kent and Medway ICB', 'Educational psychology service']),
    requestedOn: ctx.past(),
  }),
  RecordAdviceReceived: (ctx) => ({
    adviceId: existing(ctx, ctx.state.process.advice, 'advice'),
    receivedOn: ctx.past(),
  }),
  RecordDecision: (ctx) => ({
    decisionId: ctx.fresh('decision'),
    kind: ctx.rng.pick(LA_DECISION_KIND_NAMES),
    decisionLetterOn: ctx.past(),
    appealRightsStated: ctx.rng.pick([true, true, false, null]),
  }),
  RecordReviewMeeting: (ctx) => ({ reviewId: ctx.fresh('review'), heldOn: ctx.past() }),
  RecordPhaseTransfer: (ctx) => {
    const kind = ctx.rng.pick(TRANSFER_KINDS);
    const transferYear = Number(ctx.today.slice(0, 4)) + ctx.rng.int(0, 1);
    return {
      transferId: ctx.fresh('transfer'),
      kind,
      transferYear,
      transferOn: kind === 'POST16_OTHER' ? `${transferYear}-0${ctx.rng.int(1, 9)}-15` : null,
    };
  },
  RecordException: (ctx) => ({
    exceptionId: ctx.fresh('exception'),
    exception: ctx.rng.pick(Object.keys(EXCEPTION_DESCRIPTIONS) as RecordedException[]),
    recordedOn: ctx.past(),
    note: ctx.rng.chance(0.3) ? 'Away for a month' : null,
  }),
  RecordMediationAdviserContact: (ctx) => ({
    decisionId:
      ctx.rng.chance(0.7) && Object.keys(ctx.state.process.decisions).length > 0
        ? ctx.rng.pick(Object.keys(ctx.state.process.decisions))
        : null,
    contactedOn: ctx.past(),
    mediationWanted: ctx.rng.chance(0.6),
  }),
  RecordMediation: (ctx) => ({ endedOn: ctx.past(), agreementReached: ctx.rng.chance(0.4) }),
  RecordMediationCertificate: (ctx) => ({ issuedOn: ctx.past() }),
  LodgeAppeal: lodgeAppealData,
  RegisterAppeal: (ctx) => ({
    appealId: appealOf(ctx, (a) => running(a) && a.registeredOn === null),
    tribunalReference: `EH${ctx.localAuthorityCode}/${ctx.today.slice(2, 4)}/${ctx.rng.int(10000, 99999)}`,
    registeredOn: ctx.past(),
    responseDueOn: ctx.rng.chance(0.7) ? ctx.ahead(40) : null,
    evidenceDueOn: ctx.rng.chance(0.5) ? ctx.ahead(60) : null,
    hearingOn: ctx.rng.chance(0.3) ? ctx.ahead(120) : null,
  }),
  RecordLaResponse: (ctx) => ({
    appealId: appealOf(ctx, (a) => registered(a) && a.responseReceivedOn === null),
    receivedOn: ctx.past(),
    opposed: ctx.rng.chance(0.7),
  }),
  RecordEvidence: (ctx) => ({
    appealId: appealOf(ctx, registered),
    submittedOn: ctx.past(),
    party: ctx.rng.pick(['FAMILY', 'LA'] as const),
  }),
  RecordHearingBundle: (ctx) => ({ appealId: appealOf(ctx, registered), sentOn: ctx.past() }),
  ScheduleHearing: (ctx) => ({
    appealId: appealOf(ctx, (a) => registered(a) && a.hearingOn === null),
    hearingOn: ctx.ahead(60),
  }),
  AdjournHearing: (ctx) => ({
    appealId: appealOf(ctx, (a) => registered(a) && a.hearingOn !== null),
    adjournedOn: ctx.past(),
    newHearingOn: ctx.rng.chance(0.6) ? ctx.ahead(90) : null,
    reason: ctx.rng.chance(0.5) ? 'Panel member unwell' : null,
  }),
  RecordHearingHeld: (ctx) => ({
    appealId: appealOf(ctx, (a) => registered(a) && a.hearingOn !== null),
    heldOn: ctx.past(),
  }),
  RecordAppealOutcome: outcomeData,
  RecordOrderCompliance: (ctx) => ({
    orderId: existing(ctx, ctx.state.appeals.orders, 'order'),
    compliedOn: ctx.past(),
  }),
  LodgeDecisionChallenge: (ctx) => ({
    appealId: appealOf(ctx, decided),
    challengeId: ctx.fresh('challenge'),
    kind: ctx.rng.pick(CHALLENGE_KINDS),
    lodgedOn: ctx.past(),
    by: ctx.rng.pick(['FAMILY', 'LA'] as const),
  }),
  RecordChallengeDecision: (ctx) => ({
    challengeId: existing(ctx, ctx.state.appeals.challenges, 'challenge'),
    decidedOn: ctx.past(),
    granted: ctx.rng.chance(0.4),
  }),
  RecordHscRecommendations: (ctx) => ({
    appealId: appealOf(
      ctx,
      (a) => decided(a) && a.appealTypes.includes('EXTENDED_HSC_RECOMMENDATION'),
    ),
    recommendationId: ctx.fresh('recommendation'),
    madeOn: ctx.past(),
    addressedTo: ctx.rng.pick(['LA_SOCIAL_CARE', 'HEALTH_BODY'] as const),
  }),
  RecordHscAnswer: (ctx) => ({
    recommendationId: existing(ctx, ctx.state.appeals.recommendations, 'recommendation'),
    answeredOn: ctx.past(),
    followed: ctx.rng.chance(0.5),
  }),
  ReportBreach: (ctx) => {
    const school = ctx.rng.chance(0.3);
    return {
      breachId: ctx.fresh('breach'),
      breachType: ctx.rng.pick(BREACH_TYPES),
      dutyHolder: school
        ? { kind: 'SCHOOL', localAuthorityCode: null, name: 'Oak Hill Primary', urn: '118234' }
        : { kind: 'LA', localAuthorityCode: ctx.localAuthorityCode, name: null, urn: null },
      legalBasis: 'CFA 2014 s.42',
      guidanceReference: ctx.rng.chance(0.3) ? 'SEND Code of Practice 9.42' : null,
      occurredOn: ctx.past(),
      evidenceRefs: ctx.rng.chance(0.3) ? ['letter-2024-10-01'] : [],
      notes: null,
    };
  },
  DetectBreaches: (ctx) => ({ asOf: ctx.today }),
  GrantAccess: (ctx) => ({
    organisation: ctx.rng.pick(ORGANISATIONS),
    expiresOn: ctx.rng.chance(0.5) ? null : ctx.ahead(365),
  }),
  RevokeAccess: (ctx) => ({ organisation: ctx.rng.pick(ORGANISATIONS) }),
  ErasePersonalData: (ctx) => ({
    requestedBy: ctx.rng.pick(['FAMILY', 'FAMILY', 'ADMIN'] as const),
  }),
};

/**
 * How likely each command type is chosen among those the decider accepts at that moment: progress along the
 * statutory process and the appeal more than what is always possible (a new appeal, a breach report, sharing).
 */
const WEIGHT: { readonly [T in Exclude<CommandType, 'OpenCase'>]: number } = {
  // Erasure freezes a case for good, so it is drawn only for cases with a long history already (see below): the
  // properties then cover a rebuild of an erased case (events read as erased) against the purge done incrementally.
  ErasePersonalData: 1,
  RequestAssessment: 1,
  RequestReassessment: 2,
  RecordAdviceRequest: 1,
  RecordAdviceReceived: 3,
  RecordDecision: 2,
  RecordReviewMeeting: 2,
  RecordPhaseTransfer: 2,
  RecordException: 1,
  RecordMediationAdviserContact: 1,
  RecordMediation: 3,
  RecordMediationCertificate: 1,
  LodgeAppeal: 1,
  RegisterAppeal: 4,
  RecordLaResponse: 4,
  RecordEvidence: 2,
  RecordHearingBundle: 2,
  ScheduleHearing: 4,
  AdjournHearing: 2,
  RecordHearingHeld: 4,
  RecordAppealOutcome: 3,
  RecordOrderCompliance: 4,
  LodgeDecisionChallenge: 2,
  RecordChallengeDecision: 4,
  RecordHscRecommendations: 4,
  RecordHscAnswer: 4,
  ReportBreach: 1,
  DetectBreaches: 3,
  GrantAccess: 1,
  RevokeAccess: 1,
};
const COMMAND_TYPES = Object.keys(WEIGHT) as (keyof typeof WEIGHT)[];
const weightOf = (type: CommandType): number => (type === 'OpenCase' ? 1 : WEIGHT[type]);

/** The state of one case while the history is drawn. */
interface CaseSlot {
  readonly caseId: string;
  readonly owner: string;
  readonly localAuthorityCode: string;
  state: CaseState;
  /** Commands accepted on this case so far. */
  steps: number;
  erased: boolean;
}

/** A reproducible history of accepted commands over a few cases; `seed` fixes everything. */
export const generateHistory = (seed: number, options: HistoryOptions = {}): History => {
  const rng = new Rng(seed);
  const target = options.commands ?? rng.int(1, 60);
  const caseCount = options.cases ?? rng.int(1, 4);
  const slots: CaseSlot[] = Array.from({ length: caseCount }, (_, i) => ({
    caseId: `s${seed}-c${i}`,
    owner: `family-${i % 3}`,
    localAuthorityCode: rng.pick(LOCAL_AUTHORITIES),
    state: caseDecider.initialState(),
    steps: 0,
    erased: false,
  }));
  let today = addDays('2023-08-01', rng.int(0, 500));
  let serial = 0;
  let attempts = 0;
  let eventCount = 0;
  const steps: HistoryStep[] = [];
  const maxAttempts = target * 40 * (COMMAND_TYPES.length + 1);

  /** One random command of each type that may apply to the case (only OpenCase before it is open). */
  const candidates = (slot: CaseSlot, actor: string): CaseCommand[] => {
    if (slot.state.status === 'Empty') {
      return [
        {
          type: 'OpenCase',
          data: {
            caseId: slot.caseId,
            localAuthorityCode: slot.localAuthorityCode,
            childLabel: rng.pick(CHILD_LABELS),
          },
          metadata: { actor, today },
        },
      ];
    }
    const ctx: Context = {
      rng,
      caseId: slot.caseId,
      localAuthorityCode: slot.localAuthorityCode,
      today,
      state: slot.state,
      fresh: (kind) => `${slot.caseId}-${kind}-${++serial}`,
      past: () =>
        rng.weighted([
          [today, 8],
          [addDays(today, -rng.int(1, 10)), 2],
          [addDays(today, -rng.int(11, 90)), 1],
        ]),
      ahead: (maxDays) => addDays(today, rng.int(0, maxDays)),
    };
    return COMMAND_TYPES.filter(
      (type) => type !== 'ErasePersonalData' || slot.steps >= ERASE_AFTER_STEPS,
    ).map((type) => {
      const generate = GENERATORS[type] as (ctx: Context) => CaseCommand['data'];
      return { type, data: generate(ctx), metadata: { actor, today } } as CaseCommand;
    });
  };

  while (steps.length < target && attempts < maxAttempts) {
    // An erased case refuses everything from then on: draw only cases still open to commands.
    const live = slots.filter((slot) => !slot.erased);
    if (live.length === 0) break;
    const slot = rng.pick(live);
    const actor = slot.state.status === 'Empty' || !rng.chance(0.2) ? slot.owner : ADVOCATE;
    // One random command of every type for this case; the decider keeps those it accepts, and one of them is
    // chosen by weight. Drawing among accepted commands (rather than retrying blind draws) reaches the rare, deep
    // states (hearings, outcomes with orders, challenges, recommendations) in short histories too.
    const accepted: { command: CaseCommand; events: readonly CaseEvent[]; weight: number }[] = [];
    for (const command of candidates(slot, actor)) {
      attempts++;
      try {
        const events = caseDecider.decide(command, slot.state);
        if (events.length > 0) accepted.push({ command, events, weight: weightOf(command.type) });
      } catch {
        // refused by the decider: not part of the history
      }
    }
    if (accepted.length === 0) continue;
    const { command, events } = rng.weighted(accepted.map((a) => [a, a.weight] as const));
    slot.state = events.reduce((state, event) => caseDecider.evolve(state, event), slot.state);
    slot.steps++;
    if (command.type === 'ErasePersonalData') slot.erased = true;
    const now = new Date(`${today}T09:00:00.000Z`);
    now.setUTCSeconds(steps.length);
    steps.push({ caseId: slot.caseId, actor, now, command, events });
    eventCount += events.length;
    // Time passes between commands: sometimes not at all, sometimes weeks (so deadlines are missed and detected).
    today = addDays(
      today,
      rng.weighted([
        [0, 3],
        [rng.int(1, 7), 4],
        [rng.int(8, 40), 3],
      ]),
    );
  }
  return { seed, steps, attempts, eventCount };
};
