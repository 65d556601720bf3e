import { InvalidInput, InvalidTransition } from '../domain-error';
import { bound, directedDate, pastDate, requireId } from './appeal-guards.decide';
import type { OrderInput, RecordOrderCompliance } from './appeal.commands';
import type { OrderComplied, TribunalOrderMade } from './appeal.events';
import type { AppealState } from './appeal.state';
import type { OpenCaseState } from './case.state';
import {
  ORDER_TYPES,
  type AppealOutcome,
  type AppealType,
  type OrderBasis,
  type OrderType,
  SEN_APPEAL_TYPES,
} from './case.types';
import { daysLate, orderDueOn } from './order-deadline';

/** Tribunal orders (reg 43/44), duties after an unopposed appeal (reg 45), and the LA's compliance (§1.7). */

export const MAX_ORDERS = 10;

const B_F: readonly AppealType[] = ['CONTENTS_B', 'CONTENTS_F', 'REFUSAL_TO_AMEND'];
const SECTION_I: readonly AppealType[] = ['PLACEMENT_I', 'NO_PLACEMENT_NAMED'];
const SEN_TYPES = SEN_APPEAL_TYPES;

/**
 * Reg 43 powers: each order answers the decision appealed. Every group listed must be matched by one appeal type
 * (AMEND_B_F_AND_NAME_SCHOOL needs both a B/F and a Section I type).
 */
const ORDER_FITS: Record<
  OrderType,
  { readonly groups: readonly (readonly AppealType[])[]; readonly needs: string }
> = {
  ASSESS: {
    groups: [['REFUSAL_TO_ASSESS', 'REFUSAL_TO_REASSESS']],
    needs: 'an appeal against a refusal to assess or re-assess',
  },
  MAKE_AND_MAINTAIN_PLAN: {
    groups: [['REFUSAL_TO_ISSUE']],
    needs: 'an appeal against a refusal to issue an EHC plan',
  },
  AMEND_B_F: {
    groups: [B_F],
    needs: 'an appeal about Sections B or F, or against a refusal to amend the plan',
  },
  NAME_SCHOOL: {
    groups: [SECTION_I],
    needs: 'an appeal about the school named in Section I (or no school being named)',
  },
  AMEND_B_F_AND_NAME_SCHOOL: {
    groups: [B_F, SECTION_I],
    needs: 'an appeal about both Sections B/F and Section I',
  },
  CONTINUE_TO_MAINTAIN: {
    groups: [['CEASE_TO_MAINTAIN']],
    needs: 'an appeal against a decision to cease the plan',
  },
  REFER_BACK_TO_RECONSIDER: { groups: [SEN_TYPES], needs: 'an appeal about an EHC decision' },
  DISABILITY_DISCRIMINATION_REMEDY: {
    groups: [['DISABILITY_DISCRIMINATION']],
    needs: 'a disability discrimination claim',
  },
};

/** Reg 45 lists these duties only (§1.7): no refer-back, and a discrimination claim is outside the SEND Regs. */
const UNOPPOSED_ORDER_TYPES: readonly OrderType[] = [
  'ASSESS',
  'MAKE_AND_MAINTAIN_PLAN',
  'AMEND_B_F',
  'NAME_SCHOOL',
  'AMEND_B_F_AND_NAME_SCHOOL',
  'CONTINUE_TO_MAINTAIN',
];

/** Orders with no period in the regulations: the tribunal may set its own date (required for a remedy). */
const DIRECTED: Partial<Record<OrderType, 'REQUIRED' | 'OPTIONAL'>> = {
  DISABILITY_DISCRIMINATION_REMEDY: 'REQUIRED',
  REFER_BACK_TO_RECONSIDER: 'OPTIONAL',
};

/** Where the LA's duty comes from, given how the appeal ended (§1.5–§1.7); null when no order can follow. */
const basisFor = (outcome: AppealOutcome): OrderBasis | null => {
  switch (outcome) {
    case 'DECIDED_IN_FAVOUR':
    case 'CONSENT_ORDER':
      return 'TRIBUNAL_ORDER'; // reg 44
    case 'CONCEDED':
      return 'UNOPPOSED_APPEAL'; // reg 45: from the day the LA notified the tribunal
    default:
      return null;
  }
};

