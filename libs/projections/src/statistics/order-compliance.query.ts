import { compareDates } from '@app/domain';
import {
  buildTable,
  publishTable,
  selectGroups,
  type PublishedTable,
  type TableEntry,
} from '../disclosure/cube';
import { geographyDimension, periodDimension } from '../disclosure/dimensions';
import { halfYearOf } from '../disclosure/periods';
import { CELL_SEPARATOR } from '../disclosure/suppression';
import type { ReadModelDb } from '../read-model-db';
import type { RegionOf } from './appeal-statistics.query';
import {
  compareGroupIds,
  labelsOf,
  selectionFor,
  type GroupLabels,
  type StatisticsRequest,
} from './statistics-request';
import { selectForCases } from '../case-id-query';

/** A tribunal order as the compliance statistics see it (a row of `rm_stat_orders`). */
export interface OrderRecord {
  readonly orderId: string;
  readonly caseId: string;
  readonly localAuthorityCode: string;
  readonly madeOn: string;
  readonly dueOn: string | null;
  readonly compliedOn: string | null;
  readonly daysLate: number | null;
}

/**
 * Where an order stands on `today`. Every order is in exactly one: complied on time (on or before its due date, or
 * with no due date), complied late, outstanding and overdue (`today` is after the due date), or outstanding and not
 * yet due (including orders without a due date: the regulations set none and the tribunal gave none).
 */
