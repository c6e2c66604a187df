/**
 * `--json`: one JSON object per line on stdout, for scripts. Events: `sweep` (what will run),
 * `trial_started`, `log`, `epoch`, `trial_finished`, `trial_failed`, `trial_pruned` (a search's
 * pruner stopped it: `epoch` and `rule`; finished, not failed), `trial_skipped` (another process
 * ran it meanwhile), `sweep_finished`. A search's trials carry their `proposal`. Every event has `event` and `time` (ISO 8601); trial
 * events have the trial's `id`.
 */
import type { Trial } from '@ablate/sweep';
import type { Progress } from './types';

const STATUS_EVENT = { done: 'trial_finished', failed: 'trial_failed', pruned: 'trial_pruned', skipped: 'trial_skipped' } as const;

export function jsonLine(event: string, fields: Record<string, unknown>): string {
  return `${JSON.stringify({ event, time: new Date().toISOString(), ...fields })}\n`;
}

function trialFields(trial: Trial) {
  return { id: trial.id, variant: trial.variant ?? null, grid: Object.fromEntries(trial.grid.map((g) => [g.path, g.value])), seed: trial.seed, ...(trial.proposal !== undefined ? { proposal: trial.proposal } : {}) };
}

export function jsonProgress(write: (text: string) => void): Progress {
  return {
    onTrialStart(trial, index, total) {
      write(jsonLine('trial_started', { ...trialFields(trial), position: index + 1, total }));
      let epochs = 0;
      return {
        onLog: (line) => write(jsonLine('log', { id: trial.id, line })),
        onEpochStart: (_epoch, total) => {
          epochs = total;
        },
        onEpochEnd: (row) => write(jsonLine('epoch', { id: trial.id, epochs, ...row })),
      };
    },
    onTrialEnd(outcome) {
      const { trial, status, seconds, metrics, reason, pruned } = outcome;
      write(jsonLine(STATUS_EVENT[status], { ...trialFields(trial), seconds, ...(metrics ? { metrics } : {}), ...(pruned ? { epoch: pruned.epoch, rule: pruned.rule } : reason ? { reason } : {}) }));
    },
    stop() {},
  };
}
