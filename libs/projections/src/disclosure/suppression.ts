/**
 * Statistical disclosure control for the count tables of the statistics (send-domain §5; anchors B9).
 *
 * WHAT IS PUBLISHED. A table is a set of canonical cells: one node per dimension (geography LA / region / England;
 * period academic year / calendar year / all time; appeal type / all types), each cell the count of what falls in
 * all its nodes. Every number a query returns is either one canonical cell or a sum of canonical cells (a filter over
 * several LAs or years); it is published only if every cell it sums is. Suppression is decided ONCE per table over
 * all its canonical cells, whatever the query, so the same cell always comes back the same way (value or
 * `suppressed`) whichever filters or groupings produced it.
 *
 * PRIMARY: a count from 1 to threshold − 1 is suppressed. A true 0 is never suppressed for itself (Ofqual/GSS: zero
 * is not disclosive; DfE `c` marks suppressed values).
 *
 * SECONDARY, by construction of a witness ("box"). For each primary cell not yet suppressed we pick, per dimension, a
 * change of the underlying counts: a MOVE (one unit from leaf `plus` to leaf `minus`, e.g. from one LA to another LA
 * of the same region, from one half-year to the other half of the same calendar year, from one appeal type to
 * another), or — where the cell's node is a total that a move cannot change — a POINT (one unit more at `plus`).
 * Their product changes the counts at the box's corners by ±1 and changes exactly the canonical cells of the box, by
 * ±1; every sum a region, England, all-time or all-types total is made of stays the same. ALL cells of the box are
 * suppressed. A box is used only if, applied in one direction, it keeps every underlying count ≥ 0. Strict boxes
 * (tried first) also keep every cell of the box ≥ 1, so no zero is hidden. Where only a box reaching a coarser total
 * (a region, England, all types) is strict, a relaxed box may be taken instead: it may raise a true 0 next to the
 * cell to 1 — that zero is then hidden too, as a secondary cell — rather than hide the total. The search tries the
 * fewest points first and prefers cells already suppressed, siblings, and low levels (cost 10^rank per unit:
 * England and the all-types figures are the most expensive to hide).
 *
 * WHY IT HOLDS (the argument the tests check). Let S be the union of the boxes. For every suppressed cell c there is
 * a box B ∋ c, B ⊆ S, and a table T' = T + δ_B that differs from the true table T in c, is non-negative, and agrees
 * with T on every cell outside S. Every published number — a cell outside S or a sum of such cells, in this query or
 * any other, at any level of any dimension — is therefore the same for T and T'. No combination of published numbers
 * (differences of totals, two overlapping queries, academic against calendar years) can tell T from T', so none can
 * recover c. The academic/calendar overlap is handled because the period dimension's leaves are half-years: moving a
 * unit between the two halves of one calendar year changes two academic years and no calendar year, and vice versa.
 * (Since a hidden cell may be a secondary zero, "suppressed" tells an attacker nothing beyond ≥ 0.)
 *
 * LIMITS (documented, not hidden): the guarantee is against exact recovery; bounds stay known (published totals
 * bound sums of suppressed cells). The appeal-type "all types" total counts an appeal once even when it has several
 * types; the model treats it as the sum of the types (stricter than the truth, so protection against an attacker
 * assuming single-type appeals is included). Counts of different measures are separate tables (derived measures are
 * shown only where all their parts are). Data added later changes counts, and so may change which cells are
 * suppressed; comparing answers across time is outside the guarantee.
 */

export const CELL_SEPARATOR = '|';

export interface Dimension {
  readonly name: string;
  /** The published nodes that contain `leaf`, finest first (the root, if published, last). */
  nodesOf(leaf: string): readonly string[];
  /** The leaves a node is made of (only leaves the table knows need be listed). */
  leavesOf(node: string): readonly string[];
  /** 0 for the finest published level, larger for coarser levels: a cell's ranks add up, and suppressing it costs
   *  10^rank per unit. */
  rank(node: string): number;
  /** Leaves to pair `leaf` with in a move, closest first. */
  partnersOf(leaf: string): readonly string[];
}

/** Nodes and leaves of one dimension are numbered below RADIX, so a cell is a number (no string keys). */
const RADIX = 1024;

