import { InvalidInput, InvalidTransition } from '../domain-error';
import type { AccessCommand } from './access.commands';
import { decideAccess } from './access.decide';
import { decideAppeal } from './appeal.decide';
import { decideBreach } from './breach.decide';
import { remediesFor } from './breach-remedies';
import type { AppealCommand } from './appeal.commands';
import type { BreachCommand } from './breach.commands';
import type { CaseCommand, OpenCase } from './case.commands';
import type { ProcessCommand } from './process.commands';
import type { CaseEvent, CaseOpened } from './case.events';
import type { CaseState, OpenCaseState } from './case.state';
import { requireText } from './case.validation';
import { decideErasure, isErasureMatter } from './erasure.decide';
import { decideProcess } from './process.decide';

const LA_CODE = /^\d{3}$/;

const openCase = (command: OpenCase, state: CaseState): CaseOpened => {
  if (state.status !== 'Empty') throw new InvalidTransition('This case is already open.');
  const { caseId, localAuthorityCode, childLabel } = command.data;
  if (!LA_CODE.test(localAuthorityCode)) {
    throw new InvalidInput(
      'localAuthorityCode',
      `localAuthorityCode must be the 3-digit DfE code of a local authority (e.g. 886 for Kent), not "${localAuthorityCode}".`,
    );
  }
  return {
    type: 'CaseOpened',
    data: {
      caseId,
      ownerId: command.metadata.actor,
      localAuthorityCode,
      childLabel: requireText('childLabel', childLabel, 100),
      openedOn: command.metadata.today,
    },
  };
};

const PROCESS_COMMANDS = new Set<string>([
  'RequestAssessment',
  'RequestReassessment',
  'RecordAdviceRequest',
  'RecordAdviceReceived',
  'RecordDecision',
  'RecordReviewMeeting',
  'RecordPhaseTransfer',
  'RecordException',
]);
const BREACH_COMMANDS = new Set<string>(['ReportBreach', 'DetectBreaches']);
const ACCESS_COMMANDS = new Set<string>(['GrantAccess', 'RevokeAccess']);

const decideArea = (command: CaseCommand, state: OpenCaseState): CaseEvent[] => {
  if (PROCESS_COMMANDS.has(command.type)) return decideProcess(command as ProcessCommand, state);
  if (BREACH_COMMANDS.has(command.type)) return decideBreach(command as BreachCommand, state);
  if (ACCESS_COMMANDS.has(command.type)) return decideAccess(command as AccessCommand, state);
  return decideAppeal(command as AppealCommand, state);
};

/**
 * Opens the case, or hands the command to its area once the case is open. When the area's events meet a deadline
 * whose breach was detected, the breach is remedied in the same append.
 */
export const decideCase = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (command.type === 'OpenCase') return [openCase(command, state)];
  if (state.status !== 'Open') throw new InvalidTransition('Open the case first.');
  if (isErasureMatter(command, state)) return decideErasure(command, state);
  const events = decideArea(command, state);
  if (command.type === 'DetectBreaches') return events;
  return [...events, ...remediesFor(state, events)];
};
