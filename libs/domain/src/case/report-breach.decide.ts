import { InvalidInput, InvalidTransition } from '../domain-error';
import type { ReportBreach } from './breach.commands';
import type { CaseEvent } from './case.events';
import type { OpenCaseState } from './case.state';
import { BREACH_TYPES, DUTY_HOLDER_KINDS, type DutyHolder } from './case.types';
import { requireDate, requireText, today } from './case.validation';

const LA_CODE = /^\d{3}$/;
const URN = /^\d{6}$/;
const MAX_EVIDENCE_REFS = 20;

const optionalText = (field: string, value: string | null | undefined, maxLength: number) =>
  value === null || value === undefined ? null : requireText(field, value, maxLength);

const laCode = (value: string | null | undefined, required: boolean): string | null => {
  const code = value ?? null;
  if (code === null && !required) return null;
  if (code === null || !LA_CODE.test(code)) {
    throw new InvalidInput(
      'dutyHolder.localAuthorityCode',
      'dutyHolder.localAuthorityCode must be the 3-digit DfE code of a local authority (e.g. 886 for Kent).',
    );
  }
  return code;
};

/**
 * send-domain §3, §9: breaches attach to a duty-holder type. An LA by its DfE code (§4.6), a school's responsible
 * body by name and URN (the LGSCO cannot investigate academies; discrimination claims go against schools), a health
 * body, social care or another body by name.
 */
const checkDutyHolder = (dutyHolder: DutyHolder): DutyHolder => {
  const { kind } = dutyHolder;
  if (!(DUTY_HOLDER_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidInput(
      'dutyHolder.kind',
      'Say who owed the duty: the council, a school, a health body, social care or another body.',
    );
  }
  const urn = dutyHolder.urn ?? null;
  if (kind !== 'SCHOOL' && urn !== null) {
    throw new InvalidInput('dutyHolder.urn', 'Only a school has a URN.');
  }
  if (urn !== null && !URN.test(urn)) {
    throw new InvalidInput('dutyHolder.urn', 'dutyHolder.urn must be the school’s 6-digit URN.');
  }
  if (kind === 'LA') {
    return {
      kind,
      localAuthorityCode: laCode(dutyHolder.localAuthorityCode, true),
      name: optionalText('dutyHolder.name', dutyHolder.name, 200),
      urn: null,
    };
  }
  if (dutyHolder.name === null || dutyHolder.name === undefined) {
    throw new InvalidInput('dutyHolder.name', 'Give the name of the body that owed the duty.');
  }
  return {
    kind,
    // The area's council, when given (e.g. the LA maintaining a school, or whose social care is meant).
    localAuthorityCode: laCode(dutyHolder.localAuthorityCode, false),
    name: requireText('dutyHolder.name', dutyHolder.name, 200),
    urn,
  };
};

const checkEvidenceRefs = (refs: readonly string[]): string[] => {
  if (refs.length > MAX_EVIDENCE_REFS) {
    throw new InvalidInput(
      'evidenceRefs',
      `List at most ${MAX_EVIDENCE_REFS} evidence references; the documents themselves stay with you.`,
    );
  }
  const checked = refs.map((ref) => requireText('evidenceRefs', ref, 200));
  if (new Set(checked).size !== checked.length) {
    throw new InvalidInput('evidenceRefs', 'Each evidence reference may be listed once.');
  }
  return checked;
};

/** A breach a family or advocate reports (send-domain §3); detected breaches come from the deadline engine. */
export const reportBreach = (command: ReportBreach, state: OpenCaseState): CaseEvent[] => {
  const { breachId, breachType } = command.data;
  if (state.breaches.breaches[breachId]) {
    throw new InvalidTransition('This breach was already recorded on the case.');
  }
  if (!(BREACH_TYPES as readonly string[]).includes(breachType)) {
    throw new InvalidInput('breachType', `Unknown kind of breach "${String(breachType)}".`);
  }
  const dutyHolder = checkDutyHolder(command.data.dutyHolder);
  // send-domain §3: the law broken (legalBasis) is kept apart from the statutory guidance (guidanceReference).
  const legalBasis = requireText('legalBasis', command.data.legalBasis, 200);
  const guidanceReference = optionalText('guidanceReference', command.data.guidanceReference, 200);
  const occurredOn = requireDate('occurredOn', command.data.occurredOn, {
    notAfter: today(command.metadata.today),
  });
  // send-domain §3 "evidence a tracker should capture": references to it, never the documents.
  const evidenceRefs = checkEvidenceRefs(command.data.evidenceRefs);
  // Personal data (UK GDPR): the family's own words, bounded.
  const notes = optionalText('notes', command.data.notes, 2000);
  return [
    {
      type: 'BreachReported',
      data: {
        breachId,
        breachType,
        dutyHolder,
        legalBasis,
        guidanceReference,
        occurredOn,
        evidenceRefs,
        notes,
      },
    },
  ];
};