/** One dimension with its nodes and leaves numbered. */
export class EncodedDimension {
  readonly nodes: string[] = [];
  readonly ranks: number[] = [];
  readonly leaves: string[] = [];
  private readonly nodeIds = new Map<string, number>();
  private readonly leafIds = new Map<string, number>();
  private readonly nodesOfLeafIds: (readonly number[])[] = [];
  private readonly leavesOfNodeCache = new Map<number, readonly number[]>();
  private readonly partnersCache = new Map<number, readonly number[]>();

  constructor(
    readonly dim: Dimension,
    readonly stride: number,
  ) {}

  node(name: string): number {
    let id = this.nodeIds.get(name);
    if (id === undefined) {
      id = this.nodes.length;
      if (id >= RADIX) throw new Error(`Too many nodes in dimension ${this.dim.name}.`);
      this.nodes.push(name);
      this.nodeIds.set(name, id);
      this.ranks.push(this.dim.rank(name));
    }
    return id;
  }

  findNode(name: string): number | undefined {
    return this.nodeIds.get(name);
  }

  leaf(name: string): number {
    let id = this.leafIds.get(name);
    if (id === undefined) {
      id = this.leaves.length;
      if (id >= RADIX) throw new Error(`Too many leaves in dimension ${this.dim.name}.`);
      this.leaves.push(name);
      this.leafIds.set(name, id);
      this.nodesOfLeafIds.push(this.dim.nodesOf(name).map((node) => this.node(node)));
    }
    return id;
  }

  nodesOfLeaf(leaf: number): readonly number[] {
    return this.nodesOfLeafIds[leaf] ?? [];
  }

  /** The known leaves of a node. */
  leavesOfNode(node: number): readonly number[] {
    let list = this.leavesOfNodeCache.get(node);
    if (!list) {
      list = this.dim
        .leavesOf(this.nodes[node] ?? '')
        .map((l) => this.leafIds.get(l))
        .filter((l): l is number => l !== undefined);
      this.leavesOfNodeCache.set(node, list);
    }
    return list;
  }

  /** Known leaves to move a unit to from `leaf`, closest first. */
  partners(leaf: number): readonly number[] {
    let list = this.partnersCache.get(leaf);
    if (!list) {
      list = this.dim
        .partnersOf(this.leaves[leaf] ?? '')
        .map((l) => this.leafIds.get(l))
        .filter((l): l is number => l !== undefined);
      this.partnersCache.set(leaf, list);
    }
    return list;
  }
}

/**
 * A table: canonical cells (one node per dimension) and the underlying counts per combination of leaves, both keyed
 * by number (Σ id × stride). Built by adding entries; absent cells and combinations are 0.
 */
export class CountTable {
  readonly dims: readonly EncodedDimension[];
  readonly cells = new Map<number, number>();
  readonly base = new Map<number, number>();

  constructor(dims: readonly Dimension[]) {
    this.dims = dims.map((dim, d) => new EncodedDimension(dim, RADIX ** (dims.length - 1 - d)));
  }

  /** Adds a count to every combination of `nodes` (one list per dimension) and, with `leaves`, to the base. */
  add(
    nodes: readonly (readonly string[])[],
    leaves: readonly string[] | null,
    count: number,
  ): void {
    if (count === 0) return;
    let ids = [0];
    nodes.forEach((list, d) => {
      const dim = this.dims[d] as EncodedDimension;
      const next: number[] = [];
      for (const id of ids) for (const node of list) next.push(id + dim.node(node) * dim.stride);
      ids = next;
    });
    for (const id of ids) this.cells.set(id, (this.cells.get(id) ?? 0) + count);
    if (leaves) {
      let id = 0;
      leaves.forEach((leaf, d) => {
        const dim = this.dims[d] as EncodedDimension;
        id += dim.leaf(leaf) * dim.stride;
      });
      this.base.set(id, (this.base.get(id) ?? 0) + count);
    }
  }

  value(cell: number): number {
    return this.cells.get(cell) ?? 0;
  }

  nodesOf(cell: number): number[] {
    return this.dims.map((dim) => Math.floor(cell / dim.stride) % RADIX);
  }

