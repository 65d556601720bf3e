import type { BreachCommand } from './breach.commands';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { detectBreaches } from './detect-breaches.decide';
import { reportBreach } from './report-breach.decide';

/** Reported breaches (send-domain §3) and detection of missed deadlines. */
export const decideBreach = (command: BreachCommand, state: OpenCaseState): CaseEvent[] => {
  switch (command.type) {
    case 'ReportBreach':
      return reportBreach(command, state);
    case 'DetectBreaches':
      return detectBreaches(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};
