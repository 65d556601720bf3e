import type { AppealView, CaseView } from '@app/projections';
import type { LocalAuthoritiesService } from '../reference/local-authorities.service';
import type { Appeal } from './appeal.graphql';
import type { Case } from './case.graphql';

/** Read-model documents → GraphQL objects. */
export const toAppeal = (
  view: CaseView,
  appeal: AppealView,
  las: LocalAuthoritiesService,
): Appeal => ({
  id: appeal.appealId,
  caseId: view.caseId,
  appealTypes: [...appeal.appealTypes],
  status: appeal.stage,
  localAuthorityCode: view.localAuthorityCode,
  localAuthority: las.find(view.localAuthorityCode),
  lodgedOn: appeal.lodgedOn,
  decisionLetterOn: appeal.decisionLetterOn,
  mediationCertificateOn: appeal.mediationCertificateOn,
  outcome: appeal.outcome,
  extent: appeal.extent,
  decidedOn: appeal.decidedOn,
  timeline: view.timeline.filter((entry) => entry.appealId === appeal.appealId),
});

export const toCase = (view: CaseView, las: LocalAuthoritiesService): Case => ({
  id: view.caseId,
  localAuthorityCode: view.localAuthorityCode,
  localAuthority: las.find(view.localAuthorityCode),
  childLabel: view.childLabel,
  openedOn: view.openedOn,
  appeals: view.appeals.map((appeal) => toAppeal(view, appeal, las)),
  timeline: [...view.timeline],
});
