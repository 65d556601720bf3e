import type { CaseEvent } from '@app/domain';
import type { AppealView, CaseView, TimelineEntry } from './case-status.view';

/** What the projection needs of a stored event besides its type and data. */
export interface EventEnvelope {
  readonly event: CaseEvent;
  readonly streamVersion: number;
  readonly recordedAt: string;
}

const words = (value: string): string => value.toLowerCase().replace(/_/g, ' ');

const entry = (
  envelope: EventEnvelope,
  occurredOn: string,
  summary: string,
  appealId: string | null = null,
): TimelineEntry => ({
  position: envelope.streamVersion,
  type: envelope.event.type,
  occurredOn,
  recordedAt: envelope.recordedAt,
  summary,
  appealId,
});

const withAppeal = (view: CaseView, appeal: AppealView, timeline: TimelineEntry): CaseView => ({
  ...view,
  appeals: view.appeals.some((a) => a.appealId === appeal.appealId)
    ? view.appeals.map((a) => (a.appealId === appeal.appealId ? appeal : a))
    : [...view.appeals, appeal],
  timeline: [...view.timeline, timeline],
});

/** Pure: the case document after one more event. Events the view already holds are ignored (crash replays). */
export const evolveCaseView = (view: CaseView | null, envelope: EventEnvelope): CaseView | null => {
  const { event, streamVersion, recordedAt } = envelope;
  if (view && streamVersion <= view.version) return view;
  switch (event.type) {
    case 'CaseOpened': {
      if (view) return view;
      const { caseId, ownerId, localAuthorityCode, childLabel, openedOn } = event.data;
      return {
        caseId,
        ownerId,
        localAuthorityCode,
        childLabel,
        openedOn,
        version: streamVersion,
        appeals: [],
        timeline: [entry(envelope, openedOn, 'Case opened')],
      };
    }
    case 'AppealLodged': {
      if (!view) return view;
      const { appealId, appealTypes, lodgedOn, decisionLetterOn, mediationCertificateOn } =
        event.data;
      const appeal: AppealView = {
        appealId,
        caseId: view.caseId,
        appealTypes,
        stage: 'LODGED',
        lodgedOn,
        decisionLetterOn,
        mediationCertificateOn,
        outcome: null,
        extent: null,
        decidedOn: null,
        updatedAt: recordedAt,
      };
      const summary = `Appeal lodged (${appealTypes.map(words).join(', ')})`;
      return {
        ...withAppeal(view, appeal, entry(envelope, lodgedOn, summary, appealId)),
        version: streamVersion,
      };
    }
    case 'AppealOutcomeRecorded': {
      const appeal = view?.appeals.find((a) => a.appealId === event.data.appealId);
      if (!view || !appeal) return view;
      const { outcome, extent, decidedOn } = event.data;
      const closed: AppealView = {
        ...appeal,
        stage: 'CONCLUDED',
        outcome,
        extent,
        decidedOn,
        updatedAt: recordedAt,
      };
      const summary = `Appeal ended: ${words(outcome)}${extent ? ` (${words(extent)})` : ''}`;
      return {
        ...withAppeal(view, closed, entry(envelope, decidedOn, summary, appeal.appealId)),
        version: streamVersion,
      };
    }
    default:
      // The full lifecycle's events are projected as the read model grows; until then they only move the version.
      return view ? { ...view, version: streamVersion } : view;
  }
};
