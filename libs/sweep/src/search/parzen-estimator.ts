/**
 * The Parzen estimator of one parameter, as Optuna 3.1's univariate TPE builds it
 * (optuna/samplers/_tpe/parzen_estimator.py, consider_prior, consider_magic_clip, not
 * consider_endpoints): a mixture with one component per observation plus the prior.
 *
 * Numerical params live in a transformed range: the log of the range for log params (an int with
 * log from log(low - 0.5) to log(high + 0.5)), a stepped range (ints, uniform with step) widened by
 * half a step at each end. Each observation is a truncated normal on that range, centred on it,
 * as wide as the larger gap to its sorted neighbours (the outermost ones: the gap inwards), at least
 * range / min(100, n + 2) and at most the range; the prior is centred with the range as sigma.
 * A choice is a categorical mixture: each observation puts 1 on its value plus prior_weight / (n + 1)
 * on every value; the prior spreads the same evenly.
 *
 * The density of a continuous candidate includes the -log(sigma) of each truncated normal: Optuna
 * 3.1 leaves it out (optuna/optuna issue 5109, fixed by pull request 5110 in later versions), which
 * favours wide components. A stepped value's probability is its normal mass over its step.
 */
import type { Random } from '@ablate/spec';
import { logGaussMass, normLogPdf, truncnormPpf } from './normal';
import { stepCount, stepValue } from './step-value';
import type { SearchParam } from './types';

/** Optuna's default_weights: 1 for each observation, older ones ramped down from 1/n past the last 25. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const count = n - 25;
  // numpy.linspace(1 / n, 1, count): start + i * step, the last exactly 1.
  const step = count > 1 ? (1 - 1 / n) / (count - 1) : 0;
  const ramp = Array.from({ length: count }, (_, i) => (i === count - 1 && count > 1 ? 1 : 1 / n + i * step));
  return [...ramp, ...new Array<number>(25).fill(1)];
}

export interface ParzenEstimator {
  param: SearchParam;
  /** Component weights, the prior's last, summing to 1. */
  weights: number[];
  /** Numerical: the range in transformed space, the step (undefined: continuous), component means and sigmas. */
  low?: number;
  high?: number;
  q?: number;
  mus?: number[];
  sigmas?: number[];
  /** Choice: per component, the probability of each value. */
  categorical?: number[][];
}

/** The transformed range of a numerical param and its step there (undefined: continuous). */
export function parzenBounds(param: Exclude<SearchParam, { type: 'choice' }>): { low: number; high: number; q?: number } {
  if (param.type === 'log_uniform') return { low: Math.log(param.low), high: Math.log(param.high) };
  if (param.type === 'int' && param.log) return { low: Math.log(param.low - 0.5), high: Math.log(param.high + 0.5) };
  const q = param.type === 'int' ? (param.step ?? 1) : param.step;
  return q === undefined ? { low: param.low, high: param.high } : { low: param.low - 0.5 * q, high: param.high + 0.5 * q, q };
}

const isLog = (param: SearchParam) => param.type === 'log_uniform' || (param.type === 'int' && param.log === true);

/** A value in the transformed space (the log for log params); a choice's value is its index. */
export const toTransformed = (param: SearchParam, value: number) => (isLog(param) ? Math.log(value) : value);

/**
 * The estimator of `observations` (numbers for numerical params, value indices for a choice), in
 * the order of their trials (the weights ramp by age past 25).
 */
