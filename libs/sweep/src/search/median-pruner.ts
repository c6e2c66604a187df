/**
 * Optuna's MedianPruner (pruners/_percentile.py, percentile 50, interval 1, n_min_trials 1): once
 * `startup_trials` trials are complete, a trial past its `warmup_epochs` is stopped when its best
 * value so far is worse than the median of the complete trials' values at the same epoch. Epoch e
 * is Optuna's step e - 1 (steps count from 0), so warmup_epochs: 1 spares the first epoch.
 */
import { showPair } from './rule-numbers';
import type { PruneDecision, PruneInput } from './prune-types';

export const MEDIAN_DEFAULTS = { startup_trials: 5, warmup_epochs: 0 } as const;

/** numpy.nanpercentile's linear interpolation between the sorted values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function medianDecision(input: PruneInput & { pruner: { type: 'median'; startup_trials?: number; warmup_epochs?: number } }): PruneDecision {
  const { pruner, direction, epoch, values, others } = input;
  const startup = pruner.startup_trials ?? MEDIAN_DEFAULTS.startup_trials;
  const warmup = pruner.warmup_epochs ?? MEDIAN_DEFAULTS.warmup_epochs;
  const complete = others.filter((t) => t.state === 'complete');
  if (complete.length === 0 || complete.length < startup) return { prune: false };
  if (epoch - 1 < warmup || values[epoch - 1] === undefined) return { prune: false };
  const own = values.slice(0, epoch).filter((v) => !Number.isNaN(v));
  if (own.length === 0) return { prune: true, rule: `median: epoch ${epoch} value is NaN` };
  const maximize = direction === 'maximize';
  const best = maximize ? Math.max(...own) : Math.min(...own);
  const atEpoch = complete.map((t) => t.intermediate?.[epoch - 1]).filter((v): v is number => v !== undefined && v !== null);
  const median = percentile(atEpoch, 50);
  if (Number.isNaN(median) || (maximize ? best >= median : best <= median)) return { prune: false };
  const [b, m] = showPair(best, median);
  const value = best === values[epoch - 1] ? `value ${b}` : `best value ${b}`;
  const n = atEpoch.filter((v) => !Number.isNaN(v)).length;
  return { prune: true, rule: `median: epoch ${epoch} ${value} ${maximize ? 'below' : 'above'} the median ${m} of ${n} trial${n === 1 ? '' : 's'}` };
}
