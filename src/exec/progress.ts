/**
 * Progress on stderr: step, repetitions done / total, elapsed, ETA. On a terminal one line is
 * redrawn in place; otherwise (CI, a log file) each event is a plain line.
 */
export interface ProgressOut {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

export class Progress {
  private readonly start: number;
  private runsDone = 0;
  private runMs = 0;
  private drawn = false;

  constructor(
    private readonly out: ProgressOut,
    private readonly totalSteps: number,
    private readonly totalRuns: number,
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
  }

  /** A run finished (or was found finished) after `ms` of work. */
  runFinished(ms: number): void {
    this.runsDone++;
    this.runMs += ms;
  }

  line(step: number, title: string): string {
    const elapsed = this.now() - this.start;
    const left = this.totalRuns - this.runsDone;
    const perRun = this.runsDone > 0 && this.runMs > 0 ? this.runMs / this.runsDone : NaN;
    const eta = left === 0 ? '0:00:00' : Number.isFinite(perRun) ? formatDuration(perRun * left) : '?';
    return `[${step}/${this.totalSteps}] ${title} · reps ${this.runsDone}/${this.totalRuns} · elapsed ${formatDuration(elapsed)} · ETA ${eta}`;
  }

  show(step: number, title: string): void {
    const text = this.line(step, title);
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${text}`);
      this.drawn = true;
    } else {
      this.out.write(`${text}\n`);
    }
  }

  /** A message that must stay (a failure, a skip): on a terminal, printed above the redrawn line. */
  note(text: string): void {
    if (this.out.isTTY && this.drawn) this.out.write('\r\x1b[K');
    this.out.write(`${text}\n`);
    this.drawn = false;
  }

  finish(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
