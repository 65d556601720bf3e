import type { DeadlineInput, OrderAction } from '../deadlines/deadline-input';
import { computeDeadline, type DeadlineRuleId } from '../deadlines/deadline-rules';
import { daysBetween } from '../deadlines/local-date';
import type { AppealType, OrderBasis, OrderType } from './case.types';

/**
 * Which statutory deadline an order starts (send-domain §1.7): the reg 44 period after a tribunal order, the reg 45
 * period after the LA did not oppose, or the reg 44 period applied by reg 42 to a mediation agreement.
 */
export interface OrderDeadlineRule {
  readonly ruleId: DeadlineRuleId;
  /** The `DeadlineInput` field that takes the order's `madeOn`. */
  readonly startField: 'orderMadeOn' | 'laNotifiedTribunalOn' | 'agreementMadeOn';
  /** Further facts the rule reads (reg 45 Section I: combined with a contents appeal; reg 42: the agreed action). */
  readonly facts: Pick<DeadlineInput, 'combinedWithContentsAppeal' | 'agreedAction'>;
}

/** The duties an order is measured by (the later steps of a chain are tracked elsewhere). */
type MeasuredAction = Exclude<
  OrderAction,
  'ASSESS_NO_PLAN_NOTICE' | 'ASSESS_FINAL_PLAN' | 'MAKE_PLAN_DRAFT'
>;

/**
 * The LA's duty each order type stands for. ASSESS is a chain (notify 2 weeks, then no-plan notice 10 weeks or final
 * plan 14 weeks); which final step applies depends on what the LA decides later, so an order is measured by the LA's
 * first duty, ASSESS_NOTIFY. MAKE_AND_MAINTAIN_PLAN is measured by the final plan (11 weeks); AMEND_B_F_AND_NAME_SCHOOL
 * by the later of its two periods (Sections B/F, 5 weeks). Refer-back and discrimination remedies have no period in
 * the regulations (§1.7, §1.10): the tribunal's own date applies.
 */
const ORDER_ACTIONS: Record<OrderType, MeasuredAction | null> = {
  ASSESS: 'ASSESS_NOTIFY',
  MAKE_AND_MAINTAIN_PLAN: 'MAKE_PLAN_FINAL',
  AMEND_B_F: 'AMEND_BF',
  NAME_SCHOOL: 'NAME_SCHOOL',
  AMEND_B_F_AND_NAME_SCHOOL: 'AMEND_BF',
  CONTINUE_TO_MAINTAIN: 'CONTINUE_TO_MAINTAIN',
  REFER_BACK_TO_RECONSIDER: null,
  DISABILITY_DISCRIMINATION_REMEDY: null,
};

const REG44_RULES: Record<MeasuredAction, DeadlineRuleId> = {
  ASSESS_NOTIFY: 'REG44_ASSESS_NOTIFY',
  MAKE_PLAN_FINAL: 'REG44_MAKE_PLAN_FINAL',
  AMEND_BF: 'REG44_AMEND_BF',
  NAME_SCHOOL: 'REG44_NAME_SCHOOL',
  CONTINUE_TO_MAINTAIN: 'REG44_CONTINUE_TO_MAINTAIN',
};
const REG45_RULES: Record<MeasuredAction, DeadlineRuleId> = {
  ASSESS_NOTIFY: 'REG45_ASSESS_NOTIFY',
  MAKE_PLAN_FINAL: 'REG45_MAKE_PLAN_FINAL',
  AMEND_BF: 'REG45_AMEND_BF',
  NAME_SCHOOL: 'REG45_NAME_SCHOOL',
  CONTINUE_TO_MAINTAIN: 'REG45_CONTINUE_TO_MAINTAIN',
};

const CONTENTS_TYPES: readonly AppealType[] = ['CONTENTS_B', 'CONTENTS_F'];

/**
 * The deadline rule for an order, or null when the regulations set none (the order's `directedDueOn`, if any, is
 * then the due date). `appealTypes` are the types of the appeal the order was made on.
 */
export const orderDeadlineRule = (
  orderType: OrderType,
  basis: OrderBasis,
  appealTypes: readonly AppealType[],
): OrderDeadlineRule | null => {
  const action = ORDER_ACTIONS[orderType];
  if (action === null) return null;
  switch (basis) {
    case 'TRIBUNAL_ORDER':
      return { ruleId: REG44_RULES[action], startField: 'orderMadeOn', facts: {} };
    case 'UNOPPOSED_APPEAL':
      // reg 45: Section I alone 2 weeks, 5 weeks when the appeal was also about Sections B/F (§1.7).
      return {
        ruleId: REG45_RULES[action],
        startField: 'laNotifiedTribunalOn',
        facts:
          action === 'NAME_SCHOOL'
            ? { combinedWithContentsAppeal: appealTypes.some((t) => CONTENTS_TYPES.includes(t)) }
            : {},
      };
    case 'MEDIATION_AGREEMENT':
      // reg 42: the LA complies within the reg 44 time limits, as if the tribunal had ordered it (§1.3).
      return {
        ruleId: 'REG42_AGREEMENT_APPEALABLE',
        startField: 'agreementMadeOn',
        facts: { agreedAction: action },
      };
  }
};

/** The order as `orderDueOn` needs it. */
export interface OrderDueInput {
  readonly orderType: OrderType;
  readonly basis: OrderBasis;
  readonly madeOn: string;
  readonly directedDueOn: string | null;
}

/** The date the LA must comply by: the statutory date, else the tribunal's directed date, else null. */
export const orderDueOn = (
  order: OrderDueInput,
  appealTypes: readonly AppealType[],
): string | null => {
  const rule = orderDeadlineRule(order.orderType, order.basis, appealTypes);
  if (rule === null) return order.directedDueOn;
  const input: DeadlineInput = { ...rule.facts, [rule.startField]: order.madeOn };
  return computeDeadline(rule.ruleId, input).dueOn;
};

/** Whole days after the due date (0 when on time or when there is no due date). */
export const daysLate = (dueOn: string | null, compliedOn: string): number =>
  dueOn === null ? 0 : Math.max(0, daysBetween(dueOn, compliedOn));
