/** What a run reports as it goes, for the CLI's progress display (or a test). */
import type { TrainingEvents, HistoryRow } from '@ablate/training';
import type { Trial } from '@ablate/sweep';

export interface TrialOutcome {
  trial: Trial;
  status: 'done' | 'failed' | 'skipped';
  /** Test metrics (oa, aa, kappa, ... ) when done. */
  metrics?: Record<string, number>;
  reason?: string;
  seconds: number;
}

/** What one running trial reports: its log lines, epochs and batches. */
export interface TrialEvents extends TrainingEvents {
  onLog?(line: string): void;
}

/**
 * A sweep's events. Several trials may run at once (`--workers N`): each trial's progress goes to
 * the handlers that `onTrialStart` returned for it. Every trial of the sweep that was pending ends
 * with `onTrialEnd`, also one another process ran meanwhile (status `skipped`, with the reason).
 */
export interface RunEvents {
  onTrialStart?(trial: Trial, position: number, total: number): TrialEvents | void;
  onTrialEnd?(outcome: TrialOutcome, position: number, total: number): void;
}

export type { HistoryRow };
