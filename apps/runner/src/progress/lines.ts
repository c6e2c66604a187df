/**
 * Progress as plain lines, for logs and pipes: every trial's start, log lines and epochs, and its
 * end with the sweep's count and time left. With several trials at once (--workers), a trial's
 * lines carry its id. `quiet`: only the ends of trials.
 */
import type { Trial } from '@ablate/sweep';
import { duration, outcomeText, rowText, trialLabel } from './format';
import type { Progress } from './types';
import { SweepClock } from './sweep-clock';

export function lineProgress(write: (text: string) => void, options: { workers: number; quiet: boolean }): Progress {
  const clock = new SweepClock(options.workers);
  const labels = new Map<string, string>();
  const line = (text: string) => write(`${text}\n`);
  const sweep = () => {
    const eta = clock.eta();
    return `sweep: ${clock.finished}/${clock.total} finished${eta === undefined || clock.finished === clock.total ? '' : `, about ${duration(eta)} left`}`;
  };
  return {
    onTrialStart(trial: Trial, index, total) {
      clock.start(trial.id, total);
      const label = trialLabel(trial, { index, total });
      labels.set(trial.id, label);
      if (options.quiet) return;
      line(`${label}: started`);
      const indent = options.workers > 1 ? `  [${trial.id}] ` : '  ';
      let epochs = 0;
      return {
        onLog: (text) => line(`${indent}${text}`),
        onEpochStart: (_epoch, total) => {
          epochs = total;
        },
        onEpochEnd: (row) => line(`${indent}epoch ${row.epoch}/${epochs}: ${rowText(row)} (${row.seconds.toFixed(1)} s)`),
      };
    },
    onTrialEnd(outcome, index, total) {
      clock.end(outcome);
      // A trial another process ran meanwhile never started here: it has no label yet.
      line(`${labels.get(outcome.trial.id) ?? trialLabel(outcome.trial, { index, total })}: ${outcomeText(outcome)}; ${sweep()}`);
    },
    stop() {},
  };
}
