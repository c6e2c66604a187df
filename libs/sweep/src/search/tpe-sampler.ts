/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna 3.1's TPESampler with its
 * defaults (independent sampling, one param at a time): until `startup_trials` trials are complete
 * or pruned, the random sampler's proposal; then the finished trials are ranked (history.ts), the
 * best min(ceil(gamma n), 25) are "good", and for each active param a Parzen estimator l(x) is fit to
 * its values in the good trials and g(x) to those in the others (only trials where the param was
 * active: a conditional param learns from the trials that had it). `ei_candidates` values are drawn
 * from l(x) and the one with the largest log l(x) - log g(x) is proposed (the first, on a tie).
 */
import { fitParzen, logPdfParzen, sampleParzen } from './parzen-estimator';
import { observations, splitObservations, type Observation } from './history';
import { randomParams } from './random-sampler';
import { proposalStream } from './random-stream';
import { choiceIndex, drawOrder, inDomain, isActive } from './space';
import type { SearchDirection, SearchParam, SearchParams, SearchSampler, SearchSpace, SearchTrial } from './types';

export const TPE_DEFAULTS = { startup_trials: 10, ei_candidates: 24, gamma: 0.1, prior_weight: 1 } as const;

/** How many of n finished trials are good: Optuna's default_gamma with the fraction as an option. */
export const goodCount = (n: number, gamma: number = TPE_DEFAULTS.gamma) => Math.min(Math.ceil(gamma * n), 25);

/** A trial's value of `path` as the estimator takes it (a choice's index), or undefined when it did not have it (or it is outside today's space). */
function internal(param: SearchParam, params: SearchParams, path: string): number | undefined {
  if (!(path in params) || !inDomain(param, params[path])) return undefined;
  return param.type === 'choice' ? choiceIndex(param, params[path]) : (params[path] as number);
}

export interface TpeInput {
  space: SearchSpace;
  sampler: Extract<SearchSampler, { type: 'tpe' }>;
  seed: number;
  index: number;
  direction: SearchDirection;
  history: readonly SearchTrial[];
}

export function tpeParams({ space, sampler, seed, index, direction, history }: TpeInput): SearchParams {
  const options = { ...TPE_DEFAULTS, ...Object.fromEntries(Object.entries(sampler).filter(([, v]) => v !== undefined)) };
  const obs = observations(history, index, direction);
  if (obs.length < options.startup_trials) return randomParams(space, seed, index);
  const { below, above } = splitObservations(obs, goodCount(obs.length, options.gamma));
  const valuesOf = (positions: number[], path: string) =>
    positions.map((i) => internal(space[path], (obs[i] as Observation).trial.params, path)).filter((v): v is number => v !== undefined);
  const params: SearchParams = {};
  for (const path of drawOrder(space)) {
    if (!isActive(space, path, params)) continue;
    const param = space[path];
    const l = fitParzen(param, valuesOf(below, path), options.prior_weight);
    const g = fitParzen(param, valuesOf(above, path), options.prior_weight);
    const candidates = sampleParzen(l, proposalStream(seed, index, path), options.ei_candidates);
    const [logL, logG] = [logPdfParzen(l, candidates), logPdfParzen(g, candidates)];
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (logL[i] - logG[i] > logL[best] - logG[best]) best = i;
    params[path] = param.type === 'choice' ? param.values[candidates[best]] : candidates[best];
  }
  return params;
}