  /** The cell as text (nodes joined by CELL_SEPARATOR). */
  keyOf(cell: number): string {
    return this.nodesOf(cell)
      .map((node, d) => this.dims[d]?.nodes[node] ?? '')
      .join(CELL_SEPARATOR);
  }

  /** The combination of leaves as text. */
  cornerKeyOf(corner: number): string {
    return this.nodesOf(corner)
      .map((leaf, d) => this.dims[d]?.leaves[leaf] ?? '')
      .join(CELL_SEPARATOR);
  }

  /** The number of a cell given as text, or undefined when one of its nodes is unknown. */
  idOf(key: string): number | undefined {
    let id = 0;
    const nodes = key.split(CELL_SEPARATOR);
    for (let d = 0; d < this.dims.length; d++) {
      const dim = this.dims[d] as EncodedDimension;
      const node = dim.findNode(nodes[d] ?? '');
      if (node === undefined) return undefined;
      id += node * dim.stride;
    }
    return id;
  }

  rankOf(cell: number): number {
    let rank = 0;
    this.nodesOf(cell).forEach((node, d) => (rank += this.dims[d]?.ranks[node] ?? 0));
    return rank;
  }
}

/** A witness: the change of the underlying counts (corner → ±1) and the cells it changes (cell → ±1). */
export interface Box {
  readonly corners: readonly { readonly id: number; readonly sign: number }[];
  readonly cells: readonly { readonly id: number; readonly sign: number }[];
}

export interface Suppression {
  readonly suppressed: ReadonlySet<number>;
  readonly boxes: readonly Box[];
}

interface Component {
  readonly plus: number;
  readonly minus: number | null;
}

interface Change {
  readonly offsets: readonly number[];
  readonly signs: readonly number[];
  readonly ranks: readonly number[];
}

/** A cell of rank r costs (value + 1) × LEVEL_WEIGHT^r to suppress: national totals far more than LA cells. */
const LEVEL_WEIGHT = 10;
const MAX_MOVES = 4;
/** How many feasible boxes are compared for cost (fewest points tried first). */
const MAX_FEASIBLE = 6;
/** Hiding a true zero (relaxed boxes only) costs like hiding a count of this size. */
const ZERO_PENALTY = 5;

export const isPrimary = (value: number, threshold: number): boolean =>
  value >= 1 && value < threshold;

/**
 * The suppression of one table as a sequence of steps (one box each), so that a large table can be worked through
 * in slices between other work; `suppressTable` and `suppressTableInSteps` run the same steps in the same order, so
 * they give the same result.
 */
function* suppressionSteps(table: CountTable, threshold: number): Generator<void, Suppression> {
  const engine = new SuppressionEngine(table);
  const primaries: { id: number; rank: number }[] = [];
  for (const [id, value] of table.cells)
    if (isPrimary(value, threshold)) primaries.push({ id, rank: table.rankOf(id) });
  // Coarse cells first: their boxes are larger and usually cover the finer primaries around them.
  primaries.sort((a, b) => b.rank - a.rank || a.id - b.id);
  for (const { id } of primaries) {
    if (engine.suppressed.has(id)) continue;
    yield;
    engine.protect(id);
  }
  return { suppressed: engine.suppressed, boxes: engine.boxes };
}

/** Primary and secondary suppression of one table (see the comment at the top of this file). */
export const suppressTable = (table: CountTable, threshold: number): Suppression => {
  const steps = suppressionSteps(table, threshold);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

/**
 * The same suppression (identical result), awaiting `pause()` whenever `sliceMs` milliseconds of work have passed:
 * a national table takes a second or more, which must not hold up every other request of the process.
 */
export const suppressTableInSteps = async (
  table: CountTable,
  threshold: number,
  pause: () => Promise<void>,
  sliceMs: number,
): Promise<Suppression> => {
  const steps = suppressionSteps(table, threshold);
  let sliceStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted >= sliceMs) {
      await pause();
      sliceStarted = performance.now();
    }
  }
};

class SuppressionEngine {
  readonly suppressed = new Set<number>();
  readonly boxes: Box[] = [];
  private readonly dims: readonly EncodedDimension[];
  private readonly changeCache = new Map<number, Change>();
  private anchors: Map<number, number> | null = null;

