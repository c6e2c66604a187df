/**
 * Draws from a param's prior, as Optuna's RandomSampler does: uniform in the transformed range
 * (the log for log params), a stepped or whole-number range widened by half a step at each end and
 * rounded (so each value has the same chance), a choice uniform over its values.
 */
import type { Random } from '@ablate/spec';
import { stepCount, stepValue } from './step-value';
import type { SearchParam } from './types';

export function samplePrior(param: SearchParam, random: Random): unknown {
  const u = random();
  switch (param.type) {
    case 'choice':
      return param.values[Math.min(param.values.length - 1, Math.floor(u * param.values.length))];
    case 'log_uniform':
      return Math.min(Math.exp(Math.log(param.low) + u * (Math.log(param.high) - Math.log(param.low))), param.high);
    case 'uniform':
      if (param.step === undefined) return param.low + u * (param.high - param.low);
      return stepValue(param.low, param.step, uniformIndex(u, stepCount(param.low, param.high, param.step)));
    case 'int':
      if (param.log) {
        const [lo, hi] = [Math.log(param.low - 0.5), Math.log(param.high + 0.5)];
        return Math.min(param.high, Math.max(param.low, Math.round(Math.exp(lo + u * (hi - lo)))));
      }
      return param.low + uniformIndex(u, stepCount(param.low, param.high, param.step ?? 1)) * (param.step ?? 1);
  }
}

/** One of 0..count, equally likely. */
const uniformIndex = (u: number, count: number) => Math.min(count, Math.floor(u * (count + 1)));
