import type { AppealType, OrderBasis, OrderType } from './case.types';
import { ORDER_TYPES } from './case.types';
import { daysLate, orderDeadlineRule, orderDueOn } from './order-deadline';

// send-domain §1.7: which reg 44 / reg 45 / reg 42 rule an order starts.
describe('orderDeadlineRule', () => {
  it.each([
    ['ASSESS', 'REG44_ASSESS_NOTIFY', 'REG45_ASSESS_NOTIFY', 'ASSESS_NOTIFY'],
    ['MAKE_AND_MAINTAIN_PLAN', 'REG44_MAKE_PLAN_FINAL', 'REG45_MAKE_PLAN_FINAL', 'MAKE_PLAN_FINAL'],
    ['AMEND_B_F', 'REG44_AMEND_BF', 'REG45_AMEND_BF', 'AMEND_BF'],
    ['NAME_SCHOOL', 'REG44_NAME_SCHOOL', 'REG45_NAME_SCHOOL', 'NAME_SCHOOL'],
    ['AMEND_B_F_AND_NAME_SCHOOL', 'REG44_AMEND_BF', 'REG45_AMEND_BF', 'AMEND_BF'],
    [
      'CONTINUE_TO_MAINTAIN',
      'REG44_CONTINUE_TO_MAINTAIN',
      'REG45_CONTINUE_TO_MAINTAIN',
      'CONTINUE_TO_MAINTAIN',
    ],
  ] as const)(
    '%s → %s (order), %s (unopposed), reg 42 with %s',
    (orderType, reg44, reg45, action) => {
      expect(orderDeadlineRule(orderType, 'TRIBUNAL_ORDER', sectionF)).toEqual({
        ruleId: reg44,
        startField: 'orderMadeOn',
        facts: {},
      });
      expect(orderDeadlineRule(orderType, 'UNOPPOSED_APPEAL', sectionF)).toMatchObject({
        ruleId: reg45,
        startField: 'laNotifiedTribunalOn',
      });
      expect(orderDeadlineRule(orderType, 'MEDIATION_AGREEMENT', sectionF)).toEqual({
        ruleId: 'REG42_AGREEMENT_APPEALABLE',
        startField: 'agreementMadeOn',
        facts: { agreedAction: action },
      });
    },
  );

  it.each(['REFER_BACK_TO_RECONSIDER', 'DISABILITY_DISCRIMINATION_REMEDY'] as const)(
    'has no statutory rule for %s under any basis',
    (orderType) =>
      BASES.forEach((basis) => expect(orderDeadlineRule(orderType, basis, sectionF)).toBeNull()),
  );

  it.each([
    [['CONTENTS_F', 'PLACEMENT_I'], true],
    [['CONTENTS_B', 'NO_PLACEMENT_NAMED'], true],
    [['PLACEMENT_I'], false],
    [['REFUSAL_TO_AMEND', 'PLACEMENT_I'], false],
  ] as [AppealType[], boolean][])(
    'reg 45 Section I on %p: combined with a contents appeal = %p',
    (appealTypes, combined) =>
      expect(orderDeadlineRule('NAME_SCHOOL', 'UNOPPOSED_APPEAL', appealTypes)?.facts).toEqual({
        combinedWithContentsAppeal: combined,
      }),
  );

  it('covers every order type and basis without throwing', () => {
    for (const orderType of ORDER_TYPES as readonly OrderType[]) {
      for (const basis of BASES) {
        expect(() =>
          orderDueOn({ orderType, basis, madeOn: '2025-03-03', directedDueOn: null }, sectionF),
        ).not.toThrow();
      }
    }
  });
});

describe('orderDueOn and daysLate', () => {
  it.each([
    ['AMEND_B_F', 'TRIBUNAL_ORDER', '2025-03-03', null, '2025-04-07', '3 Mar + 5 weeks'],
    [
      'NAME_SCHOOL',
      'UNOPPOSED_APPEAL',
      '2024-12-20',
      null,
      '2025-01-24',
      'reg 45, with contents: 5 weeks',
    ],
    [
      'ASSESS',
      'UNOPPOSED_APPEAL',
      '2025-03-03',
      null,
      '2025-03-17',
      'reg 45(3): notify within 2 weeks',
    ],
    [
      'MAKE_AND_MAINTAIN_PLAN',
      'MEDIATION_AGREEMENT',
      '2025-03-03',
      null,
      '2025-05-19',
      'reg 42 → 11 weeks',
    ],
    ['CONTINUE_TO_MAINTAIN', 'TRIBUNAL_ORDER', '2025-03-03', null, '2025-03-03', 'immediately'],
    [
      'DISABILITY_DISCRIMINATION_REMEDY',
      'TRIBUNAL_ORDER',
      '2025-03-03',
      '2025-04-30',
      '2025-04-30',
      'tribunal’s date',
    ],
    ['REFER_BACK_TO_RECONSIDER', 'TRIBUNAL_ORDER', '2025-03-03', null, null, 'no date at all'],
  ] as [OrderType, OrderBasis, string, string | null, string | null, string][])(
    '%s (%s) sent %s, directed %p → due %p (%s)',
    (orderType, basis, madeOn, directedDueOn, due, _why) =>
      expect(orderDueOn({ orderType, basis, madeOn, directedDueOn }, sectionFAndI)).toBe(due),
  );

  it.each([
    ['2025-04-07', '2025-04-10', 3],
    ['2025-04-07', '2025-04-07', 0],
    ['2025-04-07', '2025-04-01', 0],
    ['2024-12-30', '2025-01-02', 3],
    [null, '2025-04-10', 0],
  ] as [string | null, string, number][])(
    'due %p, complied %s → %i days late',
    (dueOn, compliedOn, late) => expect(daysLate(dueOn, compliedOn)).toBe(late),
  );
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const BASES: readonly OrderBasis[] = ['TRIBUNAL_ORDER', 'UNOPPOSED_APPEAL', 'MEDIATION_AGREEMENT'];
const sectionF: readonly AppealType[] = ['CONTENTS_F'];
const sectionFAndI: readonly AppealType[] = ['CONTENTS_F', 'PLACEMENT_I'];