  constructor(private readonly table: CountTable) {
    this.dims = table.dims;
  }

  private baseAt(corner: number): number {
    return this.table.base.get(corner) ?? 0;
  }

  /** For each cell, the combination of leaves inside it with the largest underlying count. */
  private anchorOf(cell: number): number | undefined {
    if (!this.anchors) {
      const best = new Map<number, number>();
      for (const [corner, value] of this.table.base) {
        if (value < 1) continue;
        let ids = [0];
        this.table.nodesOf(corner).forEach((leaf, d) => {
          const dim = this.dims[d] as EncodedDimension;
          const next: number[] = [];
          for (const id of ids)
            for (const node of dim.nodesOfLeaf(leaf)) next.push(id + node * dim.stride);
          ids = next;
        });
        for (const id of ids) {
          const seen = best.get(id);
          if (seen === undefined || value > this.baseAt(seen)) best.set(id, corner);
        }
      }
      this.anchors = best;
    }
    return this.anchors.get(cell);
  }

  /** The nodes one component changes in its dimension, with signs and ranks (cached). */
  private change(d: number, c: Component): Change {
    const dim = this.dims[d] as EncodedDimension;
    const key = ((c.plus * (RADIX + 1) + (c.minus === null ? 0 : c.minus + 1)) * 8 + d) | 0;
    let found = this.changeCache.get(key);
    if (!found) {
      const change = new Map<number, number>();
      for (const n of dim.nodesOfLeaf(c.plus)) change.set(n, (change.get(n) ?? 0) + 1);
      if (c.minus !== null)
        for (const n of dim.nodesOfLeaf(c.minus)) change.set(n, (change.get(n) ?? 0) - 1);
      const entries = [...change].filter(([, sign]) => sign !== 0);
      found = {
        offsets: entries.map(([node]) => node * dim.stride),
        signs: entries.map(([, sign]) => sign),
        ranks: entries.map(([node]) => dim.ranks[node] ?? 0),
      };
      this.changeCache.set(key, found);
    }
    return found;
  }

  /**
   * The options of dimension d around the anchor: moves of the anchor's leaf to a partner outside the cell's node
   * whose combination with the anchor's other leaves holds a count (closest first, already-suppressed first), then
   * the point at the anchor's leaf.
   */
  private optionsFor(
    anchor: readonly number[],
    nodes: readonly number[],
    d: number,
    relaxed: boolean,
  ): Component[] {
    const dim = this.dims[d] as EncodedDimension;
    const plus = anchor[d] as number;
    const inside = new Set(dim.leavesOfNode(nodes[d] as number));
    const corner = (leaf: number): number => {
      let id = 0;
      anchor.forEach((l, i) => (id += (i === d ? leaf : l) * (this.dims[i]?.stride ?? 0)));
      return id;
    };
    const cellNear = (leaf: number): number => {
      let id = 0;
      nodes.forEach((n, i) => {
        const own = i === d ? (dim.nodesOfLeaf(leaf)[0] ?? n) : n;
        id += own * (this.dims[i]?.stride ?? 0);
      });
      return id;
    };
    const moves: { component: Component; score: number; order: number }[] = [];
    for (const m of dim.partners(plus)) {
      if (inside.has(m)) continue;
      const count = this.baseAt(corner(m));
      // Strict: the partner must have a unit to give. Relaxed: it may be empty and receive one instead.
      if (count < 1 && !relaxed) continue;
      const component = { plus, minus: m };
      moves.push({
        component,
        // The fewest nodes changed first (a sibling: no total above changes), then already suppressed, then a
        // partner that can give a unit either way, then the closest.
        score:
          this.change(d, component).offsets.length * 10 +
          (this.suppressed.has(cellNear(m)) ? 0 : 4) +
          (count >= 2 ? 0 : count === 1 ? 1 : 2),
        order: moves.length,
      });
      if (moves.length >= MAX_MOVES * 4) break;
    }
    moves.sort((a, b) => a.score - b.score || a.order - b.order);
    return [...moves.slice(0, MAX_MOVES).map((m) => m.component), { plus, minus: null }];
  }

