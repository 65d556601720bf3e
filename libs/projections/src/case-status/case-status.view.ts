import type { AppealOutcome, AppealType, DecisionExtent } from '@app/domain';

/** Where an appeal stands, as a family would say it. The full lifecycle adds stages between these. */
export type AppealStage = 'LODGED' | 'CONCLUDED';

export interface AppealView {
  readonly appealId: string;
  readonly caseId: string;
  readonly appealTypes: readonly AppealType[];
  readonly stage: AppealStage;
  readonly lodgedOn: string;
  readonly decisionLetterOn: string | null;
  readonly mediationCertificateOn: string | null;
  readonly outcome: AppealOutcome | null;
  readonly extent: DecisionExtent | null;
  readonly decidedOn: string | null;
  readonly updatedAt: string;
}

export interface TimelineEntry {
  readonly position: number;
  readonly type: string;
  /** The business date (the letter, the lodging, the decision), not when it was typed in. */
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly summary: string;
  readonly appealId: string | null;
}

export interface CaseView {
  readonly caseId: string;
  readonly ownerId: string;
  readonly localAuthorityCode: string;
  readonly childLabel: string;
  readonly openedOn: string;
  /** Stream version folded so far: events at or below it are already in the view (replays are skipped). */
  readonly version: number;
  readonly appeals: readonly AppealView[];
  readonly timeline: readonly TimelineEntry[];
}
