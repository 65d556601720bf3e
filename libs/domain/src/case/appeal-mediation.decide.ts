import { InvalidTransition } from '../domain-error';
import { bound, latest, pastDate, requireBoolean } from './appeal-guards.decide';
import type {
  RecordMediation,
  RecordMediationAdviserContact,
  RecordMediationCertificate,
} from './appeal.commands';
import type {
  MediationAdviserContacted,
  MediationCertificateIssued,
  MediationHeld,
} from './appeal.events';
import type { OpenCaseState } from './case.state';
import type { DateBound } from './case.validation';
import { LA_DECISION_KINDS, type AppealType } from './case.types';

/** Mediation before an appeal (send-domain §1.3, SEND Regs 2014 regs 33–37): one round per LA decision. */

/** The appeal types an LA decision opens (empty when it cannot be appealed). */
export const appealableTypes = (kind: string): readonly AppealType[] =>
  (LA_DECISION_KINDS as Record<string, readonly AppealType[] | undefined>)[kind] ?? [];

export const recordMediationAdviserContact = (
  command: RecordMediationAdviserContact,
  state: OpenCaseState,
): MediationAdviserContacted => {
  const decisionId = command.data.decisionId ?? null;
  const current = state.appeals.mediation;
  let letter: DateBound | undefined;
  if (decisionId !== null) {
    const decision = state.process.decisions[decisionId];
    if (!decision) {
      throw new InvalidTransition(
        'No council decision with this id is recorded on this case, so the mediation adviser cannot have been contacted about it.',
      );
    }
    // Reg 33 applies to appealable decisions only (the letter names the adviser: regs 5(3), 10(3), 31(3), 32).
    if (appealableTypes(decision.kind).length === 0) {
      throw new InvalidTransition(
        'This council decision cannot be appealed to the tribunal, so there is no mediation adviser to contact about it.',
      );
    }
    letter = bound('the date of the decision letter', decision.decisionLetterOn);
    if (current?.decisionId === decisionId && current.contactedOn !== null) {
      throw new InvalidTransition(
        `Contact with the mediation adviser about this decision is already recorded (on ${current.contactedOn}).`,
      );
    }
  } else if (current && current.contactedOn !== null && current.certificateOn === null) {
    throw new InvalidTransition(
      `Contact with the mediation adviser is already recorded (on ${current.contactedOn}); record the mediation or the certificate next.`,
    );
  }
  const contactedOn = pastDate(
    'contactedOn',
    command.data.contactedOn,
    command.metadata.today,
    letter,
  );
  const mediationWanted = requireBoolean('mediationWanted', command.data.mediationWanted);
  return { type: 'MediationAdviserContacted', data: { decisionId, contactedOn, mediationWanted } };
};

export const recordMediation = (command: RecordMediation, state: OpenCaseState): MediationHeld => {
  const current = state.appeals.mediation;
  // Reg 33: mediation follows the family telling the adviser that it wants mediation.
  if (!current || current.contactedOn === null) {
    throw new InvalidTransition(
      'Mediation only takes place after the family tells the mediation adviser it wants mediation. Record that contact first.',
    );
  }
  if (current.mediationWanted === false) {
    throw new InvalidTransition(
      `The family told the mediation adviser on ${current.contactedOn} that it did not want mediation, so no mediation was arranged.`,
    );
  }
  if (current.endedOn !== null) {
    throw new InvalidTransition(
      `This mediation is already recorded as ended on ${current.endedOn}.`,
    );
  }
  if (current.certificateOn !== null) {
    throw new InvalidTransition(
      `The mediation certificate was already issued on ${current.certificateOn}, which closes this mediation.`,
    );
  }
  const endedOn = pastDate(
    'endedOn',
    command.data.endedOn,
    command.metadata.today,
    bound('the date the mediation adviser was contacted', current.contactedOn),
  );
  const agreementReached = requireBoolean('agreementReached', command.data.agreementReached);
  return { type: 'MediationHeld', data: { endedOn, agreementReached } };
};

export const recordMediationCertificate = (
  command: RecordMediationCertificate,
  state: OpenCaseState,
): MediationCertificateIssued => {
  const current = state.appeals.mediation;
  if (current && current.certificateOn !== null) {
    throw new InvalidTransition(
      `A mediation certificate is already recorded (issued on ${current.certificateOn}). For another decision, record the contact with the mediation adviser first.`,
    );
  }
  // Regs 34–35: the certificate follows the contact (declined) or the end of mediation.
  const after = latest(
    current?.contactedOn
      ? bound('the date the mediation adviser was contacted', current.contactedOn)
      : null,
    current?.endedOn ? bound('the date the mediation ended', current.endedOn) : null,
  );
  const issuedOn = pastDate('issuedOn', command.data.issuedOn, command.metadata.today, after);
  return { type: 'MediationCertificateIssued', data: { issuedOn } };
};
