import { ERASED_TEXT, type PersonalDataErased } from '@app/domain';
import type { CaseView } from './case-status.view';

/**
 * Purges the personal fields (the domain's PERSONAL_DATA_FIELDS, as this document holds them) the moment the
 * erasure is folded, without waiting for a rebuild: the child's label, breach notes and evidence references, the
 * reasons for adjournments and the tribunal references. Every date, stage, outcome, order, deadline and breach
 * stays, so counts and statistics do not move. A rebuild reaches the same document: the events then read as erased.
 */
export const eraseCaseView = (view: CaseView, event: PersonalDataErased): CaseView => ({
  ...view,
  childLabel: ERASED_TEXT,
  erasedOn: view.erasedOn ?? event.data.erasedOn,
  appeals: view.appeals.map((appeal) => ({
    ...appeal,
    tribunalReference: appeal.tribunalReference === null ? null : ERASED_TEXT,
    adjournments: appeal.adjournments.map((adjournment) => ({ ...adjournment, reason: null })),
  })),
  breaches: view.breaches.map((breach) => ({
    ...breach,
    notes: null,
    evidenceRefs: breach.evidenceRefs.map(() => ERASED_TEXT),
  })),
});
