export * from './decider';
export * from './domain-error';
export * from './case/case.types';
export type * from './case/case.events';
export type * from './case/case.commands';
export { evolveCase, initialCaseState, type CaseState, type AppealState } from './case/case.state';
export { caseDecider, caseStreamId } from './case/case.decider';
export { isValidLocalDate } from './deadlines/local-date';
