/** The words and numbers every progress display shares: trial labels, epoch rows, durations. */
import type { TrialOutcome } from '@ablate/pipeline';
import type { Trial } from '@ablate/sweep';

export const fmt = (v: number | undefined) => (v === undefined ? '-' : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

/** "1m 05s", "2h 03m", "42s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** An epoch's history row without its epoch number and time: "lr 0.00100, loss 0.4213, val.oa 0.8512". */
export function rowText(row: Record<string, number>): string {
  return Object.entries(row)
    .filter(([k]) => k !== 'epoch' && k !== 'seconds')
    .map(([k, v]) => `${k} ${k === 'lr' ? v.toPrecision(3) : fmt(v)}`)
    .join(', ');
}

/** 'trial 2/4 <id> "w/ BN" model.width=32 seed 1' (the position when known). */
export function trialLabel(trial: Trial, position?: { index: number; total: number }): string {
  const where = position ? ` ${position.index + 1}/${position.total}` : '';
  return `trial${where} ${trial.id}${trial.proposal !== undefined ? ` proposal ${trial.proposal}` : ''}${trial.variant !== undefined ? ` "${trial.variant}"` : ''}${trial.grid.map((g) => ` ${g.path}=${JSON.stringify(g.value)}`).join('')} seed ${trial.seed}`;
}

/** The end of a trial in words: "done in 20.1 s (oa 0.8123)", "failed in 3.0 s (NaN loss ...)", "not run here, <why>". */
export function outcomeText(outcome: TrialOutcome): string {
  if (outcome.status === 'skipped') return `not run here, ${outcome.reason ?? 'already done'}`;
  const what = outcome.status === 'done' ? Object.entries(outcome.metrics ?? {}).filter(([k]) => ['oa', 'aa', 'kappa', 'mse', 'psnr'].includes(k)).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') : outcome.reason;
  return `${outcome.status} in ${outcome.seconds.toFixed(1)} s${what ? ` (${what})` : ''}`;
}
