import type { CaseEvent } from './case.events';
import type { AppealOutcome, AppealType } from './case.types';

/** What the appeal decisions read. */
export interface AppealState {
  readonly appealId: string;
  readonly appealTypes: readonly AppealType[];
  readonly lodgedOn: string;
  readonly outcome: AppealOutcome | null;
}

export interface AppealsState {
  readonly appeals: Readonly<Record<string, AppealState>>;
}

export const initialAppealsState = (): AppealsState => ({ appeals: {} });

/** Folds the appeal-lifecycle events; every other event leaves the slice as it is. */
export const evolveAppeals = (state: AppealsState, event: CaseEvent): AppealsState => {
  switch (event.type) {
    case 'AppealLodged': {
      const { appealId, appealTypes, lodgedOn } = event.data;
      const appeal: AppealState = { appealId, appealTypes, lodgedOn, outcome: null };
      return { ...state, appeals: { ...state.appeals, [appealId]: appeal } };
    }
    case 'AppealOutcomeRecorded': {
      const appeal = state.appeals[event.data.appealId];
      if (!appeal) return state;
      return {
        ...state,
        appeals: {
          ...state.appeals,
          [appeal.appealId]: { ...appeal, outcome: event.data.outcome },
        },
      };
    }
    default:
      return state;
  }
};
