import { EXCEPTION_DESCRIPTIONS } from '../deadlines/deadline-input';
import { InvalidInput, InvalidTransition } from '../domain-error';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { requireDate, requireText, today } from './case.validation';
import { recordDecision } from './process-decision.decide';
import { recordPhaseTransfer, recordReviewMeeting, requirePlan } from './process-plan.decide';
import type {
  ProcessCommand,
  RecordAdviceReceived,
  RecordAdviceRequest,
  RecordException,
  RequestAssessment,
  RequestReassessment,
} from './process.commands';
import {
  assessmentUnderway,
  openAssessmentRequest,
  openReassessmentRequest,
  type ProcessState,
} from './process.state';

const REQUESTERS = ['PARENT', 'YOUNG_PERSON', 'SCHOOL', 'OTHER'] as const;
const ADVISERS = ['HEALTH_BODY', 'LA', 'SCHOOL'] as const;

const requireNewRequest = (process: ProcessState, requestId: string): void => {
  if (process.requests[requestId])
    throw new InvalidTransition('This request was already recorded.');
};

/** The last step that ended the previous assessment (or the plan): a new request cannot predate it. */
const previousEnd = (process: ProcessState): string | null => {
  const candidates = [process.assessment?.lastStepOn ?? null, process.plan?.ceasedOn ?? null];
  return candidates.reduce<string | null>(
    (a, b) => (b !== null && (a === null || b > a) ? b : a),
    null,
  );
};

const requestAssessment = (command: RequestAssessment, state: OpenCaseState): CaseEvent[] => {
  const { requestId, receivedOn, requestedBy } = command.data;
  const process = state.process;
  requireNewRequest(process, requestId);
  // CFA 2014 s.36(1): the parent, the young person or the school may ask.
  if (!(REQUESTERS as readonly string[]).includes(requestedBy)) {
    throw new InvalidInput(
      'requestedBy',
      'Say who asked: the parent, the young person, the school or someone else.',
    );
  }
  const received = requireDate('receivedOn', receivedOn, {
    notAfter: today(command.metadata.today),
  });
  // CFA 2014 s.44(2), SEND Regs 2014 reg 24: a child with a plan is re-assessed, not assessed afresh.
  if (process.plan?.status === 'MAINTAINED') {
    throw new InvalidTransition(
      `Your child already has an EHC plan (issued ${process.plan.issuedOn}): record a request for a re-assessment instead.`,
    );
  }
  // SEND Regs 2014 reg 5(1): the council must first decide on the request it has.
  const open = openAssessmentRequest(process);
  if (open) {
    throw new InvalidTransition(
      `The council has not yet decided on the assessment request received on ${open.receivedOn}: record its decision before a new request.`,
    );
  }
  // Regs 10, 13: an agreed assessment ends with a "no plan" decision or a final plan.
  const underway = assessmentUnderway(process);
  if (underway) {
    throw new InvalidTransition(
      `An assessment is already under way (since ${underway.decidedOn}): record whether the council issued a plan before a new request.`,
    );
  }
  const after = previousEnd(process);
  if (after !== null) {
    requireDate('receivedOn', received, {
      notBefore: { label: 'the council’s last decision on record', value: after },
    });
  }
  return [{ type: 'AssessmentRequested', data: { requestId, receivedOn: received, requestedBy } }];
};

const requestReassessment = (command: RequestReassessment, state: OpenCaseState): CaseEvent[] => {
  const { requestId, receivedOn } = command.data;
  const process = state.process;
  requireNewRequest(process, requestId);
  const received = requireDate('receivedOn', receivedOn, {
    notAfter: today(command.metadata.today),
  });
  // CFA 2014 s.44(2), SEND Regs 2014 reg 24: re-assessment is of a plan the LA maintains.
  const plan = requirePlan(process, 're-assessed');
  // SEND Regs 2014 reg 25: the council decides within 15 days; one open request at a time.
  const open = openReassessmentRequest(process);
  if (open) {
    throw new InvalidTransition(
      `The council has not yet decided on the re-assessment request received on ${open.receivedOn}: record its decision before a new request.`,
    );
  }
  requireDate('receivedOn', received, {
    notBefore: { label: 'the date the EHC plan was issued', value: plan.issuedOn },
  });
  const previous = process.reassessment?.decidedOn ?? null;
  if (previous !== null) {
    requireDate('receivedOn', received, {
      notBefore: {
        label: 'the council’s decision on the previous re-assessment request',
        value: previous,
      },
    });
  }
  return [{ type: 'ReassessmentRequested', data: { requestId, receivedOn: received } }];
};

