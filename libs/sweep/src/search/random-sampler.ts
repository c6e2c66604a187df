/**
 * Random search: each active param drawn from its prior (Optuna's RandomSampler), from the
 * proposal's own streams. Depends on no history: proposal i is a function of (seed, i) alone.
 */
import { samplePrior } from './prior';
import { proposalStream } from './random-stream';
import { drawOrder, isActive } from './space';
import type { SearchParams, SearchSpace } from './types';

export function randomParams(space: SearchSpace, seed: number, index: number): SearchParams {
  const params: SearchParams = {};
  for (const path of drawOrder(space)) if (isActive(space, path, params)) params[path] = samplePrior(space[path], proposalStream(seed, index, path));
  return params;
}
