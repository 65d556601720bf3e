import type { CaseEvent } from './case.events';

export interface ErasureState {
  /** When the case's personal data was erased; null while it has not been. */
  readonly erasedOn: string | null;
}

export const initialErasureState = (): ErasureState => ({ erasedOn: null });

export const evolveErasure = (state: ErasureState, event: CaseEvent): ErasureState =>
  event.type === 'PersonalDataErased' && state.erasedOn === null
    ? { erasedOn: event.data.erasedOn }
    : state;
