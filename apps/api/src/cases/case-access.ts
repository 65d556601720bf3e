import type { CaseView } from '@app/projections';
import type { Viewer } from '../auth/viewer';
import { forbidden } from '../graphql/errors';

/**
 * Who may see and act on a case. Deny by default: a family sees only the cases it opened. (Advocates gain access
 * through the family's grants; policy users and operators never see a case.)
 */
export const canSeeCase = (viewer: Viewer, view: Pick<CaseView, 'ownerId'>): boolean =>
  viewer.role === 'FAMILY' && view.ownerId === viewer.id;

/** Roles that can never record case events get FORBIDDEN up front; others are checked per case. */
export const assertMayRecordCaseEvents = (viewer: Viewer): void => {
  if (viewer.role !== 'FAMILY') {
    throw forbidden(
      'Only the family (or an advocate the family has shared the case with) can record events on a case.',
    );
  }
};
