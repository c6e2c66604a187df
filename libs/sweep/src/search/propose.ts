/**
 * The search's one entry point for proposals: the params of proposal number `index` of a study,
 * a pure function of the space, the sampler, the study's seed, the index and the trials proposed
 * before it (in any order). Calling it again with the same inputs gives the same params, on any
 * machine: the runner may persist a proposal or recompute it.
 */
import { randomParams } from './random-sampler';
import { tpeParams } from './tpe-sampler';
import type { SearchDirection, SearchParams, SearchSampler, SearchSpace, SearchTrial } from './types';

export interface ProposeInput {
  space: SearchSpace;
  sampler: SearchSampler;
  /** The study's seed. */
  seed: number;
  /** The proposal's number, from 0. */
  index: number;
  direction: SearchDirection;
  /** The study's trials (those with index >= `index` are ignored). */
  history: readonly SearchTrial[];
}

export function proposeParams(input: ProposeInput): SearchParams {
  const { sampler } = input;
  switch (sampler.type) {
    case 'random':
      return randomParams(input.space, input.seed, input.index);
    case 'tpe':
      return tpeParams({ ...input, sampler });
  }
}
