/**
 * Optuna's SuccessiveHalvingPruner (pruners/_successive_halving.py; min_resource = min_epochs,
 * min_early_stopping_rate 0, no bootstrap): rung k is at epoch min_epochs * reduction_factor^k. At a
 * rung, the trial's value joins the values every other trial had there (those that went on, were
 * pruned there or are still running); the trial goes on when its value is among the best
 * 1/reduction_factor of them (the best one while fewer than reduction_factor have reached it),
 * and stops otherwise. Between rungs it never stops.
 */
import { showPair } from './rule-numbers';
import type { PruneDecision, PruneInput } from './prune-types';

export const ASHA_DEFAULTS = { min_epochs: 1, reduction_factor: 3 } as const;

/** The rung at `epoch` (0, 1, ...), or undefined between rungs. */
export function rungAt(epoch: number, minEpochs: number, factor: number): number | undefined {
  for (let k = 0, at = minEpochs; at <= epoch; k++, at *= factor) if (at === epoch) return k;
  return undefined;
}

export function ashaDecision(input: PruneInput & { pruner: { type: 'asha'; min_epochs?: number; reduction_factor?: number } }): PruneDecision {
  const { pruner, direction, epoch, values, others } = input;
  const minEpochs = pruner.min_epochs ?? ASHA_DEFAULTS.min_epochs;
  const factor = pruner.reduction_factor ?? ASHA_DEFAULTS.reduction_factor;
  const rung = rungAt(epoch, minEpochs, factor);
  const value = values[epoch - 1];
  if (rung === undefined || value === undefined) return { prune: false };
  if (Number.isNaN(value)) return { prune: true, rule: `asha: epoch ${epoch} value is NaN` };
  const competing = [...others.map((t) => t.intermediate?.[epoch - 1]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v)), value].sort((a, b) => a - b);
  const index = Math.max(0, Math.floor(competing.length / factor) - 1);
  const maximize = direction === 'maximize';
  const threshold = maximize ? competing[competing.length - 1 - index] : competing[index];
  if (maximize ? value >= threshold : value <= threshold) return { prune: false };
  const [v, t] = showPair(value, threshold);
  return { prune: true, rule: `asha: epoch ${epoch} value ${v} ${maximize ? 'below the top' : 'above the best'} 1/${factor} of rung ${rung} (${t}, ${competing.length} trials)` };
}