  /** The corners of a choice of components: the underlying counts it changes, with signs. */
  private corners(components: readonly Component[]): { id: number; sign: number }[] {
    let corners: { id: number; sign: number }[] = [{ id: 0, sign: 1 }];
    components.forEach((c, d) => {
      const stride = (this.dims[d] as EncodedDimension).stride;
      const next: { id: number; sign: number }[] = [];
      for (const corner of corners) {
        next.push({ id: corner.id + c.plus * stride, sign: corner.sign });
        if (c.minus !== null) next.push({ id: corner.id + c.minus * stride, sign: -corner.sign });
      }
      corners = next;
    });
    return corners;
  }

  /**
   * Walks the cells a choice of components changes (every combination of changed nodes, an odometer over the
   * dimensions), calling `visit` with each cell, its sign and rank; stops when `visit` returns false.
   */
  private eachCell(
    components: readonly Component[],
    visit: (id: number, sign: number, rank: number) => boolean,
  ): void {
    const parts = components.map((c, d) => this.change(d, c));
    const digits = parts.map(() => 0);
    for (;;) {
      let id = 0;
      let sign = 1;
      let rank = 0;
      for (let d = 0; d < parts.length; d++) {
        const part = parts[d] as Change;
        const i = digits[d] as number;
        id += part.offsets[i] as number;
        sign *= part.signs[i] as number;
        rank += part.ranks[i] as number;
      }
      if (!visit(id, sign, rank)) return;
      let d = parts.length - 1;
      while (d >= 0 && (digits[d] as number) + 1 >= (parts[d] as Change).offsets.length) {
        digits[d] = 0;
        d--;
      }
      if (d < 0) return;
      digits[d] = (digits[d] as number) + 1;
    }
  }

  /**
   * Whether a choice of components gives a feasible box, and what suppressing it would cost; null when neither
   * direction is feasible. Strict: one direction keeps every corner ≥ 0 and every cell of the box ≥ 1, so no zero is
   * hidden. Relaxed (only where no strict box avoids a coarser total): a cell of the box may be a true 0 that the
   * change raises to 1 — that zero is then hidden too — and a cell may drop to 0.
   */
  private evaluate(
    components: readonly Component[],
    relaxed: boolean,
  ): { direction: 1 | -1; cost: number } | null {
    let up = true;
    let down = true;
    // The corners first: few, and the most selective test.
    for (const corner of this.corners(components)) {
      if (this.baseAt(corner.id) >= 1) continue;
      if (corner.sign < 0) up = false;
      else down = false;
      if (!up && !down) return null;
    }
    let cost = 0;
    let feasible = true;
    const floor = relaxed ? 1 : 2;
    this.eachCell(components, (id, sign, rank) => {
      const value = this.table.cells.get(id) ?? 0;
      if (value < 1 && !relaxed) return (feasible = false);
      if (value < floor) {
        if (sign < 0) up = false;
        else down = false;
        if (!up && !down) return (feasible = false);
      }
      if (!this.suppressed.has(id))
        cost += (value + (value === 0 ? ZERO_PENALTY : 1)) * LEVEL_WEIGHT ** rank;
      return true;
    });
    if (!feasible) return null;
    return { direction: up ? 1 : -1, cost };
  }

  private boxOf(components: readonly Component[], direction: 1 | -1): Box {
    const cells: { id: number; sign: number }[] = [];
    this.eachCell(components, (id, sign) => {
      cells.push({ id, sign: sign * direction });
      return true;
    });
    return {
      cells,
      corners: this.corners(components).map((c) => ({ id: c.id, sign: c.sign * direction })),
    };
  }

