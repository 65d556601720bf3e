import { caseStatusProjection, caseStatusSplit } from './case-status/case-status.projection';
import type { Projection } from './projection';
import type { SplitApply } from './split-apply';

/**
 * The projections a rebuild may fold apart from their `apply` (on a worker thread, or ahead of the previous batch's
 * commit), by name, with the projection object itself: a rebuild uses the split only for that very object, never for
 * another projection that happens to share its name. Case status is most of a rebuild's folding; the others are
 * cheap and stay where they are.
 */
export const SPLIT_PROJECTIONS: ReadonlyMap<
  string,
  { readonly projection: Projection; readonly split: SplitApply<unknown, unknown> }
> = new Map([
  [
    caseStatusProjection.name,
    {
      projection: caseStatusProjection,
      split: caseStatusSplit,
    },
  ],
]);

/** The split of `projection` if it is one of SPLIT_PROJECTIONS. */
export const splitOf = (projection: Projection): SplitApply<unknown, unknown> | null => {
  const entry = SPLIT_PROJECTIONS.get(projection.name);
  return entry?.projection === projection ? entry.split : null;
};
