/**
 * A study's history as the TPE sampler ranks it, as Optuna 3.1 does (samplers/_tpe/sampler.py,
 * _get_observation_pairs and _split_observation_pairs): complete trials by their value; pruned
 * trials after every complete one, those that went further first, then by their last reported
 * value; failed and running trials not at all. Sorted by index first, so that the caller's order
 * never matters, and only the trials proposed before `before`.
 */
import type { SearchDirection, SearchTrial } from './types';

export interface Observation {
  trial: SearchTrial;
  /** Optuna's (-step, sign * value): compared first on `step`, then on `score` (lower is better). */
  step: number;
  score: number;
}

/** The trials proposed before `before`, by index; two trials with one index are a caller's bug. */
export function trialsBefore(history: readonly SearchTrial[], before: number): SearchTrial[] {
  const sorted = history.filter((t) => t.index < before).sort((a, b) => a.index - b.index);
  sorted.forEach((t, i) => {
    if (i > 0 && sorted[i - 1].index === t.index) throw new Error(`search history: two trials with index ${t.index}`);
  });
  return sorted;
}

/** The last reported intermediate value and its epoch (1-based), if any. */
export function lastReported(intermediate: SearchTrial['intermediate']): { epoch: number; value: number } | undefined {
  for (let i = (intermediate?.length ?? 0) - 1; i >= 0; i--) {
    const value = intermediate?.[i];
    if (value !== undefined && value !== null) return { epoch: i + 1, value };
  }
  return undefined;
}

/** The complete and pruned trials before `before`, in index order, with their rank keys. */
export function observations(history: readonly SearchTrial[], before: number, direction: SearchDirection): Observation[] {
  const sign = direction === 'minimize' ? 1 : -1;
  return trialsBefore(history, before).flatMap((trial): Observation[] => {
    if (trial.state === 'complete') {
      // A trial that returns no number is a failed trial (Optuna marks a NaN objective FAIL).
      if (trial.value === undefined || !Number.isFinite(trial.value)) return [];
      return [{ trial, step: -Infinity, score: sign * trial.value }];
    }
    if (trial.state === 'pruned') {
      const last = lastReported(trial.intermediate);
      if (!last) return [{ trial, step: 1, score: 0 }];
      return [{ trial, step: -last.epoch, score: Number.isNaN(last.value) ? Infinity : sign * last.value }];
    }
    return [];
  });
}

/** The positions (into `obs`) of the `nBelow` best observations, and the rest; each in index order. */
export function splitObservations(obs: readonly Observation[], nBelow: number): { below: number[]; above: number[] } {
  const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
  const ranked = obs.map((o, i) => ({ o, i })).sort((x, y) => cmp(x.o.step, y.o.step) || cmp(x.o.score, y.o.score) || x.i - y.i);
  const below = ranked.slice(0, nBelow).map((r) => r.i).sort((a, b) => a - b);
  const above = ranked.slice(nBelow).map((r) => r.i).sort((a, b) => a - b);
  return { below, above };
}
