import { InvalidInput, InvalidTransition } from '../domain-error';
import type { AppealCommand, LodgeAppeal, RecordAppealOutcome } from './appeal.commands';
import type { AppealLodged, AppealOutcomeRecorded } from './appeal.events';
import type { AppealState } from './appeal.state';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import {
  DECISION_EXTENTS,
  RECOMMENDATION_CARRIERS,
  isAppealOutcome,
  isAppealType,
  type AppealType,
} from './case.types';
import { requireDate, today } from './case.validation';

const checkAppealTypes = (types: readonly string[]): AppealType[] => {
  if (types.length === 0) throw new InvalidInput('appealTypes', 'Choose at least one appeal type.');
  const unique = [...new Set(types)];
  if (unique.length !== types.length) {
    throw new InvalidInput('appealTypes', 'Each appeal type may be listed once.');
  }
  const valid = unique.filter(isAppealType);
  if (valid.length !== unique.length) throw new InvalidInput('appealTypes', 'Unknown appeal type.');
  // Equality Act 2010 Sch 17: a discrimination claim against a school is a claim of its own (§1.2).
  if (valid.includes('DISABILITY_DISCRIMINATION') && valid.length > 1) {
    throw new InvalidInput(
      'appealTypes',
      'A disability discrimination claim is a separate claim against the school; lodge it on its own.',
    );
  }
  // FTT Recommendations Regs 2017: recommendations only alongside an education appeal under s.51(2)(b)–(f) (§1.9).
  if (
    valid.includes('EXTENDED_HSC_RECOMMENDATION') &&
    !valid.some((type) => RECOMMENDATION_CARRIERS.includes(type))
  ) {
    throw new InvalidInput(
      'appealTypes',
      'Health and social care recommendations can only be asked for alongside an appeal about an EHC plan (not a refusal to assess).',
    );
  }
  return valid;
};

const lodgeAppeal = (command: LodgeAppeal, state: OpenCaseState): AppealLodged => {
  const { appealId, appealTypes, lodgedOn } = command.data;
  if (state.appeals.appeals[appealId])
    throw new InvalidTransition('This appeal has already been lodged.');
  const lodged = requireDate('lodgedOn', lodgedOn, { notAfter: today(command.metadata.today) });
  const lodgedBound = { label: 'the date the appeal was lodged', value: lodged };
  const letter = command.data.decisionLetterOn ?? null;
  const certificate = command.data.mediationCertificateOn ?? null;
  if (letter !== null) requireDate('decisionLetterOn', letter, { notAfter: lodgedBound });
  if (certificate !== null)
    requireDate('mediationCertificateOn', certificate, { notAfter: lodgedBound });
  return {
    type: 'AppealLodged',
    data: {
      appealId,
      appealTypes: checkAppealTypes(appealTypes),
      lodgedOn: lodged,
      decisionLetterOn: letter,
      mediationCertificateOn: certificate,
    },
  };
};

const requireAppeal = (state: OpenCaseState, appealId: string): AppealState => {
  const appeal = state.appeals.appeals[appealId];
  if (!appeal) {
    throw new InvalidTransition(
      'No appeal with this id was lodged on this case, so it cannot have an outcome.',
    );
  }
  return appeal;
};

const recordAppealOutcome = (
  command: RecordAppealOutcome,
  state: OpenCaseState,
): AppealOutcomeRecorded => {
  const { appealId, outcome, decidedOn } = command.data;
  const appeal = requireAppeal(state, appealId);
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
  const decided = requireDate('decidedOn', decidedOn, {
    notAfter: today(command.metadata.today),
    notBefore: { label: 'the date the appeal was lodged', value: appeal.lodgedOn },
  });
  return { type: 'AppealOutcomeRecorded', data: { appealId, outcome, extent, decidedOn: decided } };
};

/** Decisions of the appeal lifecycle (send-domain §1). */
export const decideAppeal = (command: AppealCommand, state: OpenCaseState): CaseEvent[] => {
  switch (command.type) {
    case 'LodgeAppeal':
      return [lodgeAppeal(command, state)];
    case 'RecordAppealOutcome':
      return [recordAppealOutcome(command, state)];
    default:
      throw new InvalidTransition(`${command.type} is not supported yet.`);
  }
};
