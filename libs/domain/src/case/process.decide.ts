import { InvalidTransition } from '../domain-error';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import type { ProcessCommand } from './process.commands';

/** Decisions of the statutory process around appeals (send-domain §2). */
export const decideProcess = (command: ProcessCommand, _state: OpenCaseState): CaseEvent[] => {
  throw new InvalidTransition(`${command.type} is not supported yet.`);
};
