import { InvalidInput, InvalidTransition } from '../domain-error';
import { bound, requireId } from './appeal-guards.decide';
import { appealableTypes } from './appeal-mediation.decide';
import type { LodgeAppeal } from './appeal.commands';
import type { AppealLodged } from './appeal.events';
import type { OpenCaseState } from './case.state';
import {
  RECOMMENDATION_CARRIERS,
  isAppealType,
  type AppealType,
  type DutyHolder,
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

const URN = /^\d{6}$/;
const LA_CODE = /^\d{3}$/;

/** Equality Act 2010 Sch 17: the claim is against the school's responsible body (§1.1), never the LA's SEN team. */
const checkRespondent = (
  types: readonly AppealType[],
  respondent: DutyHolder | null,
): DutyHolder | null => {
  if (!types.includes('DISABILITY_DISCRIMINATION')) {
    if (respondent !== null) {
      throw new InvalidInput(
        'respondent',
        'Only a disability discrimination claim names a respondent; an appeal about an EHC decision is always against the local authority.',
      );
    }
    return null;
  }
  if (respondent === null || respondent.kind !== 'SCHOOL') {
    throw new InvalidInput(
      'respondent',
      'A disability discrimination claim is made against the school: give the school’s name as the respondent.',
    );
  }
  const name = (respondent.name ?? '').trim();
  if (name.length === 0 || name.length > 200) {
    throw new InvalidInput('respondent', 'Give the school’s name (at most 200 characters).');
  }
  const urn = respondent.urn ?? null;
  if (urn !== null && !URN.test(urn)) {
    throw new InvalidInput(
      'respondent',
      'A school’s URN is 6 digits (see Get Information about Schools).',
    );
  }
  const code = respondent.localAuthorityCode ?? null;
  if (code !== null && !LA_CODE.test(code)) {
    throw new InvalidInput('respondent', 'The local authority code is the 3-digit DfE code.');
  }
  return { kind: 'SCHOOL', name, urn, localAuthorityCode: code };
};

/** The recorded LA decision appealed against: it must exist and open the types appealed (CFA 2014 s.51(2)). */
const checkDecision = (
  state: OpenCaseState,
  decisionId: string,
  types: readonly AppealType[],
): { readonly decisionLetterOn: string } => {
  const decision = state.process.decisions[decisionId];
  if (!decision) {
    throw new InvalidTransition(
      'No council decision with this id is recorded on this case, so an appeal cannot be lodged against it.',
    );
  }
  const opens = appealableTypes(decision.kind);
  if (opens.length === 0) {
    throw new InvalidTransition('This council decision cannot be appealed to the tribunal.');
  }
  const misfits = types.filter((t) => t !== 'EXTENDED_HSC_RECOMMENDATION' && !opens.includes(t));
  if (misfits.length > 0) {
    throw new InvalidInput(
      'appealTypes',
      `This decision can only be appealed as ${opens.join(', ')}, not ${misfits.join(', ')}.`,
    );
  }
  return decision;
};

export const lodgeAppeal = (command: LodgeAppeal, state: OpenCaseState): AppealLodged => {
  const { appealId, lodgedOn } = command.data;
  requireId('appealId', appealId);
  if (state.appeals.appeals[appealId])
    throw new InvalidTransition('This appeal has already been lodged.');
  const lodged = requireDate('lodgedOn', lodgedOn, { notAfter: today(command.metadata.today) });
  const lodgedBound = bound('the date the appeal was lodged', lodged);
  const appealTypes = checkAppealTypes(command.data.appealTypes);
  const decisionId = command.data.decisionId ?? null;
  const decision = decisionId === null ? null : checkDecision(state, decisionId, appealTypes);

  let letter = command.data.decisionLetterOn ?? null;
  if (letter !== null) requireDate('decisionLetterOn', letter, { notAfter: lodgedBound });
  if (decision !== null) {
    if (letter !== null && letter !== decision.decisionLetterOn) {
      throw new InvalidInput(
        'decisionLetterOn',
        `The decision appealed against is recorded with a letter dated ${decision.decisionLetterOn}, not ${letter}.`,
      );
    }
    letter = requireDate('decisionLetterOn', decision.decisionLetterOn, { notAfter: lodgedBound });
  }

  // Reg 33–35: the certificate follows the decision letter; prefer the one recorded for this decision.
  const mediation = state.appeals.mediation;
  const recorded =
    decisionId !== null && mediation?.decisionId === decisionId ? mediation.certificateOn : null;
  const certificate = command.data.mediationCertificateOn ?? recorded;
  if (certificate !== null) {
    requireDate('mediationCertificateOn', certificate, {
      notAfter: lodgedBound,
      ...(letter !== null && { notBefore: bound('the date of the decision letter', letter) }),
    });
    if (recorded !== null && certificate !== recorded) {
      throw new InvalidInput(
        'mediationCertificateOn',
        `The mediation certificate for this decision is recorded as issued on ${recorded}, not ${certificate}.`,
      );
    }
  }
  const respondent = checkRespondent(appealTypes, command.data.respondent ?? null);
  return {
    type: 'AppealLodged',
    data: {
      appealId,
      appealTypes,
      lodgedOn: lodged,
      decisionLetterOn: letter,
      mediationCertificateOn: certificate,
      ...(decisionId !== null && { decisionId }),
      ...(respondent !== null && { respondent }),
    },
  };
};
