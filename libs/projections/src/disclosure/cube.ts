import { levelOf } from './dimensions';
import {
  CELL_SEPARATOR,
  CountTable,
  suppressTable,
  suppressTableInSteps,
  type Dimension,
  type EncodedDimension,
} from './suppression';

/** Counts added into a table: the canonical nodes per dimension it falls in, and its leaves (null: not a base count). */
export interface TableEntry {
  readonly nodes: readonly (readonly string[])[];
  readonly leaves: readonly string[] | null;
  readonly count: number;
}

/** Sums entries into canonical cells (every combination of their nodes) and base counts. */
export const buildTable = (
  dims: readonly Dimension[],
  entries: Iterable<TableEntry>,
): CountTable => {
  const table = new CountTable(dims);
  for (const entry of entries) table.add(entry.nodes, entry.leaves, entry.count);
  for (const [id, value] of table.cells) if (value === 0) table.cells.delete(id);
  for (const [id, value] of table.base) if (value === 0) table.base.delete(id);
  return table;
};

interface IndexedCell {
  readonly id: number;
  readonly nodes: readonly number[];
}

/** A table ready to be queried: its cells, which of them are suppressed, and an index by level. */
export interface PublishedTable {
  readonly table: CountTable;
  readonly suppressed: ReadonlySet<number>;
  readonly byLevels: ReadonlyMap<string, readonly IndexedCell[]>;
}

const NOTHING_SUPPRESSED: ReadonlySet<number> = new Set();

/** The table with its suppressed cells and an index of its cells by level. */
const indexed = (table: CountTable, suppressed: ReadonlySet<number>): PublishedTable => {
  const byLevels = new Map<string, IndexedCell[]>();
  const index = (id: number): void => {
    const nodes = table.nodesOf(id);
    const signature = nodes
      .map((node, d) => levelOf(table.dims[d]?.nodes[node] ?? ''))
      .join(CELL_SEPARATOR);
    const list = byLevels.get(signature);
    const cell = { id, nodes };
    if (list) list.push(cell);
    else byLevels.set(signature, [cell]);
  };
  for (const id of table.cells.keys()) index(id);
  // A true zero hidden as a secondary cell is not among the counted cells, but must read as suppressed, not 0.
  for (const id of suppressed) if (!table.cells.has(id)) index(id);
  return { table, suppressed, byLevels };
};

/** `threshold` null: exact figures (the caller may see every case counted). */
export const publishTable = (table: CountTable, threshold: number | null): PublishedTable =>
  indexed(
    table,
    threshold === null ? NOTHING_SUPPRESSED : suppressTable(table, threshold).suppressed,
  );

/** The same table (identical suppression), computed in slices of `sliceMs` with `pause()` in between. */
export const publishTableInSteps = async (
  table: CountTable,
  threshold: number | null,
  pause: () => Promise<void>,
  sliceMs: number,
): Promise<PublishedTable> =>
  indexed(
    table,
    threshold === null
      ? NOTHING_SUPPRESSED
      : (await suppressTableInSteps(table, threshold, pause, sliceMs)).suppressed,
  );

/** Which canonical level to read per dimension, which of its nodes to keep, and the output group of each. */
export interface Selection {
  readonly levels: readonly string[];
  readonly accept: readonly ((node: string) => boolean)[];
  /** The output group a node belongs to (a node name of the output level). */
  readonly group: readonly ((node: string) => string)[];
}

export interface GroupValue {
  /** Sum of the cells, or null when one of them is suppressed. */
  readonly value: number | null;
  /** The cells summed (numbers of `PublishedTable.table`). */
  readonly cells: readonly number[];
}

/** Per dimension, accept/group decided once per node rather than once per cell. */
const perNode = (
  dims: readonly EncodedDimension[],
  selection: Selection,
): { accept: boolean[]; group: string[] }[] =>
  dims.map((dim, d) => ({
    accept: dim.nodes.map((node) => selection.accept[d]?.(node) ?? true),
    group: dim.nodes.map((node) => selection.group[d]?.(node) ?? ''),
  }));

/**
 * The value of each output group: the sum of the canonical cells it is made of, suppressed as soon as one of them
 * is (so a sum never reveals more than the published cells it adds up). Groups are keyed by their group node names
 * joined by CELL_SEPARATOR.
 */
export const selectGroups = (
  published: PublishedTable,
  selection: Selection,
): Map<string, GroupValue> => {
  const cells = published.byLevels.get(selection.levels.join(CELL_SEPARATOR)) ?? [];
  const decided = perNode(published.table.dims, selection);
  const sums = new Map<string, { value: number | null; cells: number[] }>();
  for (const cell of cells) {
    let accepted = true;
    let group = '';
    for (let d = 0; d < cell.nodes.length; d++) {
      const node = cell.nodes[d] as number;
      const dim = decided[d];
      if (!dim?.accept[node]) {
        accepted = false;
        break;
      }
      group =
        d === 0 ? (dim.group[node] ?? '') : `${group}${CELL_SEPARATOR}${dim.group[node] ?? ''}`;
    }
    if (!accepted) continue;
    const value = published.table.cells.get(cell.id) ?? 0;
    const suppressed = published.suppressed.has(cell.id);
    const sum = sums.get(group);
    if (!sum) sums.set(group, { value: suppressed ? null : value, cells: [cell.id] });
    else {
      sum.value = sum.value === null || suppressed ? null : sum.value + value;
      sum.cells.push(cell.id);
    }
  }
  return sums;
};
