import {
  orderDueOn,
  type AppealOutcome,
  type AppealType,
  type CaseEvent,
  type DecisionExtent,
  type OrderBasis,
  type OrderType,
} from '@app/domain';
import { halfYearOf } from '../disclosure/periods';

/**
 * The statistics read model, folded per case: the appeals (LA, types, dates, outcome) and the tribunal orders (due
 * date, compliance) of one case, with nothing personal. Pure: the projection stores it and derives rows and
 * pre-aggregated counters from it.
 */

/** The events this read model reads; every other event of the log is skipped. */
export const STATISTICS_EVENTS = [
  'CaseOpened',
  'AppealLodged',
  'AppealRegistered',
  'AppealOutcomeRecorded',
  'TribunalOrderMade',
  'OrderComplied',
] as const satisfies readonly CaseEvent['type'][];

export interface StatsAppeal {
  readonly appealId: string;
  readonly appealTypes: readonly AppealType[];
  readonly lodgedOn: string;
  readonly registeredOn: string | null;
  readonly outcome: AppealOutcome | null;
  readonly extent: DecisionExtent | null;
  readonly decidedOn: string | null;
}

export interface StatsOrder {
  readonly orderId: string;
  readonly appealId: string;
  readonly orderType: OrderType;
  readonly basis: OrderBasis;
  readonly madeOn: string;
  /** The statutory due date (reg 42/44/45 via the deadline engine), else the tribunal's date, else null. */
  readonly dueOn: string | null;
  readonly compliedOn: string | null;
  /** Fixed when compliance was recorded (0 when on time); null while outstanding. */
  readonly daysLate: number | null;
}

export interface StatsCase {
  readonly caseId: string;
  /** The family's user id: only to find "my cases" for the exact view of one's own cases. */
  readonly ownerId: string;
  readonly localAuthorityCode: string;
  /** Stream version folded so far: events at or below it are already in (replays are skipped). */
  readonly version: number;
  readonly appeals: readonly StatsAppeal[];
  readonly orders: readonly StatsOrder[];
}

export interface StatsEvent {
  readonly caseId: string;
  readonly event: CaseEvent;
  readonly streamVersion: number;
}

const withAppeal = (
  state: StatsCase,
  appealId: string,
  change: (appeal: StatsAppeal) => StatsAppeal,
): StatsCase => ({
  ...state,
  appeals: state.appeals.map((a) => (a.appealId === appealId ? change(a) : a)),
});

/** A due date the deadline engine cannot compute (e.g. beyond its bank-holiday table) is left unknown. */
const dueDateOf = (
  order: {
    orderType: OrderType;
    basis: OrderBasis;
    madeOn: string;
    directedDueOn: string | null;
  },
  appealTypes: readonly AppealType[],
): string | null => {
  try {
    return orderDueOn(order, appealTypes);
  } catch {
    return order.directedDueOn;
  }
};

export const evolveStatsCase = (state: StatsCase | null, input: StatsEvent): StatsCase | null => {
  const { event, streamVersion } = input;
  if (event.type === 'CaseOpened') {
    if (state) return state;
    return {
      caseId: event.data.caseId,
      ownerId: event.data.ownerId,
      localAuthorityCode: event.data.localAuthorityCode,
      version: streamVersion,
      appeals: [],
      orders: [],
    };
  }
  if (!state || streamVersion <= state.version) return state;
  const next = applyEvent(state, event);
  return { ...next, version: streamVersion };
};

