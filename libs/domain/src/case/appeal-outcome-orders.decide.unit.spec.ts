import type { OrderInput } from './appeal.commands';
import type { AppealType, OrderType } from './case.types';
import {
  caseOpened,
  command,
  decided,
  expectField,
  given,
  heardAppeal,
  lodged,
  loose,
  orderMade,
  registered,
  type CommandData,
} from './appeal.spec-helper';

// send-domain §1.7: orders sent with the outcome — reg 43/44 tribunal orders and reg 45 duties after a concession.
describe('RecordAppealOutcome with orders', () => {
  it('emits one order per item, sent with the decision by default (reg 44)', () =>
    given(heardAppeal)
      .when(withOrders([{ orderId: 'order-1', orderType: 'AMEND_B_F' }]))
      .then([decided(), orderMade()]));

  it('takes reg 45 as the basis when the council concedes, from its notification', () =>
    given([caseOpened, lodged(), registered()])
      .when(
        withOrders([{ orderId: 'order-1', orderType: 'AMEND_B_F' }], {
          outcome: 'CONCEDED',
          extent: null,
          decidedOn: '2024-12-20',
        }),
      )
      .then([
        decided({ outcome: 'CONCEDED', extent: null, decidedOn: '2024-12-20', unopposed: true }),
        orderMade({ basis: 'UNOPPOSED_APPEAL', madeOn: '2024-12-20' }),
      ]));

  it('keeps a later sending date and a consent order’s basis', () =>
    given(heardAppeal)
      .when(
        withOrders([{ orderId: 'order-1', orderType: 'AMEND_B_F', madeOn: '2025-03-05' }], {
          outcome: 'CONSENT_ORDER',
          extent: null,
        }),
      )
      .then([
        decided({ outcome: 'CONSENT_ORDER', extent: null }),
        orderMade({ madeOn: '2025-03-05' }),
      ]));

  it.each([
    ['ASSESS', ['REFUSAL_TO_REASSESS'], ['CONTENTS_F']],
    ['MAKE_AND_MAINTAIN_PLAN', ['REFUSAL_TO_ISSUE'], ['REFUSAL_TO_ASSESS']],
    ['AMEND_B_F', ['REFUSAL_TO_AMEND'], ['PLACEMENT_I']],
    ['NAME_SCHOOL', ['NO_PLACEMENT_NAMED'], ['CONTENTS_B']],
    ['AMEND_B_F_AND_NAME_SCHOOL', ['CONTENTS_B', 'PLACEMENT_I'], ['CONTENTS_B']],
    ['CONTINUE_TO_MAINTAIN', ['CEASE_TO_MAINTAIN'], ['REFUSAL_TO_AMEND']],
    ['REFER_BACK_TO_RECONSIDER', ['CEASE_TO_MAINTAIN'], ['DISABILITY_DISCRIMINATION']],
    ['DISABILITY_DISCRIMINATION_REMEDY', ['DISABILITY_DISCRIMINATION'], ['CONTENTS_F']],
  ] as [OrderType, AppealType[], AppealType[]][])(
    'fits %s to an appeal about %p but not %p',
    (orderType, fits, misfits) => {
      const order = { orderId: 'order-1', orderType, ...directed(orderType) };
      given([caseOpened, lodged({ appealTypes: fits })])
        .when(withOrders([order]))
        .then([decided(), orderMade({ orderType, directedDueOn: order.directedDueOn ?? null })]);
      const error = given([caseOpened, lodged({ appealTypes: misfits })])
        .when(withOrders([order]))
        .thrown('BAD_USER_INPUT', /needs/);
      expectField(error, 'orders[0].orderType');
    },
  );

  it.each([
    [
      'a withdrawn appeal',
      [{ orderId: 'o', orderType: 'AMEND_B_F' }],
      { outcome: 'WITHDRAWN', extent: null },
      'orders',
      /nothing to do/,
    ],
    [
      'a dismissed appeal',
      [{ orderId: 'o', orderType: 'AMEND_B_F' }],
      { outcome: 'DISMISSED', extent: null },
      'orders',
      /no orders/,
    ],
    ['eleven orders', elevenOrders(), {}, 'orders', /At most 10/],
    [
      'the same id twice',
      [
        { orderId: 'o', orderType: 'AMEND_B_F' },
        { orderId: 'o', orderType: 'AMEND_B_F' },
      ],
      {},
      'orders[1].orderId',
      /own id/,
    ],
    ['a blank id', [{ orderId: ' ', orderType: 'AMEND_B_F' }], {}, 'orders[0].orderId', /empty/],
    [
      'an unknown type',
      [{ orderId: 'o', orderType: 'PAY_COMPENSATION' }],
      {},
      'orders[0].orderType',
      /Unknown/,
    ],
    [
      'a refer-back after a concession',
      [{ orderId: 'o', orderType: 'REFER_BACK_TO_RECONSIDER' }],
      { outcome: 'CONCEDED', extent: null },
      'orders[0].orderType',
      /regulation 45/,
    ],
    [
      'an order sent before the decision',
      [{ orderId: 'o', orderType: 'AMEND_B_F', madeOn: '2025-03-02' }],
      {},
      'orders[0].madeOn',
      /earlier than the date of the outcome/,
    ],
    [
      'an order sent after today',
      [{ orderId: 'o', orderType: 'AMEND_B_F', madeOn: '2025-06-11' }],
      {},
      'orders[0].madeOn',
      /today/,
    ],
    [
      'a tribunal date on a reg 44 order',
      [{ orderId: 'o', orderType: 'AMEND_B_F', directedDueOn: '2025-04-01' }],
      {},
      'orders[0].directedDueOn',
      /regulations set/,
    ],
    [
      'a tribunal date before the order',
      [{ orderId: 'o', orderType: 'REFER_BACK_TO_RECONSIDER', directedDueOn: '2025-03-01' }],
      {},
      'orders[0].directedDueOn',
      /earlier/,
    ],
  ])('rejects %s', (_name, orders, change, field, message) => {
    const error = given(heardAppeal)
      .when(loose('RecordAppealOutcome', { ...outcomeData(), orders, ...change }))
      .thrown('BAD_USER_INPUT', message);
    expectField(error, field);
  });

  it('rejects a remedy without the tribunal’s date', () =>
    expectField(
      given([caseOpened, lodged({ appealTypes: ['DISABILITY_DISCRIMINATION'] })])
        .when(withOrders([{ orderId: 'o', orderType: 'DISABILITY_DISCRIMINATION_REMEDY' }]))
        .thrown('BAD_USER_INPUT', /give the date the tribunal set/),
      'orders[0].directedDueOn',
    ));

  it('refuses an order id already used on the case', () =>
    given([...heardAppeal, lodged({ appealId: 'appeal-0' }), orderMade({ appealId: 'appeal-0' })])
      .when(withOrders([{ orderId: 'order-1', orderType: 'AMEND_B_F' }]))
      .thenThrows('INVALID_TRANSITION', /already recorded/));
});

// ---- fixtures -------------------------------------------------------------------------------------------------
type OutcomeData = CommandData<'RecordAppealOutcome'>;

function outcomeData(): OutcomeData {
  return {
    appealId: 'appeal-1',
    outcome: 'DECIDED_IN_FAVOUR',
    extent: 'IN_FULL',
    decidedOn: '2025-03-03',
  };
}
function withOrders(orders: OrderInput[], change: Partial<OutcomeData> = {}) {
  return command('RecordAppealOutcome', { ...outcomeData(), orders, ...change });
}
/** Orders the regulations give no period for carry the tribunal's own date. */
function directed(orderType: OrderType): { directedDueOn?: string } {
  return orderType === 'DISABILITY_DISCRIMINATION_REMEDY' ||
    orderType === 'REFER_BACK_TO_RECONSIDER'
    ? { directedDueOn: '2025-04-14' }
    : {};
}
function elevenOrders() {
  return Array.from({ length: 11 }, (_, i) => ({ orderId: `o${i}`, orderType: 'AMEND_B_F' }));
}
