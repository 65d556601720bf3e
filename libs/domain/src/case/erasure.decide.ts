import { InvalidInput, InvalidTransition } from '../domain-error';
import type { CaseCommand } from './case.commands';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import type { ErasePersonalData } from './erasure.commands';
import type { ErasureRequester, PersonalDataErased } from './erasure.events';

const REQUESTERS: readonly ErasureRequester[] = ['FAMILY', 'ADMIN'];

/**
 * The right to erasure (send-domain §6): the family that opened the case, or an operator processing its request.
 * Asking again is not an error: the answer is the same and nothing more is recorded.
 */
const erasePersonalData = (
  command: ErasePersonalData,
  state: OpenCaseState,
): PersonalDataErased[] => {
  const { requestedBy } = command.data;
  if (!REQUESTERS.includes(requestedBy)) {
    throw new InvalidInput('requestedBy', `Unknown requester "${String(requestedBy)}".`);
  }
  if (requestedBy === 'FAMILY' && command.metadata.actor !== state.ownerId) {
    throw new InvalidTransition(
      'Only the family who opened the case, or an operator processing its request, can erase its personal data.',
    );
  }
  if (state.erasure.erasedOn !== null) return [];
  return [{ type: 'PersonalDataErased', data: { erasedOn: command.metadata.today, requestedBy } }];
};

/** Whether a command on an open case is the erasure's to decide: the request itself, or anything after it. */
export const isErasureMatter = (command: CaseCommand, state: OpenCaseState): boolean =>
  command.type === 'ErasePersonalData' || state.erasure.erasedOn !== null;

/**
 * After erasure the case is kept for the statistics only, as it stood: nobody records anything on it any more, and
 * the breach detector finds nothing new in it (a family that left cannot say the council acted).
 */
export const decideErasure = (command: CaseCommand, state: OpenCaseState): CaseEvent[] => {
  if (command.type === 'ErasePersonalData') return erasePersonalData(command, state);
  if (command.type === 'DetectBreaches') return [];
  throw new InvalidTransition(
    'The personal data of this case was erased: it is kept, unchanged, for statistics only.',
  );
};
