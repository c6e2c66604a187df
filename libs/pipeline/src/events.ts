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

export interface RunEvents extends TrainingEvents {
  onTrialStart?(trial: Trial, position: number, total: number): void;
  onTrialEnd?(outcome: TrialOutcome, position: number, total: number): void;
  onLog?(line: string): void;
}

export type { HistoryRow };
