import type { CaseEvent } from './case.events';

/** What the statutory-process decisions read. */
export interface ProcessState {
  readonly decisions: Readonly<
    Record<string, { readonly kind: string; readonly decisionLetterOn: string }>
  >;
}

export const initialProcessState = (): ProcessState => ({ decisions: {} });

export const evolveProcess = (state: ProcessState, event: CaseEvent): ProcessState => {
  switch (event.type) {
    case 'LaDecisionRecorded':
      return {
        ...state,
        decisions: {
          ...state.decisions,
          [event.data.decisionId]: {
            kind: event.data.kind,
            decisionLetterOn: event.data.decisionLetterOn,
          },
        },
      };
    default:
      return state;
  }
};