const applyEvent = (state: StatsCase, event: CaseEvent): StatsCase => {
  switch (event.type) {
    case 'AppealLodged': {
      const d = event.data;
      if (state.appeals.some((a) => a.appealId === d.appealId)) return state;
      const appeal: StatsAppeal = {
        appealId: d.appealId,
        appealTypes: [...new Set(d.appealTypes)].sort(),
        lodgedOn: d.lodgedOn,
        registeredOn: null,
        outcome: null,
        extent: null,
        decidedOn: null,
      };
      return { ...state, appeals: [...state.appeals, appeal] };
    }
    case 'AppealRegistered':
      return withAppeal(state, event.data.appealId, (a) => ({
        ...a,
        registeredOn: event.data.registeredOn,
      }));
    case 'AppealOutcomeRecorded':
      return withAppeal(state, event.data.appealId, (a) => ({
        ...a,
        outcome: event.data.outcome,
        extent: event.data.outcome === 'DECIDED_IN_FAVOUR' ? event.data.extent : null,
        decidedOn: event.data.decidedOn,
      }));
    case 'TribunalOrderMade': {
      const d = event.data;
      if (state.orders.some((o) => o.orderId === d.orderId)) return state;
      const types = state.appeals.find((a) => a.appealId === d.appealId)?.appealTypes ?? [];
      const order: StatsOrder = {
        orderId: d.orderId,
        appealId: d.appealId,
        orderType: d.orderType,
        basis: d.basis,
        madeOn: d.madeOn,
        dueOn: dueDateOf(d, types),
        compliedOn: null,
        daysLate: null,
      };
      return { ...state, orders: [...state.orders, order] };
    }
    case 'OrderComplied': {
      const d = event.data;
      return {
        ...state,
        orders: state.orders.map((o) =>
          o.orderId === d.orderId
            ? { ...o, compliedOn: d.compliedOn, dueOn: d.dueOn ?? o.dueOn, daysLate: d.daysLate }
            : o,
        ),
      };
    }
    default:
      return state;
  }
};

/** The counted measures of an appeal (decided and decided-in-favour are sums of these). */
export const APPEAL_MEASURES = [
  'registered',
  'withdrawn',
  'conceded',
  'consentOrders',
  'struckOut',
  'decidedInFavourInFull',
  'decidedInFavourInPart',
  'dismissed',
] as const;
export type AppealMeasure = (typeof APPEAL_MEASURES)[number];

/** `*` counts the appeal once (all types); a type counts it once per type it has. */
export type AppealTypeSlot = AppealType | '*';

export interface AppealCount {
  readonly measure: AppealMeasure;
  readonly localAuthorityCode: string;
  readonly halfYear: string;
  readonly appealType: AppealTypeSlot;
  readonly count: number;
}

/** Which measure an outcome counts in (send-domain §1.6). */
export const outcomeMeasure = (
  outcome: AppealOutcome,
  extent: DecisionExtent | null,
): AppealMeasure => {
  switch (outcome) {
    case 'WITHDRAWN':
      return 'withdrawn';
    case 'CONCEDED':
      return 'conceded';
    case 'CONSENT_ORDER':
      return 'consentOrders';
    case 'STRUCK_OUT':
      return 'struckOut';
    case 'DECIDED_IN_FAVOUR':
      return extent === 'IN_PART' ? 'decidedInFavourInPart' : 'decidedInFavourInFull';
    case 'DISMISSED':
      return 'dismissed';
  }
};

/**
 * The date that puts an appeal in a period: registration (lodging until the tribunal registers it) for
 * `registered`; the outcome date for the outcomes.
 */
export const registrationDateOf = (appeal: StatsAppeal): string =>
  appeal.registeredOn ?? appeal.lodgedOn;

/** The counts one appeal contributes: once under `*` and once per appeal type, for each measure it is in. */
export const appealCounts = (localAuthorityCode: string, appeal: StatsAppeal): AppealCount[] => {
  const slots: AppealTypeSlot[] = ['*', ...appeal.appealTypes];
  const at = (measure: AppealMeasure, date: string): AppealCount[] =>
    slots.map((appealType) => ({
      measure,
      localAuthorityCode,
      halfYear: halfYearOf(date),
      appealType,
      count: 1,
    }));
  const counts = at('registered', registrationDateOf(appeal));
  if (appeal.outcome !== null && appeal.decidedOn !== null) {
    counts.push(...at(outcomeMeasure(appeal.outcome, appeal.extent), appeal.decidedOn));
  }
  return counts;
};

export const countKey = (c: Omit<AppealCount, 'count'>): string =>
  `${c.measure}|${c.localAuthorityCode}|${c.halfYear}|${c.appealType}`;

/** Counts of a case as key → count (for the difference a batch makes to the counters). */
export const caseCounts = (state: StatsCase | null): Map<string, AppealCount> => {
  const counts = new Map<string, AppealCount>();
  if (!state) return counts;
  for (const appeal of state.appeals) {
    for (const count of appealCounts(state.localAuthorityCode, appeal)) {
      const key = countKey(count);
      const seen = counts.get(key);
      counts.set(key, seen ? { ...seen, count: seen.count + count.count } : count);
    }
  }
  return counts;
};
