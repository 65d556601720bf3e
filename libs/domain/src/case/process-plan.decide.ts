import { InvalidInput, InvalidTransition } from '../domain-error';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { TRANSFER_KINDS } from './case.types';
import { requireDate, today } from './case.validation';
import type { RecordPhaseTransfer, RecordReviewMeeting } from './process.commands';
import { maintainedPlan, type PlanState, type ProcessState } from './process.state';

/**
 * The plan in force, or a refusal a parent understands. `action` completes "so it cannot be …", e.g. "reviewed".
 * Ceasing ends the plan (CFA 2014 s.45); only an appeal or order against the cease brings it back (§2.4).
 */
export const requirePlan = (process: ProcessState, action: string): PlanState => {
  const plan = maintainedPlan(process);
  if (plan) return plan;
  if (process.plan?.status === 'CEASED') {
    throw new InvalidTransition(
      `The council decided on ${process.plan.ceasedOn} to stop (cease) the EHC plan, so it cannot be ${action}. ` +
        'It only continues if an appeal against that decision succeeds or the tribunal orders it.',
    );
  }
  throw new InvalidTransition(
    `There is no EHC plan on record, so it cannot be ${action}. ` +
      'If the plan was issued before you started tracking, record the final plan first.',
  );
};

export const recordReviewMeeting = (
  command: RecordReviewMeeting,
  state: OpenCaseState,
): CaseEvent[] => {
  const { reviewId, heldOn } = command.data;
  if (state.process.reviews[reviewId]) {
    throw new InvalidTransition('This review meeting was already recorded.');
  }
  const held = requireDate('heldOn', heldOn, { notAfter: today(command.metadata.today) });
  // CFA 2014 s.44(1): a review is of a plan the LA maintains.
  const plan = requirePlan(state.process, 'reviewed');
  // CFA 2014 s.44(1)(a): the first review falls within 12 months of the plan being made, so after it.
  if (held <= plan.issuedOn) {
    throw new InvalidInput(
      'heldOn',
      `heldOn (${held}) must be after the EHC plan was issued (${plan.issuedOn}): a review looks at a plan already made.`,
    );
  }
  return [{ type: 'ReviewMeetingHeld', data: { reviewId, heldOn: held } }];
};

/** The bank-holiday table behind the deadline clocks covers these years (send-domain §9). */
const FIRST_TRANSFER_YEAR = 2014;
const LAST_TRANSFER_YEAR = 2030;
/** Transfers are planned ahead, but not this far: a later year is almost certainly a typing slip. */
const YEARS_AHEAD = 2;

const checkTransferYear = (transferYear: number, todayValue: string): number => {
  const latest = Math.min(LAST_TRANSFER_YEAR, Number(todayValue.slice(0, 4)) + YEARS_AHEAD);
  if (
    !Number.isInteger(transferYear) ||
    transferYear < FIRST_TRANSFER_YEAR ||
    transferYear > latest
  ) {
    throw new InvalidInput(
      'transferYear',
      `transferYear must be a year from ${FIRST_TRANSFER_YEAR} to ${latest}, not ${transferYear}.`,
    );
  }
  return transferYear;
};

export const recordPhaseTransfer = (
  command: RecordPhaseTransfer,
  state: OpenCaseState,
): CaseEvent[] => {
  const { transferId, kind } = command.data;
  const transferOn = command.data.transferOn ?? null;
  if (state.process.transfers[transferId]) {
    throw new InvalidTransition('This phase transfer was already recorded.');
  }
  if (!TRANSFER_KINDS.includes(kind)) {
    throw new InvalidInput('kind', `Unknown kind of phase transfer "${String(kind)}".`);
  }
  const transferYear = checkTransferYear(command.data.transferYear, command.metadata.today);
  // SEND Regs 2014 reg 18(2): only a post-16 → post-16 move at another time runs from its date (5 months before).
  if (kind === 'POST16_OTHER') {
    if (transferOn === null) {
      throw new InvalidInput(
        'transferOn',
        'Give the date of the move: the plan must be reviewed at least 5 months before it.',
      );
    }
    requireDate('transferOn', transferOn, {});
    if (!transferOn.startsWith(`${transferYear}-`)) {
      throw new InvalidInput(
        'transferOn',
        `transferOn (${transferOn}) must fall in transferYear (${transferYear}).`,
      );
    }
  } else if (transferOn !== null) {
    // SEND Regs 2014 reg 18(1): the other transfers have fixed deadlines (15 February, 31 March).
    throw new InvalidInput(
      'transferOn',
      'Only a post-16 move at another time of year has its own date; this transfer has a fixed deadline.',
    );
  }
  // SEND Regs 2014 reg 18: the review before a transfer is a review of a plan the LA maintains.
  requirePlan(state.process, 'reviewed for a phase transfer');
  const same = Object.values(state.process.transfers).some(
    (transfer) =>
      transfer.kind === kind &&
      transfer.transferYear === transferYear &&
      transfer.transferOn === transferOn,
  );
  if (same) throw new InvalidTransition('This phase transfer is already recorded on the case.');
  return [{ type: 'PhaseTransferDue', data: { transferId, kind, transferYear, transferOn } }];
};