export function fitParzen(param: SearchParam, observations: readonly number[], priorWeight: number): ParzenEstimator {
  const n = observations.length;
  const raw = [...defaultWeights(n), priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  if (param.type === 'choice') {
    const k = param.values.length;
    const categorical = Array.from({ length: n + 1 }, (_, i) => {
      const row = new Array<number>(k).fill(priorWeight / (n + 1));
      if (i < n) row[observations[i]] += 1;
      const sum = row.reduce((a, b) => a + b, 0);
      return row.map((p) => p / sum);
    });
    return { param, weights, categorical };
  }
  const { low, high, q } = parzenBounds(param);
  const mus = [...observations.map((v) => toTransformed(param, v)), 0.5 * (low + high)];
  // Sorted with the ends of the range around them; a stable sort (numpy's argsort is stable up to 17 elements).
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const ends = [low, ...order.map((i) => mus[i]), high];
  const sorted = order.map((_, j) => Math.max(ends[j + 1] - ends[j], ends[j + 2] - ends[j + 1]));
  if (ends.length >= 4) {
    sorted[0] = ends[2] - ends[1];
    sorted[sorted.length - 1] = ends[ends.length - 2] - ends[ends.length - 3];
  }
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, j) => (sigmas[i] = sorted[j]));
  const [minSigma, maxSigma] = [(high - low) / Math.min(100, 1 + mus.length), high - low];
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sigmas[i]));
  sigmas[n] = high - low;
  return { param, weights, low, high, ...(q === undefined ? {} : { q }), mus, sigmas };
}

/** numpy's round: halves to even. */
const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** A value of the transformed space back as the param's value (rounded to its step, in its range). */
function toParam(param: Exclude<SearchParam, { type: 'choice' }>, x: number): number {
  const clip = (v: number) => Math.min(param.high, Math.max(param.low, v));
  if (param.type === 'log_uniform') return clip(Math.exp(x));
  if (param.type === 'int' && param.log) return clip(roundHalfEven(Math.exp(x)));
  const q = param.type === 'int' ? (param.step ?? 1) : param.step;
  if (q === undefined) return x;
  const k = Math.min(stepCount(param.low, param.high, q), Math.max(0, roundHalfEven((x - param.low) / q)));
  return param.type === 'int' ? param.low + k * q : stepValue(param.low, q, k);
}

/** `size` draws: the component by its weight (numpy's choice: the first whose cumulative weight exceeds u), then a value from it. */
export function sampleParzen(est: ParzenEstimator, random: Random, size: number): number[] {
  const cumulative: number[] = [];
  est.weights.reduce((acc, w, i) => (cumulative[i] = acc + w), 0);
  const last = cumulative[cumulative.length - 1];
  const components = Array.from({ length: size }, () => {
    const u = random() * last;
    const i = cumulative.findIndex((c) => c > u);
    return i < 0 ? cumulative.length - 1 : i;
  });
  return components.map((c) => {
    const u = random();
    if (est.categorical) {
      const row = est.categorical[c];
      let acc = 0;
      let index = 0;
      for (const p of row) if ((acc += p) < u) index++;
      return Math.min(index, row.length - 1);
    }
    const [mu, sigma, low, high] = [est.mus![c], est.sigmas![c], est.low!, est.high!];
    const x = truncnormPpf(u, (low - mu) / sigma, (high - mu) / sigma) * sigma + mu;
    return toParam(est.param as Exclude<SearchParam, { type: 'choice' }>, x);
  });
}

/** log of the mixture's density (continuous), or probability (stepped, choice), at each sample. */
export function logPdfParzen(est: ParzenEstimator, samples: readonly number[]): number[] {
  const logWeights = est.weights.map(Math.log);
  return samples.map((sample) => {
    const terms = logWeights.map((lw, c) => lw + componentLogPdf(est, c, sample));
    const max = Math.max(...terms);
    if (max === -Infinity) return -Infinity;
    return max + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - max), 0));
  });
}

function componentLogPdf(est: ParzenEstimator, c: number, sample: number): number {
  if (est.categorical) return Math.log(est.categorical[c][sample]);
  const [mu, sigma, low, high] = [est.mus![c], est.sigmas![c], est.low!, est.high!];
  const x = toTransformed(est.param, sample);
  const accept = logGaussMass((low - mu) / sigma, (high - mu) / sigma);
  if (est.q === undefined) return x < low || x > high ? -Infinity : normLogPdf((x - mu) / sigma) - accept - Math.log(sigma);
  const upper = Math.min(x + est.q / 2, high);
  const lower = Math.max(x - est.q / 2, low);
  return logGaussMass((lower - mu) / sigma, (upper - mu) / sigma) - accept;
}
