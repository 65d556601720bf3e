import { evolveAccess, initialAccessState, type AccessState } from './access.state';
import { evolveAppeals, initialAppealsState, type AppealsState } from './appeal.state';
import { evolveBreaches, initialBreachesState, type BreachesState } from './breach.state';
import type { CaseEvent } from './case.events';
import { evolveErasure, initialErasureState, type ErasureState } from './erasure.state';
import { trackDeadlines } from './deadline-tracker.evolve';
import { initialDeadlineTracker, type DeadlineTracker } from './deadline-tracker.state';
import { evolveProcess, initialProcessState, type ProcessState } from './process.state';

export type { AppealState } from './appeal.state';

/**
 * A case's state, in slices: each area (statutory process, appeals, breaches) folds its own events and ignores the
 * rest. Only what decisions read; the read models hold everything else.
 */
export type CaseState =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'Open';
      readonly caseId: string;
      readonly ownerId: string;
      readonly localAuthorityCode: string;
      readonly process: ProcessState;
      readonly appeals: AppealsState;
      readonly breaches: BreachesState;
      /** Who the family shares the case with (consent grants). */
      readonly access: AccessState;
      /** Whether (and when) the case's personal data was erased. */
      readonly erasure: ErasureState;
      /** Every statutory deadline of the case, for breach detection and remedies (folded after the others). */
      readonly deadlines: DeadlineTracker;
    };

export type OpenCaseState = Extract<CaseState, { status: 'Open' }>;

export const initialCaseState = (): CaseState => ({ status: 'Empty' });

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'CaseOpened') {
    if (state.status !== 'Empty') return state;
    return {
      status: 'Open',
      caseId: event.data.caseId,
      ownerId: event.data.ownerId,
      localAuthorityCode: event.data.localAuthorityCode,
      process: initialProcessState(),
      appeals: initialAppealsState(),
      breaches: initialBreachesState(),
      access: initialAccessState(),
      erasure: initialErasureState(),
      deadlines: initialDeadlineTracker(event.data),
    };
  }
  if (state.status !== 'Open') return state;
  return {
    ...state,
    process: evolveProcess(state.process, event),
    appeals: evolveAppeals(state.appeals, event),
    breaches: evolveBreaches(state.breaches, event),
    access: evolveAccess(state.access, event),
    erasure: evolveErasure(state.erasure, event),
    deadlines: trackDeadlines(state.deadlines, event),
  };
};
