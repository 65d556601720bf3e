import { InvalidInput, InvalidTransition } from '../domain-error';
import {
  bound,
  directedDate,
  pastDate,
  requireBoolean,
  requireOneOf,
  requireRegistered,
  requireRunningAppeal,
} from './appeal-guards.decide';
import type {
  AdjournHearing,
  RecordEvidence,
  RecordHearingBundle,
  RecordHearingHeld,
  RecordLaResponse,
  RegisterAppeal,
  ScheduleHearing,
} from './appeal.commands';
import type {
  AppealRegistered,
  EvidenceSubmitted,
  HearingAdjourned,
  HearingBundleSent,
  HearingHeld,
  HearingScheduled,
  LaResponseReceived,
} from './appeal.events';
import type { OpenCaseState } from './case.state';
import { requireText } from './case.validation';

/** Tribunal case management (send-domain §1.5): registration, the LA's response, evidence, bundle, hearing. */

const TRIBUNAL_REFERENCE = /^[A-Za-z0-9/ -]{1,30}$/;
const REGISTERED = 'the date the appeal was registered';

export const registerAppeal = (command: RegisterAppeal, state: OpenCaseState): AppealRegistered => {
  const { appealId } = command.data;
  const appeal = requireRunningAppeal(state, appealId, 'it cannot be registered');
  if (appeal.registeredOn !== null) {
    throw new InvalidTransition(`This appeal was already registered on ${appeal.registeredOn}.`);
  }
  const tribunalReference = command.data.tribunalReference.trim();
  if (!TRIBUNAL_REFERENCE.test(tribunalReference)) {
    throw new InvalidInput(
      'tribunalReference',
      'The tribunal reference is up to 30 letters, digits, spaces, "/" or "-", as on the registration letter.',
    );
  }
  // §1.5: the tribunal registers what it has received.
  const registeredOn = pastDate(
    'registeredOn',
    command.data.registeredOn,
    command.metadata.today,
    bound('the date the appeal was lodged', appeal.lodgedOn),
  );
  // The registration letter's directions (§1.5) lie ahead of registration, and may lie ahead of today.
  const directed = (field: 'responseDueOn' | 'evidenceDueOn' | 'hearingOn'): string | null => {
    const value = command.data[field] ?? null;
    return value === null ? null : directedDate(field, value, bound(REGISTERED, registeredOn));
  };
  return {
    type: 'AppealRegistered',
    data: {
      appealId,
      tribunalReference,
      registeredOn,
      responseDueOn: directed('responseDueOn'),
      evidenceDueOn: directed('evidenceDueOn'),
      hearingOn: directed('hearingOn'),
    },
  };
};

export const recordLaResponse = (
  command: RecordLaResponse,
  state: OpenCaseState,
): LaResponseReceived => {
  const { appealId } = command.data;
  const so = 'the council cannot have responded to it';
  const appeal = requireRunningAppeal(state, appealId, so);
  const registeredOn = requireRegistered(appeal, so);
  // HESC r.21: one response per appeal.
  if (appeal.responseReceivedOn !== null) {
    throw new InvalidTransition(
      `The council’s response to this appeal is already recorded (received on ${appeal.responseReceivedOn}).`,
    );
  }
  const receivedOn = pastDate(
    'receivedOn',
    command.data.receivedOn,
    command.metadata.today,
    bound(REGISTERED, registeredOn),
  );
  const opposed = requireBoolean('opposed', command.data.opposed);
  return { type: 'LaResponseReceived', data: { appealId, receivedOn, opposed } };
};

export const recordEvidence = (
  command: RecordEvidence,
  state: OpenCaseState,
): EvidenceSubmitted => {
  const { appealId } = command.data;
  const so = 'no evidence can have been sent to the tribunal for it';
  const appeal = requireRunningAppeal(state, appealId, so);
  // §1.5: evidence follows the directions sent with registration.
  const registeredOn = requireRegistered(appeal, so);
  const submittedOn = pastDate(
    'submittedOn',
    command.data.submittedOn,
    command.metadata.today,
    bound(REGISTERED, registeredOn),
  );
  const party = requireOneOf(
    'party',
    command.data.party,
    ['FAMILY', 'LA'],
    'party is FAMILY or LA.',
  );
  return { type: 'EvidenceSubmitted', data: { appealId, submittedOn, party } };
};

