/**
 * Progress of a long command: on a terminal, one line redrawn in place (bar, rate, ETA); otherwise a plain line every
 * `intervalMs`, so logs of CI or `nohup` runs stay readable.
 */
export interface ProgressSample {
  readonly done: number;
  readonly total: number;
  /** What the rate counts, e.g. events. */
  readonly count: number;
  readonly elapsedMs: number;
}

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
};

export class ProgressReporter {
  private lastPrinted = 0;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly unit: string,
    private readonly intervalMs = 5000,
  ) {
    this.tty = stream.isTTY === true;
  }

  /** A line describing the sample: percentage, count, rate and ETA. */
  static describe(sample: ProgressSample, unit: string, width = 0): string {
    const fraction = sample.total > 0 ? Math.min(1, sample.done / sample.total) : 0;
    const seconds = sample.elapsedMs / 1000;
    const rate = seconds > 0 ? sample.count / seconds : 0;
    const eta = fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.POSITIVE_INFINITY;
    const bar =
      width > 0 ? `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ` : '';
    return (
      `${bar}${(fraction * 100).toFixed(1).padStart(5)}%  ${sample.count.toLocaleString('en-GB')} ${unit}` +
      `  ${Math.round(rate).toLocaleString('en-GB')} ${unit}/s  elapsed ${duration(seconds)}  ETA ${duration(eta)}`
    );
  }

  update(sample: ProgressSample): void {
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastPrinted < 100) return;
      this.lastPrinted = now;
      const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 70));
      this.stream.write(`\r${ProgressReporter.describe(sample, this.unit, width)}\x1b[K`);
      return;
    }
    if (now - this.lastPrinted < this.intervalMs) return;
    this.lastPrinted = now;
    this.stream.write(`${ProgressReporter.describe(sample, this.unit)}\n`);
  }

  /** Ends the in-place line (terminal) so the summary starts on a fresh line. */
  done(sample: ProgressSample): void {
    if (this.tty)
      this.stream.write(`\r${ProgressReporter.describe(sample, this.unit, 40)}\x1b[K\n`);
    else this.stream.write(`${ProgressReporter.describe(sample, this.unit)}\n`);
  }
}