export const ORDER_STATES = ['compliedOnTime', 'compliedLate', 'overdue', 'notYetDue'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const orderStateOn = (order: OrderRecord, today: string): OrderState => {
  if (order.compliedOn !== null)
    return (order.daysLate ?? 0) > 0 ? 'compliedLate' : 'compliedOnTime';
  if (order.dueOn !== null && compareDates(today, order.dueOn) > 0) return 'overdue';
  return 'notYetDue';
};

export const loadOrders = async (
  db: ReadModelDb,
  caseIds?: readonly string[],
): Promise<OrderRecord[]> => {
  const select = `SELECT order_id, case_id, local_authority_code, made_on, due_on, complied_on, days_late
                  FROM rm_stat_orders`;
  type Row = {
    order_id: string;
    case_id: string;
    local_authority_code: string;
    made_on: string;
    due_on: string | null;
    complied_on: string | null;
    days_late: number | string | null;
  };
  const rows: Row[] = [];
  if (caseIds === undefined) rows.push(...(await db.query<Row>(select)));
  else rows.push(...(await selectForCases<Row>(db, select, caseIds)));
  return rows.map((r) => ({
    orderId: r.order_id,
    caseId: r.case_id,
    localAuthorityCode: r.local_authority_code,
    madeOn: r.made_on,
    dueOn: r.due_on,
    compliedOn: r.complied_on,
    daysLate: r.days_late === null ? null : Number(r.days_late),
  }));
};

export interface OrderComplianceTables {
  readonly tables: Readonly<Record<OrderState, PublishedTable>>;
  /** Days late per canonical cell of the `compliedLate` table. */
  readonly lateness: ReadonlyMap<string, { readonly total: number; readonly max: number }>;
  readonly regionOf: RegionOf;
}

/**
 * One count table per state over geography × period of the order (the day it was made). The days-late figures are
 * shown only where the count of late orders is (see `orderComplianceRows`).
 */
export const buildOrderCompliance = (
  orders: readonly OrderRecord[],
  today: string,
  regionOf: RegionOf,
  threshold: number | null,
): OrderComplianceTables => {
  const geo = geographyDimension(
    orders.map((o) => o.localAuthorityCode),
    regionOf,
  );
  const period = periodDimension(orders.map((o) => halfYearOf(o.madeOn)));
  const dims = [geo, period];
  const entries = new Map<OrderState, TableEntry[]>(ORDER_STATES.map((s) => [s, []]));
  const lateness = new Map<string, { total: number; max: number }>();
  for (const order of orders) {
    const half = halfYearOf(order.madeOn);
    const nodes = [geo.nodesOf(order.localAuthorityCode), period.nodesOf(half)];
    const state = orderStateOn(order, today);
    entries.get(state)?.push({ nodes, leaves: [order.localAuthorityCode, half], count: 1 });
    if (state === 'compliedLate') {
      const days = order.daysLate ?? 0;
      for (const g of nodes[0] ?? []) {
        for (const p of nodes[1] ?? []) {
          const key = `${g}${CELL_SEPARATOR}${p}`;
          const seen = lateness.get(key) ?? { total: 0, max: 0 };
          lateness.set(key, { total: seen.total + days, max: Math.max(seen.max, days) });
        }
      }
    }
  }
  const tables = Object.fromEntries(
    ORDER_STATES.map((s) => [s, publishTable(buildTable(dims, entries.get(s) ?? []), threshold)]),
  ) as Record<OrderState, PublishedTable>;
  return { tables, lateness, regionOf };
};

export interface OrderComplianceRow extends GroupLabels {
  readonly ordersMade: number | null;
  readonly compliedOnTime: number | null;
  readonly compliedLate: number | null;
  /** Not complied yet: overdue + not yet due. */
  readonly outstanding: number | null;
  readonly overdue: number | null;
  readonly totalDaysLate: number | null;
  readonly averageDaysLate: number | null;
  readonly maxDaysLate: number | null;
  readonly suppressedFields: readonly string[];
}

export const ORDER_ROW_FIELDS = [
  'ordersMade',
  'compliedOnTime',
  'compliedLate',
  'outstanding',
  'overdue',
  'totalDaysLate',
  'averageDaysLate',
  'maxDaysLate',
] as const;

export const orderComplianceRows = (
  data: OrderComplianceTables,
  request: StatisticsRequest,
): OrderComplianceRow[] => {
  const selection = selectionFor(request, data.regionOf, false);
  const perState = new Map(
    ORDER_STATES.map((s) => [s, selectGroups(data.tables[s], selection)] as const),
  );
  const groups = new Set<string>();
  for (const values of perState.values()) for (const key of values.keys()) groups.add(key);
  if (request.geography === 'ENGLAND' && request.period === null) groups.add(`E${CELL_SEPARATOR}T`);
  return [...groups].sort(compareGroupIds).map((group) => {
    const suppressed = new Set<string>();
    const value = (s: OrderState, field: string): number | null => {
      const found = perState.get(s)?.get(group);
      if (!found) return 0;
      if (found.value === null) suppressed.add(field);
      return found.value;
    };
    const onTime = value('compliedOnTime', 'compliedOnTime');
    const late = value('compliedLate', 'compliedLate');
    const overdue = value('overdue', 'overdue');
    const notYetDue = value('notYetDue', 'outstanding');
    const outstanding = overdue === null || notYetDue === null ? null : overdue + notYetDue;
    if (outstanding === null) suppressed.add('outstanding');
    const made =
      onTime === null || late === null || outstanding === null ? null : onTime + late + outstanding;
    if (made === null) suppressed.add('ordersMade');
    // Days late follow the late count: shown only where it is, so they never describe a suppressed handful.
    let total: number | null = 0;
    let max: number | null = null;
    if (late === null) {
      total = null;
      suppressed.add('totalDaysLate').add('averageDaysLate').add('maxDaysLate');
    } else {
      const lateTable = data.tables.compliedLate.table;
      for (const id of perState.get('compliedLate')?.get(group)?.cells ?? []) {
        const days = data.lateness.get(lateTable.keyOf(id));
        if (!days) continue;
        total += days.total;
        max = Math.max(max ?? 0, days.max);
      }
    }
    return {
      ...labelsOf(group.split(CELL_SEPARATOR), data.regionOf),
      ordersMade: made,
      compliedOnTime: onTime,
      compliedLate: late,
      outstanding,
      overdue,
      totalDaysLate: total,
      averageDaysLate: late === null || late === 0 || total === null ? null : total / late,
      maxDaysLate: late === null || late === 0 ? null : max,
      suppressedFields: ORDER_ROW_FIELDS.filter((f) => suppressed.has(f)),
    };
  });
};
