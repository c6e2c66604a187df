/** TPE's ranking of a study against Optuna 3.1's _get_observation_pairs and _split_observation_pairs (the reference fixture). */
import reference from '../../fixtures/tpe-parzen-reference.json';
import { observations, splitObservations } from './history';
import type { SearchTrial } from './types';

const { split } = reference;
const trials = split.trials as SearchTrial[];

describe('ranking a study as Optuna 3.1 does', () => {
  it('counts complete and pruned trials, not failed or running ones', () => {
    expect(observations(trials, 100, 'maximize')).toHaveLength(split.n);
  });

  it.each(Object.entries(split.good))('the %s best: complete by value, then pruned by epochs reached and last value', (k, good) => {
    const obs = observations(trials, 100, 'maximize');
    expect(splitObservations(obs, Number(k)).below.map((i) => obs[i].trial.index)).toEqual(good);
  });

  it('gives the same ranking whatever the order of the history', () => {
    const shuffled = [trials[5], trials[0], ...trials.slice(6).reverse(), ...trials.slice(1, 5)];
    const obs = observations(shuffled, 100, 'maximize');
    expect(splitObservations(obs, 5).below.map((i) => obs[i].trial.index)).toEqual(split.good['5']);
  });

  it('ranks the other way round when minimizing', () => {
    const obs = observations(trials, 100, 'minimize');
    // The lowest complete value (0.78, trial 5) first; pruned trials still after every complete one.
    expect(splitObservations(obs, 1).below.map((i) => obs[i].trial.index)).toEqual([5]);
    expect(splitObservations(obs, 6).below.map((i) => obs[i].trial.index)).toEqual([0, 2, 5, 8, 10, 11]);
  });
});
