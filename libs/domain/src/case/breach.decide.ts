import { InvalidTransition } from '../domain-error';
import type { BreachCommand } from './breach.commands';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';

/** Reported breaches (send-domain §3) and detection of missed deadlines. */
export const decideBreach = (command: BreachCommand, _state: OpenCaseState): CaseEvent[] => {
  throw new InvalidTransition(`${command.type} is not supported yet.`);
};
