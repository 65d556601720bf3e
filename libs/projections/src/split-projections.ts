import {
  breachPatternsProjection,
  breachPatternsSplit,
} from './breach-patterns/breach-patterns.projection';
import { caseStatusProjection, caseStatusSplit } from './case-status/case-status.projection';
import type { Projection } from './projection';
import type { SplitApply } from './split-apply';
import { statisticsProjection, statisticsSplit } from './statistics/statistics.projection';

interface SplitProjection {
  readonly projection: Projection;
  readonly split: SplitApply<unknown, unknown>;
}

const splitEntry = (
  projection: Projection,
  split: SplitProjection['split'],
): [string, SplitProjection] => [projection.name, { projection, split }];

/**
 * The projections a rebuild may fold apart from their `apply` (on a worker thread, or ahead of the previous batch's
 * commit), by name, with the projection object itself: a rebuild uses the split only for that very object, never for
 * another projection that happens to share its name. All three folds of the rebuild run there, so that the thread
 * reading the log and committing does no folding of its own.
 */
export const SPLIT_PROJECTIONS: ReadonlyMap<string, SplitProjection> = new Map([
  splitEntry(caseStatusProjection, caseStatusSplit),
  splitEntry(statisticsProjection, statisticsSplit),
  splitEntry(breachPatternsProjection, breachPatternsSplit),
]);

/** The split of `projection` if it is one of SPLIT_PROJECTIONS. */
export const splitOf = (projection: Projection): SplitApply<unknown, unknown> | null => {
  const entry = SPLIT_PROJECTIONS.get(projection.name);
  return entry?.projection === projection ? entry.split : null;
};
