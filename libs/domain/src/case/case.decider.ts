import type { Decider } from '../decider';
import type { CaseCommand } from './case.commands';
import { decideCase } from './case.decide';
import type { CaseEvent } from './case.events';
import { evolveCase, initialCaseState, type CaseState } from './case.state';

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};

/** Streams are `category-id`, so a category scan (`case-%`, KurrentDB `$ce-case`) finds every case. */
export const caseStreamId = (caseId: string): string => `case-${caseId}`;
