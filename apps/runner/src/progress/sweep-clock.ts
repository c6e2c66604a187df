/**
 * The sweep's clock: which trials run since when, how long the finished ones took, and from that
 * the time left. No estimate until a trial has finished (a guess from nothing would read "0s").
 */
import type { TrialOutcome } from '@ablate/pipeline';

export class SweepClock {
  private readonly running = new Map<string, number>();
  private readonly durations: number[] = [];
  total = 0;
  finished = 0;

  /** `workers`: trials that run at once; `now`: seconds (a test gives its own clock). */
  constructor(
    private readonly workers: number,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  start(id: string, total: number): void {
    this.total = total;
    this.running.set(id, this.now());
  }

  end(outcome: TrialOutcome): void {
    this.running.delete(outcome.trial.id);
    this.finished++;
    if (outcome.status === 'done') this.durations.push(outcome.seconds);
  }

  get active(): number {
    return this.running.size;
  }

  /** Seconds until the last trial ends, from the finished trials' mean time; undefined until one has finished. */
  eta(): number | undefined {
    if (this.durations.length === 0) return undefined;
    const mean = this.durations.reduce((a, b) => a + b, 0) / this.durations.length;
    const now = this.now();
    const left = [...this.running.values()].map((t0) => Math.max(0, mean - (now - t0)));
    const waiting = Math.max(0, this.total - this.finished - this.running.size);
    const work = waiting * mean + left.reduce((a, b) => a + b, 0);
    return Math.max(work / Math.max(1, this.workers), ...left, 0);
  }
}
