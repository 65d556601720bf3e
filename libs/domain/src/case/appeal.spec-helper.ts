import { specFor } from '../decider.spec-helper';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';

/**
 * Shared fixtures of the appeal specs (imported by *.spec.ts files only): one SEN appeal about Section F,
 * lodged 20 Nov 2024, registered 2 Dec 2024, answered 15 Jan 2025, heard 24 Feb 2025, decided Mon 3 Mar 2025.
 * Today is 10 Jun 2025.
 */
export const given = specFor(caseDecider);
export const TODAY = '2025-06-10';
export const caseId = 'c0ffee00-0000-4000-8000-000000000001';
export const appealId = 'appeal-1';
export const decisionId = 'decision-1';

type CommandType = CaseCommand['type'];
export type CommandData<T extends CommandType> = Extract<CaseCommand, { type: T }>['data'];
type EventData<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

export const command = <T extends CommandType>(
  type: T,
  data: CommandData<T>,
  today: string = TODAY,
): CaseCommand => ({ type, data, metadata: { actor: 'family-1', today } }) as CaseCommand;

/** A command whose data is deliberately wrong (unknown enum values, missing fields). */
export const loose = <T extends CommandType>(
  type: T,
  data: Partial<Record<keyof CommandData<T>, unknown>>,
): CaseCommand => command(type, data as CommandData<T>);

export const event = <T extends CaseEvent['type']>(type: T, data: EventData<T>): CaseEvent =>
  ({ type, data }) as CaseEvent;

/** Asserts an InvalidInput naming `field`. */
export const expectField = (error: { field?: string }, field: string): void =>
  expect(error.field).toBe(field);

export const caseOpened = event('CaseOpened', {
  caseId,
  ownerId: 'family-1',
  localAuthorityCode: '886',
  childLabel: 'Sam',
  openedOn: '2024-09-01',
});

export const decisionRecorded = (
  change: Partial<EventData<'LaDecisionRecorded'>> = {},
): CaseEvent =>
  event('LaDecisionRecorded', {
    decisionId,
    kind: 'FINAL_PLAN_ISSUED',
    decisionLetterOn: '2024-10-01',
    appealRightsStated: true,
    appealableAs: ['CONTENTS_B', 'CONTENTS_F', 'PLACEMENT_I', 'NO_PLACEMENT_NAMED'],
    ...change,
  });

export const lodged = (change: Partial<EventData<'AppealLodged'>> = {}): CaseEvent =>
  event('AppealLodged', {
    appealId,
    appealTypes: ['CONTENTS_F'],
    lodgedOn: '2024-11-20',
    decisionLetterOn: '2024-10-01',
    mediationCertificateOn: '2024-11-15',
    ...change,
  });

export const registered = (change: Partial<EventData<'AppealRegistered'>> = {}): CaseEvent =>
  event('AppealRegistered', {
    appealId,
    tribunalReference: 'EH886/24/00123',
    registeredOn: '2024-12-02',
    responseDueOn: '2025-01-20',
    evidenceDueOn: '2025-02-03',
    hearingOn: null,
    ...change,
  });

export const responded = event('LaResponseReceived', {
  appealId,
  receivedOn: '2025-01-15',
  opposed: true,
});
export const scheduled = event('HearingScheduled', { appealId, hearingOn: '2025-02-24' });
export const held = event('HearingHeld', { appealId, heldOn: '2025-02-24' });

export const decided = (change: Partial<EventData<'AppealOutcomeRecorded'>> = {}): CaseEvent =>
  event('AppealOutcomeRecorded', {
    appealId,
    outcome: 'DECIDED_IN_FAVOUR',
    extent: 'IN_FULL',
    decidedOn: '2025-03-03',
    ...change,
  });

export const orderMade = (change: Partial<EventData<'TribunalOrderMade'>> = {}): CaseEvent =>
  event('TribunalOrderMade', {
    appealId,
    orderId: 'order-1',
    orderType: 'AMEND_B_F',
    basis: 'TRIBUNAL_ORDER',
    madeOn: '2025-03-03',
    directedDueOn: null,
    ...change,
  });

/** Lodged, registered, answered (opposed), heard: ready for an outcome. */
export const heardAppeal: readonly CaseEvent[] = [
  caseOpened,
  lodged(),
  registered(),
  responded,
  scheduled,
  held,
];
