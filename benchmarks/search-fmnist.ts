/**
 * Benchmark: the samplers of bench:search on a real training: the Fashion-MNIST
 * CNN of benchmarks/fixtures/fmnist-tuning.yaml (5,000 real training images, 2 epochs), tuning
 * log lr, log weight decay, dropout and the batch size for the validation accuracy, as
 * experiments/fashion-mnist-cnn-search.yaml does but without pruning, so that every sampler sees
 * the same objective: ablate's TPE and random search (proposeParams, as exec calls it) and Optuna
 * 3.1's TPESampler (Debian's python3-optuna through benchmarks/optuna-study.py; the benchmark
 * only). Each study's trials train with the study's seed, so a configuration costs one training
 * per study whichever sampler proposes it (trials are kept by id under --results and reused; TPE's
 * start-up proposals are random search's). Prints, per sampler, the min/median/max over studies
 * of the best validation accuracy after 10 and 20 trials (and --trials).
 *
 *   npx nx run bench:search-fmnist [--studies 3] [--trials 20] [--results /tmp/ablate-search-bench]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '@ablate/backend';
import { runExperiment } from '@ablate/pipeline';
import { planExperiment, TrialStore, type SearchParams, type SearchSpace } from '@ablate/sweep';
import { ablate, compareSamplers, optunaTpe, type Problem } from './search';

const FIXTURE = resolve(__dirname, 'fixtures', 'fmnist-tuning.yaml');

const SPACE: SearchSpace = {
  'optimizer.lr': { type: 'log_uniform', low: 1e-4, high: 3e-2 },
  'optimizer.weight_decay': { type: 'log_uniform', low: 1e-5, high: 1e-1 },
  'vars.dropout': { type: 'uniform', low: 0, high: 0.5 },
  'training.batch_size': { type: 'choice', values: [32, 64, 128] },
};

/** The problem: one training of the fixture with the params, the study's seed as the trial's. */
export function fashionMnistProblem(resultsDir: string, threads: number): Problem & { trainings: () => number } {
  let trainings = 0;
  return {
    name: 'fashion-mnist-cnn (val. OA)',
    space: SPACE,
    direction: 'maximize',
    trainings: () => trainings,
    async objective(params: SearchParams, { seed }) {
      const set = [`seed=${seed}`, ...Object.entries(params).map(([path, value]) => `${path}=${JSON.stringify(value)}`)];
      const { expansion, loaded } = planExperiment(FIXTURE, { set });
      const [trial] = expansion.trials;
      const store = new TrialStore(join(resultsDir, expansion.name));
      const backend = await selectBackend('native', { threads });
      if (store.status(trial.id) === 'missing') trainings++;
      const [outcome] = await runExperiment([trial], { experiment: expansion.name, baseDir: resolve(loaded.file, '..'), store, backend });
      if (outcome.status === 'failed') throw new Error(`trial ${trial.id} failed: ${outcome.reason}`);
      const metrics = JSON.parse(readFileSync(join(store.dir, trial.id, 'metrics.json'), 'utf8')) as { val?: { oa?: number } };
      const value = metrics.val?.oa;
      if (typeof value !== 'number') throw new Error(`trial ${trial.id} has no val.oa`);
      return { value };
    },
  };
}

async function main() {
  const { values: opts } = parseArgs({ options: { studies: { type: 'string' }, trials: { type: 'string' }, results: { type: 'string' }, threads: { type: 'string' } } });
  const studies = Number(opts.studies ?? 3);
  const trials = Number(opts.trials ?? 20);
  const budgets = [...new Set([10, 20, trials])].filter((b) => b <= trials).sort((a, b) => a - b);
  const problem = fashionMnistProblem(resolve(opts.results ?? '/tmp/ablate-search-bench'), Number(opts.threads ?? 2));
  const started = performance.now();
  const optuna = optunaTpe();
  try {
    await compareSamplers([problem], [ablate('ablate tpe', { type: 'tpe' }), ablate('ablate random', { type: 'random' }), optuna], studies, trials, budgets);
  } finally {
    optuna.close();
  }
  console.log(`\n${problem.trainings()} trainings in ${((performance.now() - started) / 60000).toFixed(1)} min (a configuration proposed twice in a study trains once)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
