import type { DomainCommand } from '../decider';
import type { RecordedException } from '../deadlines/deadline-input';
import type { LaDecisionKind, TransferKind } from './case.types';

export type RequestAssessment = DomainCommand<
  'RequestAssessment',
  {
    requestId: string;
    receivedOn: string;
    requestedBy: 'PARENT' | 'YOUNG_PERSON' | 'SCHOOL' | 'OTHER';
  }
>;
export type RequestReassessment = DomainCommand<
  'RequestReassessment',
  { requestId: string; receivedOn: string }
>;
export type RecordAdviceRequest = DomainCommand<
  'RecordAdviceRequest',
  { adviceId: string; from: 'HEALTH_BODY' | 'LA' | 'SCHOOL'; bodyName: string; requestedOn: string }
>;
export type RecordAdviceReceived = DomainCommand<
  'RecordAdviceReceived',
  { adviceId: string; receivedOn: string }
>;
export type RecordDecision = DomainCommand<
  'RecordDecision',
  {
    decisionId: string;
    kind: LaDecisionKind;
    decisionLetterOn: string;
    appealRightsStated: boolean | null;
  }
>;
export type RecordReviewMeeting = DomainCommand<
  'RecordReviewMeeting',
  { reviewId: string; heldOn: string }
>;
export type RecordPhaseTransfer = DomainCommand<
  'RecordPhaseTransfer',
  { transferId: string; kind: TransferKind; transferYear: number; transferOn: string | null }
>;
export type RecordException = DomainCommand<
  'RecordException',
  { exceptionId: string; exception: RecordedException; recordedOn: string; note: string | null }
>;

export type ProcessCommand =
  | RequestAssessment
  | RequestReassessment
  | RecordAdviceRequest
  | RecordAdviceReceived
  | RecordDecision
  | RecordReviewMeeting
  | RecordPhaseTransfer
  | RecordException;
