import { newEventId, type NewEvent } from '@app/event-store';

/** One measured figure of the benchmark. */
export interface Measurement {
  readonly section: string;
  readonly workload: string;
  readonly store: string;
  /** Median over the runs. */
  readonly value: number;
  readonly unit: string;
  readonly runs: readonly number[];
  readonly note?: string;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const rate = (count: number, ms: number): number => (count * 1000) / ms;

export const benchEvent = (n: number): NewEvent => ({
  // The ids the service gives events without an idempotency key (handleCommand).
  id: newEventId(),
  type: 'BenchEventRecorded',
  data: {
    n,
    caseId: 'bench',
    occurredOn: '2025-01-01',
    note: 'a short payload like most case events',
  },
  metadata: {
    recordedAt: new Date().toISOString(),
    actor: 'bench',
    correlationId: 'bench',
    causationId: 'bench',
    schemaVersion: 1,
  },
});

/** The load average now, to say how busy the shared machine was during a figure. */
export const load = (): string => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require('node:os') as typeof import('node:os');
  return os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
};

export const fmt = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(value >= 10 ? 1 : 2);

export const log = (message: string): void => void process.stderr.write(`${message}\n`);
