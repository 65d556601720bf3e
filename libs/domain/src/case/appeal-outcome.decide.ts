import { InvalidInput, InvalidTransition } from '../domain-error';
import { bound, latest, pastDate, requireAppeal } from './appeal-guards.decide';
import { ordersWithOutcome } from './appeal-orders.decide';
import type { RecordAppealOutcome } from './appeal.commands';
import type { AppealOutcomeRecorded } from './appeal.events';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { DECISION_EXTENTS, isAppealOutcome } from './case.types';

/** How the appeal ended (send-domain §1.6), with the orders sent with it (§1.7). */
export const recordAppealOutcome = (
  command: RecordAppealOutcome,
  state: OpenCaseState,
): CaseEvent[] => {
  const { appealId, outcome, decidedOn } = command.data;
  const appeal = requireAppeal(state, appealId, 'it cannot have an outcome');
  if (appeal.outcome !== null) {
    throw new InvalidTransition(
      `This appeal already ended (${appeal.outcome}); its outcome cannot be recorded again.`,
    );
  }
  if (!isAppealOutcome(outcome)) throw new InvalidInput('outcome', 'Unknown appeal outcome.');
  const extent = command.data.extent ?? null;
  if (outcome === 'DECIDED_IN_FAVOUR' && (extent === null || !DECISION_EXTENTS.includes(extent))) {
    throw new InvalidInput(
      'extent',
      'Say whether the tribunal decided in the family’s favour in full or in part.',
    );
  }
  if (outcome !== 'DECIDED_IN_FAVOUR' && extent !== null) {
    throw new InvalidInput(
      'extent',
      'Only a decision in the family’s favour has an extent (in full or in part).',
    );
  }
  // Not before anything recorded on the appeal. Registration is not required: families may start tracking late.
  const after = latest(
    bound('the date the appeal was lodged', appeal.lodgedOn),
    appeal.registeredOn === null
      ? null
      : bound('the date the appeal was registered', appeal.registeredOn),
    appeal.responseReceivedOn === null
      ? null
      : bound('the date of the council’s response', appeal.responseReceivedOn),
    appeal.heldOn === null ? null : bound('the date of the hearing', appeal.heldOn),
  );
  const decided = pastDate('decidedOn', decidedOn, command.metadata.today, after);
  // §1.5: conceding before the response is the "unopposed" route; reg 45 runs from the LA's notification.
  const unopposed = outcome === 'CONCEDED' && appeal.responseReceivedOn === null;
  const recorded: AppealOutcomeRecorded = {
    type: 'AppealOutcomeRecorded',
    data: {
      appealId,
      outcome,
      extent,
      decidedOn: decided,
      ...(outcome === 'CONCEDED' && { unopposed }),
    },
  };
  const orders = ordersWithOutcome(command.data.orders ?? [], state, {
    appeal,
    outcome,
    decidedOn: decided,
    today: command.metadata.today,
  });
  return [recorded, ...orders];
};
