import { InvalidTransition } from '../domain-error';
import type { AccessCommand, GrantAccess, RevokeAccess } from './access.commands';
import type { AccessGranted, AccessRevoked } from './access.events';
import { grantIsActive, grantOf } from './access.state';
import type { OpenCaseState } from './case.state';
import { requireDate, requireText, today } from './case.validation';

/** Consent is the family's: only the user who opened the case can share it or withdraw it. */
const requireOwner = (command: AccessCommand, state: OpenCaseState): void => {
  if (command.metadata.actor !== state.ownerId) {
    throw new InvalidTransition(
      'Only the family who opened the case can share it or stop sharing it.',
    );
  }
};

const grantAccess = (command: GrantAccess, state: OpenCaseState): AccessGranted[] => {
  requireOwner(command, state);
  const organisation = requireText('organisation', command.data.organisation, 100);
  const expiresOn =
    command.data.expiresOn === null
      ? null
      : requireDate('expiresOn', command.data.expiresOn, {
          notBefore: today(command.metadata.today),
        });
  const current = grantOf(state.access, organisation);
  // Sharing again on the same terms changes nothing: no event.
  if (current && current.expiresOn === expiresOn && grantIsActive(current, command.metadata.today))
    return [];
  return [
    {
      type: 'AccessGranted',
      data: {
        organisation,
        grantedBy: command.metadata.actor,
        grantedOn: command.metadata.today,
        expiresOn,
      },
    },
  ];
};

const revokeAccess = (command: RevokeAccess, state: OpenCaseState): AccessRevoked[] => {
  requireOwner(command, state);
  const organisation = requireText('organisation', command.data.organisation, 100);
  if (!grantOf(state.access, organisation)) {
    throw new InvalidTransition(`This case is not shared with ${organisation}.`);
  }
  return [
    {
      type: 'AccessRevoked',
      data: { organisation, revokedBy: command.metadata.actor, revokedOn: command.metadata.today },
    },
  ];
};

/** Consent grants (product §3.7): who, besides the family, may see and act on the case. */
export const decideAccess = (
  command: AccessCommand,
  state: OpenCaseState,
): (AccessGranted | AccessRevoked)[] => {
  switch (command.type) {
    case 'GrantAccess':
      return grantAccess(command, state);
    case 'RevokeAccess':
      return revokeAccess(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};
