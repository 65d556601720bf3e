import type { DomainEvent } from '../decider';
import type { RecordedException } from '../deadlines/deadline-input';
import type { AppealType, LaDecisionKind, TransferKind } from './case.types';

/** The statutory process around appeals (send-domain §2): requests, advice, LA decisions, reviews, transfers. */

/** Starts T1 (6 weeks), T3 (16 weeks) and T6 (20 weeks): SEND Regs 2014 regs 5, 10, 13. */
export type AssessmentRequested = DomainEvent<
  'AssessmentRequested',
  {
    requestId: string;
    receivedOn: string;
    requestedBy: 'PARENT' | 'YOUNG_PERSON' | 'SCHOOL' | 'OTHER';
  }
>;

/** Starts the 15-day decision (reg 25) and, once agreed, the 14-week plan (reg 27). */
export type ReassessmentRequested = DomainEvent<
  'ReassessmentRequested',
  { requestId: string; receivedOn: string }
>;

/** The LA asked a body for advice during an assessment: 6 weeks to answer (reg 8). */
export type AdviceRequested = DomainEvent<
  'AdviceRequested',
  { adviceId: string; from: 'HEALTH_BODY' | 'LA' | 'SCHOOL'; bodyName: string; requestedOn: string }
>;
export type AdviceReceived = DomainEvent<
  'AdviceReceived',
  { adviceId: string; receivedOn: string }
>;

/** A decision letter from the LA. `appealableAs` lists the appeal types it opens (empty when none). */
export type LaDecisionRecorded = DomainEvent<
  'LaDecisionRecorded',
  {
    decisionId: string;
    kind: LaDecisionKind;
    /** The day the written notice was sent (the appeal clock's start, HESC r.20). */
    decisionLetterOn: string;
    /** Whether the letter stated the right of appeal and its time limits; null when not known. */
    appealRightsStated: boolean | null;
    appealableAs: AppealType[];
  }
>;

/** An annual (or early) review meeting: report 2 weeks, LA decision 4 weeks (regs 20–22). */
export type ReviewMeetingHeld = DomainEvent<
  'ReviewMeetingHeld',
  { reviewId: string; heldOn: string }
>;

/** A phase transfer is coming: the plan must be amended by 15 February / 31 March / 5 months before (reg 18). */
export type PhaseTransferDue = DomainEvent<
  'PhaseTransferDue',
  { transferId: string; kind: TransferKind; transferYear: number; transferOn: string | null }
>;

/** An exception the regulations allow was claimed (T7, reg 8(2), reg 44/45): never assumed, only recorded. */
export type ExceptionRecorded = DomainEvent<
  'ExceptionRecorded',
  { exceptionId: string; exception: RecordedException; recordedOn: string; note: string | null }
>;

export type ProcessEvent =
  | AssessmentRequested
  | ReassessmentRequested
  | AdviceRequested
  | AdviceReceived
  | LaDecisionRecorded
  | ReviewMeetingHeld
  | PhaseTransferDue
  | ExceptionRecorded;
