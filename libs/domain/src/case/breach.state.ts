import type { CaseEvent } from './case.events';
import type { BreachType } from './case.types';

export interface BreachState {
  readonly breachId: string;
  readonly breachType: BreachType;
  readonly deadlineKey: string | null;
  readonly remediedOn: string | null;
}

export interface BreachesState {
  readonly breaches: Readonly<Record<string, BreachState>>;
}

export const initialBreachesState = (): BreachesState => ({ breaches: {} });

export const evolveBreaches = (state: BreachesState, event: CaseEvent): BreachesState => {
  switch (event.type) {
    case 'BreachReported':
    case 'BreachDetected': {
      const { breachId, breachType } = event.data;
      const deadlineKey = event.type === 'BreachDetected' ? event.data.deadlineKey : null;
      const breach: BreachState = { breachId, breachType, deadlineKey, remediedOn: null };
      return { breaches: { ...state.breaches, [breachId]: breach } };
    }
    case 'BreachRemedied': {
      const breach = state.breaches[event.data.breachId];
      if (!breach) return state;
      return {
        breaches: {
          ...state.breaches,
          [breach.breachId]: { ...breach, remediedOn: event.data.remediedOn },
        },
      };
    }
    default:
      return state;
  }
};
