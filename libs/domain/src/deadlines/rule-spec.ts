import { applyClock, type ClockKind, type Period } from './clocks';
import {
  type DateField,
  type DeadlineInput,
  type DutyHolderKind,
  type RecordedException,
} from './deadline-input';
import { MissingDeadlineInput } from './deadline.errors';
import { formatLongDate, parseLocalDate, type LocalDate } from './local-date';

/** What a rule produces before the catalogue adds its metadata and any recorded exception. */
export interface ComputedDeadline {
  readonly dueOn: LocalDate;
  readonly explanation: string;
  readonly dutyHolder?: DutyHolderKind; // when the input decides who owes the duty
}

export interface RuleSpec {
  readonly title: string;
  readonly citation: string;
  readonly section: string; // where send-domain.md describes it
  readonly clock: ClockKind;
  readonly period: Period | null; // null for IMMEDIATE and FIXED_DATE
  readonly dutyHolder: DutyHolderKind;
  readonly needs: readonly (keyof DeadlineInput)[];
  readonly exceptions: readonly RecordedException[];
  readonly caveat?: string; // a known legal uncertainty, shown to advisers
  readonly compute: (input: DeadlineInput, ruleId: string) => ComputedDeadline;
}

export function requireDate(input: DeadlineInput, field: DateField, ruleId: string): LocalDate {
  const value = input[field];
  if (value === undefined) throw new MissingDeadlineInput(ruleId, field);
  return parseLocalDate(value);
}

export function optionalDate(input: DeadlineInput, field: DateField): LocalDate | undefined {
  const value = input[field];
  return value === undefined ? undefined : parseLocalDate(value);
}

export function requireValue<K extends keyof DeadlineInput>(
  input: DeadlineInput,
  field: K,
  ruleId: string,
): NonNullable<DeadlineInput[K]> {
  const value = input[field];
  if (value === undefined || value === null) throw new MissingDeadlineInput(ruleId, field);
  return value;
}

export const days = (amount: number): Period => ({ amount, unit: 'DAYS' });
export const weeks = (amount: number): Period => ({ amount, unit: 'WEEKS' });
export const months = (amount: number): Period => ({ amount, unit: 'MONTHS' });
export const workingDays = (amount: number): Period => ({ amount, unit: 'WORKING_DAYS' });

interface ClockRuleSpec extends Omit<RuleSpec, 'compute' | 'needs' | 'exceptions'> {
  readonly start: DateField;
  readonly exceptions?: readonly RecordedException[];
  /** Plain English; `start` and `due` arrive formatted as "14 August 2025". */
  readonly explain: (dates: { start: string; due: string }) => string;
}

/** The common shape: one start date, one clock, one sentence. */
export function clockRule({ start, explain, exceptions = [], ...meta }: ClockRuleSpec): RuleSpec {
  return {
    ...meta,
    needs: [start],
    exceptions,
    compute(input, ruleId) {
      const startOn = requireDate(input, start, ruleId);
      const dueOn = applyClock(meta.clock, meta.period, startOn);
      const explanation = explain({ start: formatLongDate(startOn), due: formatLongDate(dueOn) });
      return { dueOn, explanation };
    },
  };
}
