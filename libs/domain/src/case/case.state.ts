import type { CaseEvent } from './case.events';
import type { AppealOutcome, AppealType } from './case.types';

/** Only what decisions read; the read models hold the rest. */
export interface AppealState {
  readonly appealId: string;
  readonly appealTypes: readonly AppealType[];
  readonly lodgedOn: string;
  readonly outcome: AppealOutcome | null;
}

export type CaseState =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'Open';
      readonly caseId: string;
      readonly ownerId: string;
      readonly appeals: Readonly<Record<string, AppealState>>;
    };

export const initialCaseState = (): CaseState => ({ status: 'Empty' });

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'CaseOpened':
      return state.status === 'Empty'
        ? { status: 'Open', caseId: event.data.caseId, ownerId: event.data.ownerId, appeals: {} }
        : state;
    case 'AppealLodged': {
      if (state.status !== 'Open') return state;
      const { appealId, appealTypes, lodgedOn } = event.data;
      const appeal: AppealState = { appealId, appealTypes, lodgedOn, outcome: null };
      return { ...state, appeals: { ...state.appeals, [appealId]: appeal } };
    }
    case 'AppealOutcomeRecorded': {
      if (state.status !== 'Open') return state;
      const appeal = state.appeals[event.data.appealId];
      if (!appeal) return state;
      const closed: AppealState = { ...appeal, outcome: event.data.outcome };
      return { ...state, appeals: { ...state.appeals, [appeal.appealId]: closed } };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
