import { daysBetween } from '../deadlines/local-date';
import type { BreachRemedied } from './breach.events';
import { evolveBreaches } from './breach.state';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { trackDeadlines } from './deadline-tracker.evolve';

/**
 * The detected breaches that `newEvents` put right: each unremedied BreachDetected whose deadline they MET. The late
 * action's own date is the remedy date, and `daysLate` counts from the deadline's due date (0 if it was on time).
 */
export const remediesFor = (
  before: OpenCaseState,
  newEvents: readonly CaseEvent[],
): BreachRemedied[] => {
  const breaches = newEvents.reduce(evolveBreaches, before.breaches);
  // Only a detected breach not yet remedied can be remedied: without one (most appends), the deadlines need no fold.
  const open = Object.values(breaches.breaches).filter(
    (breach) => breach.deadlineKey !== null && breach.remediedOn === null,
  );
  if (open.length === 0) return [];
  const tracker = newEvents.reduce(trackDeadlines, before.deadlines);
  return open.flatMap((breach): BreachRemedied[] => {
    const deadline = tracker.deadlines.find((d) => d.key === breach.deadlineKey);
    if (!deadline || deadline.metOn === null) return [];
    const remediedOn = deadline.metOn;
    const daysLate = Math.max(0, daysBetween(deadline.dueOn, remediedOn));
    return [{ type: 'BreachRemedied', data: { breachId: breach.breachId, remediedOn, daysLate } }];
  });
};