// SEND Regs 2014 regs 6, 8: the LA seeks advice for the assessment; the body has 6 weeks to give it.
const recordAdviceRequest = (command: RecordAdviceRequest, state: OpenCaseState): CaseEvent[] => {
  const { adviceId, from, bodyName, requestedOn } = command.data;
  if (state.process.advice[adviceId]) {
    throw new InvalidTransition('This request for advice was already recorded.');
  }
  if (!(ADVISERS as readonly string[]).includes(from)) {
    throw new InvalidInput('from', 'Say who was asked: a health body, the council or a school.');
  }
  const name = requireText('bodyName', bodyName, 200);
  const requested = requireDate('requestedOn', requestedOn, {
    notAfter: today(command.metadata.today),
  });
  return [
    { type: 'AdviceRequested', data: { adviceId, from, bodyName: name, requestedOn: requested } },
  ];
};

const recordAdviceReceived = (command: RecordAdviceReceived, state: OpenCaseState): CaseEvent[] => {
  const { adviceId, receivedOn } = command.data;
  const advice = state.process.advice[adviceId];
  // SEND Regs 2014 reg 8(1): the 6 weeks answer a request, so the request comes first.
  if (!advice) {
    throw new InvalidTransition(
      'No request for this advice is recorded: record the request first.',
    );
  }
  if (advice.receivedOn !== null) {
    throw new InvalidTransition(`This advice was already received (${advice.receivedOn}).`);
  }
  const received = requireDate('receivedOn', receivedOn, {
    notAfter: today(command.metadata.today),
    notBefore: { label: 'the date the advice was requested', value: advice.requestedOn },
  });
  return [{ type: 'AdviceReceived', data: { adviceId, receivedOn: received } }];
};

const isRecordedException = (value: string): value is keyof typeof EXCEPTION_DESCRIPTIONS =>
  Object.prototype.hasOwnProperty.call(EXCEPTION_DESCRIPTIONS, value);

// SEND Regs 2014 regs 5(4), 8(2), 10(4), 13(3), 44, 45 (send-domain §2.1 T7): exceptions are recorded, never assumed.
const recordException = (command: RecordException, state: OpenCaseState): CaseEvent[] => {
  const { exceptionId, exception, recordedOn } = command.data;
  const note = command.data.note ?? null;
  if (state.process.exceptions[exceptionId]) {
    throw new InvalidTransition('This exception was already recorded.');
  }
  if (!isRecordedException(exception)) {
    throw new InvalidInput('exception', `Unknown exception "${String(exception)}".`);
  }
  const recorded = requireDate('recordedOn', recordedOn, {
    notAfter: today(command.metadata.today),
  });
  return [
    {
      type: 'ExceptionRecorded',
      data: {
        exceptionId,
        exception,
        recordedOn: recorded,
        // Personal data (UK GDPR): kept short.
        note: note === null ? null : requireText('note', note, 500),
      },
    },
  ];
};

/** Decisions of the statutory process around appeals (send-domain §2). */
export const decideProcess = (command: ProcessCommand, state: OpenCaseState): CaseEvent[] => {
  switch (command.type) {
    case 'RequestAssessment':
      return requestAssessment(command, state);
    case 'RequestReassessment':
      return requestReassessment(command, state);
    case 'RecordAdviceRequest':
      return recordAdviceRequest(command, state);
    case 'RecordAdviceReceived':
      return recordAdviceReceived(command, state);
    case 'RecordDecision':
      return recordDecision(command, state);
    case 'RecordReviewMeeting':
      return recordReviewMeeting(command, state);
    case 'RecordPhaseTransfer':
      return recordPhaseTransfer(command, state);
    case 'RecordException':
      return recordException(command, state);
    default: {
      const unknown: never = command;
      throw new InvalidTransition(
        `${(unknown as { type: string }).type} is not a process command.`,
      );
    }
  }
};
