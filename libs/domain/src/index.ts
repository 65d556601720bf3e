export * from './decider';
export * from './domain-error';
export * from './case/case.types';
export type * from './case/case.events';
export type * from './case/process.events';
export type * from './case/appeal.events';
export type * from './case/breach.events';
export type * from './case/case.commands';
export type * from './case/process.commands';
export type * from './case/appeal.commands';
export type * from './case/breach.commands';
export type * from './case/access.events';
export type * from './case/access.commands';
export type * from './case/erasure.events';
export type * from './case/erasure.commands';
export {
  ERASED_TEXT,
  PERSONAL_DATA_FIELDS,
  type PersonalDataFields,
  type PersonalFieldKind,
} from './case/personal-data';
export {
  evolveCase,
  initialCaseState,
  type CaseState,
  type OpenCaseState,
  type AppealState,
} from './case/case.state';
export { caseDecider, caseStreamId } from './case/case.decider';
export {
  type LocalDate,
  type IsoWeekday,
  InvalidDate,
  parseLocalDate,
  isValidLocalDate,
  localDate,
  addDays,
  addWeeks,
  addMonths,
  dayOfWeek,
  isWeekend,
  compareDates,
  daysBetween,
  laterOf,
  formatLongDate,
} from './deadlines/local-date';
export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  BANK_HOLIDAY_YEARS,
  type BankHoliday,
  isBankHoliday,
  BankHolidaysUnknown,
} from './deadlines/bank-holidays';
export {
  isStatutoryWorkingDay,
  isTribunalWorkingDay,
  workingDayOnOrAfter,
  addSendRegsWorkingDays,
  addTribunalWorkingDays,
  subtractTribunalWorkingDays,
} from './deadlines/working-days';
export { type ClockKind, type Period, type PeriodUnit } from './deadlines/clocks';
export {
  type DeadlineInput,
  type DutyHolderKind,
  type OrderAction,
  type RecordedException,
  EXCEPTION_DESCRIPTIONS,
} from './deadlines/deadline-input';
export {
  computeDeadline,
  DEADLINE_RULES,
  getDeadlineRule,
  isDeadlineRuleId,
  type DeadlineRuleId,
  type DeadlineRule,
  type Deadline,
} from './deadlines/deadline-rules';
export {
  MissingDeadlineInput,
  UnknownDeadlineRule,
  ExceptionNotApplicable,
} from './deadlines/deadline.errors';
export {
  initialDeadlineTracker,
  breachTypeFor,
  defaultDutyHolder,
  optionalByDefault,
  type DeadlineTracker,
  type TrackedDeadline,
  type TrackedAppeal,
  type TrackedChallenge,
  type DeadlineStart,
  type DeadlineSubject,
} from './case/deadline-tracker.state';
export { trackDeadlines } from './case/deadline-tracker.evolve';
export {
  deadlineText,
  deriveDeadline,
  type DeadlineText,
  type DeadlineDerivation,
} from './case/deadline-text';
export {
  deadlinesAsOf,
  evaluateDeadline,
  type CaseDeadline,
  type DeadlineStatus,
} from './case/deadline-tracker.evaluation';
export {
  nextActionsAsOf,
  type NextAction,
  type NextActionKind,
} from './case/deadline-tracker.next-actions';
export { pendingBreachKeys, detectedBreachId } from './case/detect-breaches.decide';
export { remediesFor } from './case/breach-remedies';
export { grantIsActive } from './case/access.state';
export { orderDueOn, type OrderDueInput } from './case/order-deadline';
