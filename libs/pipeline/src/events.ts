/** What a run reports as it goes, for the CLI's progress display (or a test). */
import type { TrainingEvents, HistoryRow } from '@ablate/training';
import type { Trial } from '@ablate/sweep';

export interface TrialOutcome {
  trial: Trial;
  /** pruned: a search's pruner stopped it early (finished, recorded, not a failure). */
  status: 'done' | 'failed' | 'pruned' | 'skipped';
  /** Test metrics (oa, aa, kappa, ... ) when done. */
  metrics?: Record<string, number>;
  reason?: string;
  /** When pruned: after which epoch, and the pruner's rule. */
  pruned?: { epoch: number; rule: string };
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
