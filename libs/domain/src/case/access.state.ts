import type { CaseEvent } from './case.events';

export interface AccessGrantState {
  readonly organisation: string;
  readonly grantedOn: string;
  readonly expiresOn: string | null;
}

/** Current grants of a case (revoked ones are gone; expired ones stay until revoked or replaced). */
export interface AccessState {
  readonly grants: readonly AccessGrantState[];
}

export const initialAccessState = (): AccessState => ({ grants: [] });

/** A grant lasts to the end of its `expiresOn` day. ISO dates compare correctly as strings. */
export const grantIsActive = (grant: Pick<AccessGrantState, 'expiresOn'>, today: string): boolean =>
  grant.expiresOn === null || grant.expiresOn >= today;

export const grantOf = (state: AccessState, organisation: string): AccessGrantState | undefined =>
  state.grants.find((g) => g.organisation === organisation);

export const evolveAccess = (state: AccessState, event: CaseEvent): AccessState => {
  switch (event.type) {
    case 'AccessGranted': {
      const { organisation, grantedOn, expiresOn } = event.data;
      const others = state.grants.filter((g) => g.organisation !== organisation);
      return { grants: [...others, { organisation, grantedOn, expiresOn }] };
    }
    case 'AccessRevoked':
      return { grants: state.grants.filter((g) => g.organisation !== event.data.organisation) };
    default:
      return state;
  }
};
