import { grantIsActive } from '@app/domain';
import type { CaseView } from '@app/projections';
import type { Viewer } from '../auth/viewer';
import { forbidden } from '../graphql/errors';

/** How a viewer stands to a case: the family that opened it, or an advocate of an organisation it is shared with. */
export type CaseRelation = 'OWNER' | 'GRANTEE';

/**
 * Who may see and act on a case, decided afresh on every request with today's date (no decision is cached, so a
 * revocation or an expiry counts from the next request). Deny by default:
 * - FAMILY: the cases it opened;
 * - ADVOCATE: cases shared with its organisation, while the grant lasts (to the end of its `expiresOn`), and not
 *   after the family erased the case's personal data (erasure withdraws every grant: nothing is left to work on);
 * - POLICY, ADMIN and any other role: never a case.
 */
export const relationTo = (
  viewer: Viewer,
  view: Pick<CaseView, 'ownerId' | 'grants' | 'erasedOn'>,
  today: string,
): CaseRelation | null => {
  switch (viewer.role) {
    case 'FAMILY':
      return view.ownerId === viewer.id ? 'OWNER' : null;
    case 'ADVOCATE': {
      const organisation = viewer.organisation;
      if (!organisation || view.erasedOn) return null;
      const granted = (view.grants ?? []).some(
        (grant) => grant.organisation === organisation && grantIsActive(grant, today),
      );
      return granted ? 'GRANTEE' : null;
    }
    default:
      return null;
  }
};

export const canSeeCase = (
  viewer: Viewer,
  view: Pick<CaseView, 'ownerId' | 'grants' | 'erasedOn'>,
  today: string,
): boolean => relationTo(viewer, view, today) !== null;

/** Roles that can never record case events get FORBIDDEN up front; others are checked per case (NOT_FOUND). */
export const assertMayRecordCaseEvents = (viewer: Viewer): void => {
  if (viewer.role !== 'FAMILY' && viewer.role !== 'ADVOCATE') {
    throw forbidden(
      'Only the family (or an advocate the family has shared the case with) can record events on a case.',
    );
  }
};

/** Only a family opens a case (advocates work on cases families share with them). */
export const assertMayOpenCase = (viewer: Viewer): void => {
  if (viewer.role !== 'FAMILY') throw forbidden('Only a family can open a case for their child.');
};

/** Sharing is the family's consent: only a family can grant or revoke (and only on its own cases). */
export const assertMayShareCase = (viewer: Viewer): void => {
  if (viewer.role !== 'FAMILY') {
    throw forbidden('Only the family who opened a case can share it or stop sharing it.');
  }
};
