import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';
import type { DutyHolder } from './case.types';

describe('ReportBreach (send-domain §3)', () => {
  it('records the breach, trimming its text', () =>
    given([opened])
      .when(report({ legalBasis: ' SEND Regs 2014 reg 13(2) ', notes: '  Still waiting.  ' }))
      .then([reported]));

  it.each([
    [
      'a school by name and URN',
      { kind: 'SCHOOL', localAuthorityCode: null, name: 'Oak Primary', urn: '118234' },
    ],
    [
      'a school by name only',
      { kind: 'SCHOOL', localAuthorityCode: null, name: 'Oak Primary', urn: null },
    ],
    [
      'a health body in an LA area',
      { kind: 'HEALTH_BODY', localAuthorityCode: '886', name: 'Kent and Medway ICB', urn: null },
    ],
    [
      'social care',
      {
        kind: 'SOCIAL_CARE',
        localAuthorityCode: null,
        name: 'Kent children’s services',
        urn: null,
      },
    ],
    [
      'another body',
      { kind: 'OTHER', localAuthorityCode: null, name: 'Tribunal-ordered provider', urn: null },
    ],
    ['an LA with its name', { kind: 'LA', localAuthorityCode: '886', name: 'Kent', urn: null }],
  ])('accepts %s as duty-holder', (_label, dutyHolder) =>
    given([opened])
      .when(report({ dutyHolder: dutyHolder as DutyHolder }))
      .then([{ ...reported, data: { ...reported.data, dutyHolder } } as CaseEvent]),
  );

  it('accepts a breach with no guidance, evidence or notes', () =>
    given([opened])
      .when(report({ guidanceReference: null, evidenceRefs: [], notes: null }))
      .then([
        {
          ...reported,
          data: { ...reported.data, guidanceReference: null, evidenceRefs: [], notes: null },
        } as CaseEvent,
      ]));

  it('refuses a breach id already on the case', () =>
    given([opened, reported])
      .when(report())
      .thenThrows('INVALID_TRANSITION', /already recorded/));

  it('needs an open case', () =>
    given([])
      .when(report())
      .thenThrows('INVALID_TRANSITION', /Open the case/));

  it.each([
    [{ breachType: 'BEING_RUDE' }, 'breachType', /Unknown kind of breach/],
    [
      { dutyHolder: { kind: 'PARLIAMENT', localAuthorityCode: null, name: 'x', urn: null } },
      'dutyHolder.kind',
      /Say who owed/,
    ],
    [
      { dutyHolder: { kind: 'LA', localAuthorityCode: null, name: 'Kent', urn: null } },
      'dutyHolder.localAuthorityCode',
      /3-digit/,
    ],
    [
      { dutyHolder: { kind: 'LA', localAuthorityCode: '88', name: null, urn: null } },
      'dutyHolder.localAuthorityCode',
      /3-digit/,
    ],
    [
      { dutyHolder: { kind: 'LA', localAuthorityCode: '886', name: null, urn: '118234' } },
      'dutyHolder.urn',
      /Only a school/,
    ],
    [
      { dutyHolder: { kind: 'SCHOOL', localAuthorityCode: null, name: null, urn: '118234' } },
      'dutyHolder.name',
      /Give the name/,
    ],
    [
      { dutyHolder: { kind: 'SCHOOL', localAuthorityCode: null, name: 'Oak', urn: '11823' } },
      'dutyHolder.urn',
      /6-digit/,
    ],
    [
      {
        dutyHolder: { kind: 'SCHOOL', localAuthorityCode: null, name: 'x'.repeat(201), urn: null },
      },
      'dutyHolder.name',
      /at most 200/,
    ],
    [
      { dutyHolder: { kind: 'HEALTH_BODY', localAuthorityCode: null, name: null, urn: null } },
      'dutyHolder.name',
      /Give the name/,
    ],
    [
      { dutyHolder: { kind: 'OTHER', localAuthorityCode: 'ABC', name: 'x', urn: null } },
      'dutyHolder.localAuthorityCode',
      /3-digit/,
    ],
    [{ legalBasis: '' }, 'legalBasis', /must not be empty/],
    [{ legalBasis: 'x'.repeat(201) }, 'legalBasis', /at most 200/],
    [{ legalBasis: 'reg 13\u0000' }, 'legalBasis', /control characters/],
    [{ guidanceReference: 'x'.repeat(201) }, 'guidanceReference', /at most 200/],
    [{ occurredOn: '2025-06-11' }, 'occurredOn', /later than today/],
    [{ occurredOn: '2025-02-29' }, 'occurredOn', /real date/],
    [
      { evidenceRefs: Array.from({ length: 21 }, (_, i) => `letter ${i}`) },
      'evidenceRefs',
      /at most 20/,
    ],
    [{ evidenceRefs: ['letter 1', ' letter 1 '] }, 'evidenceRefs', /once/],
    [{ evidenceRefs: [''] }, 'evidenceRefs', /must not be empty/],
    [{ evidenceRefs: ['x'.repeat(201)] }, 'evidenceRefs', /at most 200/],
    [{ notes: 'x'.repeat(2001) }, 'notes', /at most 2000/],
    [{ notes: 'a\u0008b' }, 'notes', /control characters/],
  ])('rejects %p on field %s', (change, field, message) => {
    const error = given([opened])
      .when(report(change as Partial<ReportData>))
      .thrown('BAD_USER_INPUT', message);
    expect(error.field).toBe(field);
  });
});

// ---- fixtures -------------------------------------------------------------------------------------------------
const given = specFor(caseDecider);
const metadata = { actor: 'family-1', today: '2025-06-10' };

type ReportData = Extract<CaseCommand, { type: 'ReportBreach' }>['data'];

const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    ownerId: 'family-1',
    localAuthorityCode: '886',
    childLabel: 'Sam',
    openedOn: '2025-01-02',
  },
};
const laKent: DutyHolder = { kind: 'LA', localAuthorityCode: '886', name: null, urn: null };

const report = (change: Partial<ReportData> = {}): CaseCommand => ({
  type: 'ReportBreach',
  data: {
    breachId: 'breach-1',
    breachType: 'TIMESCALE_FINAL_PLAN_20WK',
    dutyHolder: laKent,
    legalBasis: 'SEND Regs 2014 reg 13(2)',
    guidanceReference: 'SEND Code of Practice 9.41',
    occurredOn: '2025-05-27',
    evidenceRefs: ['request email 2025-01-06', 'LA acknowledgement 2025-01-07'],
    notes: 'Still waiting.',
    ...change,
  },
  metadata,
});
const reported: CaseEvent = {
  type: 'BreachReported',
  data: {
    breachId: 'breach-1',
    breachType: 'TIMESCALE_FINAL_PLAN_20WK',
    dutyHolder: laKent,
    legalBasis: 'SEND Regs 2014 reg 13(2)',
    guidanceReference: 'SEND Code of Practice 9.41',
    occurredOn: '2025-05-27',
    evidenceRefs: ['request email 2025-01-06', 'LA acknowledgement 2025-01-07'],
    notes: 'Still waiting.',
  },
};