const checkOrder = (
  order: OrderInput,
  index: number,
  context: {
    readonly appeal: AppealState;
    readonly basis: OrderBasis;
    readonly decidedOn: string;
    readonly today: string;
  },
): TribunalOrderMade => {
  const field = (name: string) => `orders[${index}].${name}`;
  const orderId = requireId(field('orderId'), order.orderId);
  if (!(ORDER_TYPES as readonly string[]).includes(order.orderType)) {
    throw new InvalidInput(field('orderType'), 'Unknown order type.');
  }
  const { orderType } = order;
  const fit = ORDER_FITS[orderType];
  const { appealTypes } = context.appeal;
  if (!fit.groups.every((group) => group.some((type) => appealTypes.includes(type)))) {
    throw new InvalidInput(
      field('orderType'),
      `A ${orderType} order needs ${fit.needs}; this appeal is about ${appealTypes.join(', ')}.`,
    );
  }
  if (context.basis === 'UNOPPOSED_APPEAL' && !UNOPPOSED_ORDER_TYPES.includes(orderType)) {
    throw new InvalidInput(
      field('orderType'),
      `When the council concedes, regulation 45 sets its duties to assess, make, amend or keep the plan; a ${orderType} needs a decision or consent order of the tribunal.`,
    );
  }
  // §1.7: the clock runs from the day the order is sent with the decision (reg 45: the LA's notification).
  const madeOn = pastDate(
    field('madeOn'),
    order.madeOn ?? context.decidedOn,
    context.today,
    bound('the date of the outcome', context.decidedOn),
  );
  const directed = DIRECTED[orderType];
  const due = order.directedDueOn ?? null;
  if (directed === 'REQUIRED' && due === null) {
    throw new InvalidInput(
      field('directedDueOn'),
      'The regulations set no time limit for this order: give the date the tribunal set.',
    );
  }
  if (directed === undefined && due !== null) {
    throw new InvalidInput(
      field('directedDueOn'),
      'The regulations set the time limit for this order (regulations 44/45); leave the tribunal’s date empty.',
    );
  }
  const directedDueOn =
    due === null
      ? null
      : directedDate(field('directedDueOn'), due, bound('the date of the order', madeOn));
  return {
    type: 'TribunalOrderMade',
    data: {
      appealId: context.appeal.appealId,
      orderId,
      orderType,
      basis: context.basis,
      madeOn,
      directedDueOn,
    },
  };
};

/** The orders sent with an outcome: at most 10, unique ids, each fitting the appeal and the way it ended. */
export const ordersWithOutcome = (
  orders: readonly OrderInput[],
  state: OpenCaseState,
  context: {
    readonly appeal: AppealState;
    readonly outcome: AppealOutcome;
    readonly decidedOn: string;
    readonly today: string;
  },
): TribunalOrderMade[] => {
  if (orders.length === 0) return [];
  const basis = basisFor(context.outcome);
  if (basis === null) {
    throw new InvalidInput(
      'orders',
      `An appeal that ended as ${context.outcome} leaves the council nothing to do, so it has no orders. Orders come with a decision in the family’s favour, a consent order, or the council conceding.`,
    );
  }
  if (orders.length > MAX_ORDERS) {
    throw new InvalidInput(
      'orders',
      `At most ${MAX_ORDERS} orders can be recorded with one outcome.`,
    );
  }
  const seen = new Set<string>();
  return orders.map((order, index) => {
    if (seen.has(order.orderId)) {
      throw new InvalidInput(`orders[${index}].orderId`, 'Each order needs its own id.');
    }
    seen.add(order.orderId);
    if (state.appeals.orders[order.orderId]) {
      throw new InvalidTransition('An order with this id is already recorded on this case.');
    }
    return checkOrder(order, index, { ...context, basis });
  });
};

export const recordOrderCompliance = (
  command: RecordOrderCompliance,
  state: OpenCaseState,
): OrderComplied => {
  const { orderId } = command.data;
  const order = state.appeals.orders[orderId];
  if (!order) {
    throw new InvalidTransition(
      'No order with this id was recorded on this case, so the council cannot have complied with it.',
    );
  }
  if (order.compliedOn !== null) {
    throw new InvalidTransition(
      `The council’s compliance with this order is already recorded (on ${order.compliedOn}).`,
    );
  }
  if (order.setAsideOn !== null) {
    throw new InvalidTransition(
      `The decision that made this order was set aside on ${order.setAsideOn}, so the council no longer owes it.`,
    );
  }
  const compliedOn = pastDate(
    'compliedOn',
    command.data.compliedOn,
    command.metadata.today,
    bound('the date the order was made', order.madeOn),
  );
  // Reg 44/45/42 due date fixed now, so the record says how late the council was (§1.7 "enforcement gap").
  const appealTypes = state.appeals.appeals[order.appealId]?.appealTypes ?? [];
  const dueOn = orderDueOn(order, appealTypes);
  return {
    type: 'OrderComplied',
    data: { orderId, compliedOn, dueOn, daysLate: daysLate(dueOn, compliedOn) },
  };
};
