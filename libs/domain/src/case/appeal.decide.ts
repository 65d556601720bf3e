import {
  lodgeDecisionChallenge,
  recordChallengeDecision,
  recordHscAnswer,
  recordHscRecommendations,
} from './appeal-challenges.decide';
import { lodgeAppeal } from './appeal-lodging.decide';
import {
  recordMediation,
  recordMediationAdviserContact,
  recordMediationCertificate,
} from './appeal-mediation.decide';
import { recordOrderCompliance } from './appeal-orders.decide';
import { recordAppealOutcome } from './appeal-outcome.decide';
import {
  adjournHearing,
  recordEvidence,
  recordHearingBundle,
  recordHearingHeld,
  recordLaResponse,
  registerAppeal,
  scheduleHearing,
} from './appeal-tribunal.decide';
import type { AppealCommand } from './appeal.commands';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { InvalidTransition } from '../domain-error';

/** Decisions of the appeal lifecycle (send-domain §1), one small module per stage. */
export const decideAppeal = (command: AppealCommand, state: OpenCaseState): CaseEvent[] => {
  switch (command.type) {
    case 'RecordMediationAdviserContact':
      return [recordMediationAdviserContact(command, state)];
    case 'RecordMediation':
      return [recordMediation(command, state)];
    case 'RecordMediationCertificate':
      return [recordMediationCertificate(command, state)];
    case 'LodgeAppeal':
      return [lodgeAppeal(command, state)];
    case 'RegisterAppeal':
      return [registerAppeal(command, state)];
    case 'RecordLaResponse':
      return [recordLaResponse(command, state)];
    case 'RecordEvidence':
      return [recordEvidence(command, state)];
    case 'RecordHearingBundle':
      return [recordHearingBundle(command, state)];
    case 'ScheduleHearing':
      return [scheduleHearing(command, state)];
    case 'AdjournHearing':
      return [adjournHearing(command, state)];
    case 'RecordHearingHeld':
      return [recordHearingHeld(command, state)];
    case 'RecordAppealOutcome':
      return recordAppealOutcome(command, state);
    case 'RecordOrderCompliance':
      return [recordOrderCompliance(command, state)];
    case 'LodgeDecisionChallenge':
      return [lodgeDecisionChallenge(command, state)];
    case 'RecordChallengeDecision':
      return [recordChallengeDecision(command, state)];
    case 'RecordHscRecommendations':
      return [recordHscRecommendations(command, state)];
    case 'RecordHscAnswer':
      return [recordHscAnswer(command, state)];
    default: {
      // Commands come from outside (imports, replays): an unknown type is refused, not ignored.
      const unknown: { readonly type: string } = command;
      throw new InvalidTransition(`${unknown.type} is not a command this case understands.`);
    }
  }
};