  /** Finds a cheap feasible box around a primary cell and suppresses all of it. */
  protect(cell: number): void {
    const anchorCorner = this.anchorOf(cell);
    let box: Box;
    if (anchorCorner === undefined) {
      // Inconsistent input (a cell with no underlying count): the cell alone; certify() reports it.
      box = { cells: [{ id: cell, sign: 1 }], corners: [] };
    } else {
      const anchor = this.table.nodesOf(anchorCorner);
      const nodes = this.table.nodesOf(cell);
      type Found = { components: Component[]; direction: 1 | -1; cost: number; points: number };
      /** Every choice of one option per dimension, fewest points first, then by preference; the cheapest box. */
      const search = (relaxed: boolean, belowPoints: number): Found | null => {
        const options = this.dims.map((_, d) => this.optionsFor(anchor, nodes, d, relaxed));
        const combos: { picks: number[]; points: number; order: number }[] = [];
        const walk = (d: number, picks: number[], points: number, order: number): void => {
          if (d === options.length) {
            combos.push({ picks: [...picks], points, order });
            return;
          }
          (options[d] as Component[]).forEach((c, i) => {
            picks.push(i);
            walk(d + 1, picks, points + (c.minus === null ? 1 : 0), order + i);
            picks.pop();
          });
        };
        walk(0, [], 0, 0);
        combos.sort((a, b) => a.points - b.points || a.order - b.order);
        let best: Found | null = null;
        let feasible = 0;
        for (const combo of combos) {
          if (combo.points >= belowPoints || feasible >= MAX_FEASIBLE) break;
          const components = combo.picks.map((i, d) => (options[d] as Component[])[i] as Component);
          const result = this.evaluate(components, relaxed);
          if (!result) continue;
          feasible++;
          if (!best || result.cost < best.cost) {
            best = { components, ...result, points: combo.points };
            if (result.cost === 0) break;
          }
        }
        return best;
      };
      // Points where a move cannot change the cell's node (a total): the fewest any box needs.
      const forced = this.dims.filter(
        (dim, d) => dim.leavesOfNode(nodes[d] as number).length >= dim.leaves.length,
      ).length;
      let best = search(false, Infinity);
      // Relaxed too when the strict box needs more points than the cell's totals force, or reaches a level well
      // above the cell (a region for an LA cell).
      const bound = LEVEL_WEIGHT ** (this.table.rankOf(cell) + 3);
      if (!best || best.points > forced || best.cost >= bound) {
        // Rather than hide a coarser total (a region, England), hide a true zero next to the cell.
        const relaxed = search(true, Infinity);
        if (relaxed && (!best || relaxed.cost < best.cost)) best = relaxed;
      }
      // The last combination (points everywhere, at the anchor) is always feasible: it only adds.
      box = best
        ? this.boxOf(best.components, best.direction)
        : { cells: [{ id: cell, sign: 1 }], corners: [] };
    }
    this.boxes.push(box);
    for (const c of box.cells) this.suppressed.add(c.id);
  }
}

/**
 * Checks a suppression against its table: every suppressed cell is in a box whose change keeps the base and every
 * cell non-negative and changes no published cell, and no primary is published. Returns the
 * problems (empty when proven). Recomputes what each box changes from the dimensions alone.
 */
export const certify = (
  table: CountTable,
  suppression: Suppression,
  threshold: number,
): string[] => {
  const problems: string[] = [];
  const covered = new Set<number>();
  for (const box of suppression.boxes) {
    if (box.corners.length === 0)
      problems.push(`no witness for ${table.keyOf(box.cells[0]?.id ?? 0)}`);
    const touched = new Map<number, number>();
    for (const { id: corner, sign } of box.corners) {
      if (sign < 0 && (table.base.get(corner) ?? 0) < 1)
        problems.push(`corner ${table.cornerKeyOf(corner)} would go negative`);
      let ids = [0];
      table.nodesOf(corner).forEach((leaf, d) => {
        const dim = table.dims[d] as EncodedDimension;
        ids = ids.flatMap((id) => dim.nodesOfLeaf(leaf).map((node) => id + node * dim.stride));
      });
      for (const id of ids) touched.set(id, (touched.get(id) ?? 0) + sign);
    }
    for (const [id, change] of touched) {
      if (change === 0) continue;
      if (!suppression.suppressed.has(id))
        problems.push(`published cell ${table.keyOf(id)} would change`);
      if (table.value(id) + change < 0)
        problems.push(`suppressed cell ${table.keyOf(id)} would go negative`);
      covered.add(id);
    }
  }
  for (const id of suppression.suppressed) {
    if (!covered.has(id)) problems.push(`suppressed cell ${table.keyOf(id)} has no witness`);
  }
  for (const [id, value] of table.cells) {
    if (isPrimary(value, threshold) && !suppression.suppressed.has(id))
      problems.push(`primary cell ${table.keyOf(id)} = ${value} is published`);
  }
  return problems;
};