export const recordHearingBundle = (
  command: RecordHearingBundle,
  state: OpenCaseState,
): HearingBundleSent => {
  const { appealId } = command.data;
  const so = 'the council cannot have sent a hearing bundle for it';
  const appeal = requireRunningAppeal(state, appealId, so);
  // §1.5: the bundle is sent after registration and before the hearing. It may precede the hearing date being set
  // (from 2026, phase-transfer Section I appeals are listed only after the bundle deadline), and may be re-sent.
  const registeredOn = requireRegistered(appeal, so);
  if (appeal.heldOn !== null) {
    throw new InvalidTransition(
      `The hearing already took place on ${appeal.heldOn}; the hearing bundle is sent before it.`,
    );
  }
  const sentOn = pastDate(
    'sentOn',
    command.data.sentOn,
    command.metadata.today,
    bound(REGISTERED, registeredOn),
  );
  return { type: 'HearingBundleSent', data: { appealId, sentOn } };
};

export const scheduleHearing = (
  command: ScheduleHearing,
  state: OpenCaseState,
): HearingScheduled => {
  const { appealId } = command.data;
  const so = 'no hearing can be listed for it';
  const appeal = requireRunningAppeal(state, appealId, so);
  // §1.5: the tribunal lists the hearing once the appeal is registered.
  const registeredOn = requireRegistered(appeal, so);
  if (appeal.heldOn !== null) {
    throw new InvalidTransition(
      `The hearing of this appeal already took place on ${appeal.heldOn}.`,
    );
  }
  if (appeal.hearingOn !== null) {
    throw new InvalidTransition(
      `A hearing is already listed for ${appeal.hearingOn}. If it was moved, record the adjournment and the new date.`,
    );
  }
  const hearingOn = directedDate(
    'hearingOn',
    command.data.hearingOn,
    bound(REGISTERED, registeredOn),
  );
  return { type: 'HearingScheduled', data: { appealId, hearingOn } };
};

export const adjournHearing = (command: AdjournHearing, state: OpenCaseState): HearingAdjourned => {
  const { appealId } = command.data;
  const so = 'its hearing cannot be adjourned';
  const appeal = requireRunningAppeal(state, appealId, so);
  const registeredOn = requireRegistered(appeal, so);
  if (appeal.heldOn !== null) {
    throw new InvalidTransition(
      `The hearing already took place on ${appeal.heldOn}, so it can no longer be adjourned.`,
    );
  }
  if (appeal.hearingOn === null) {
    throw new InvalidTransition(
      'No hearing is listed for this appeal, so there is nothing to adjourn.',
    );
  }
  const adjournedOn = pastDate(
    'adjournedOn',
    command.data.adjournedOn,
    command.metadata.today,
    bound(REGISTERED, registeredOn),
  );
  const next = command.data.newHearingOn ?? null;
  const newHearingOn =
    next === null
      ? null
      : directedDate('newHearingOn', next, bound('the date of the adjournment', adjournedOn));
  const reason =
    command.data.reason == null ? null : requireText('reason', command.data.reason, 500);
  return { type: 'HearingAdjourned', data: { appealId, adjournedOn, newHearingOn, reason } };
};

export const recordHearingHeld = (
  command: RecordHearingHeld,
  state: OpenCaseState,
): HearingHeld => {
  const { appealId } = command.data;
  const so = 'no hearing can have taken place';
  const appeal = requireRunningAppeal(state, appealId, so);
  const registeredOn = requireRegistered(appeal, so);
  if (appeal.heldOn !== null) {
    throw new InvalidTransition(
      `The hearing of this appeal is already recorded on ${appeal.heldOn}.`,
    );
  }
  if (appeal.hearingOn === null) {
    throw new InvalidTransition(
      'No hearing is listed for this appeal. Record the hearing date first (or the new date after an adjournment).',
    );
  }
  const heldOn = pastDate(
    'heldOn',
    command.data.heldOn,
    command.metadata.today,
    bound(REGISTERED, registeredOn),
  );
  return { type: 'HearingHeld', data: { appealId, heldOn } };
};
