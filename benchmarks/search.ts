/**
 * Benchmark: ablate's TPE and random samplers against Optuna 3.1's TPESampler (Debian's
 * python3-optuna, run by /usr/bin/python3 as a proposal server, benchmarks/optuna-study.py: the
 * benchmark only, ablate never runs Python) on synthetic objectives shaped like tuning problems.
 * Each sampler runs `--studies` studies (seeds 1..n, default 10) of `--trials` trials (default 40);
 * for each budget (10, 20, 40 trials) it prints min/median/max over the studies of the best value
 * found: the noise-free value of the trial with the best observed value (the configuration the
 * study would pick), so that noise does not reward a lucky draw.
 *
 *   tuning-4d  maximize: log lr, log weight decay, dropout, batch size (a choice); the optimum
 *              inside the box (lr* grows with the batch size, the linear scaling rule), observed
 *              with Gaussian noise (sd 0.003) that depends on the study seed and trial.
 *   branin     minimize, the classic 2-D function (3 global minima, 0.397887).
 *   hartmann6  minimize, the classic 6-D function on [0, 1]^6 (minimum -3.32237).
 *
 * To compare on a real training, write a Problem whose `objective` trains a model with the params
 * (e.g. the Fashion-MNIST CNN through the runner) and returns its validation metric, and pass it
 * to `compareSamplers`; everything else stays.
 *
 *   npx nx run bench:search [--studies 10] [--trials 40]
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { drawOrder, proposeParams, type SearchDirection, type SearchParams, type SearchSampler, type SearchSpace, type SearchTrial } from '@ablate/sweep';
import { spread } from './protocol';

/** What an objective returns: the value the sampler sees, and its noise-free value when it has one. */
export interface Evaluation {
  value: number;
  truth?: number;
}

export interface Problem {
  name: string;
  space: SearchSpace;
  direction: SearchDirection;
  /** Evaluates one trial; `seed` is the study's, `index` the trial's number (for noise, or a training's seed). */
  objective: (params: SearchParams, trial: { seed: number; index: number }) => Evaluation | Promise<Evaluation>;
}

/** A sampler under test: given a problem and a study seed, runs a study and returns each trial's evaluation in order. */
export interface Contender {
  name: string;
  run: (problem: Problem, seed: number, trials: number) => Promise<Evaluation[]>;
}

/** A study with one of ablate's samplers, through proposeParams as the runner calls it. */
export function ablate(name: string, sampler: SearchSampler): Contender {
  return {
    name,
    async run(problem, seed, trials) {
      const history: SearchTrial[] = [];
      const out: Evaluation[] = [];
      for (let index = 0; index < trials; index++) {
        const params = proposeParams({ space: problem.space, sampler, seed, index, direction: problem.direction, history });
        const evaluation = await problem.objective(params, { seed, index });
        history.push({ index, params, state: 'complete', value: evaluation.value });
        out.push(evaluation);
      }
      return out;
    },
  };
}

/** Optuna's TPESampler(seed) in a /usr/bin/python3 child; fails (never skips) when optuna cannot be imported. */
export function optunaTpe(): Contender & { close(): void } {
  let child: ChildProcessWithoutNullStreams | undefined;
  let lines: AsyncIterator<string> | undefined;
  let stderr = '';
  const start = () => {
    child = spawn('/usr/bin/python3', [resolve(__dirname, 'optuna-study.py')]);
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', (e) => (stderr += `${e.message}\n`));
    lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  };
  const send = (obj: unknown) => child!.stdin.write(`${JSON.stringify(obj)}\n`);
  const receive = async () => {
    const next = await lines!.next();
    if (next.done) throw new Error(`Optuna's process ended (is python3-optuna installed? apt-get install -y python3-optuna):\n${stderr.trim()}`);
    return JSON.parse(next.value) as Record<string, unknown>;
  };
  return {
    name: 'optuna 3.1 tpe',
    async run(problem, seed, trials) {
      if (!child) start();
      send({ study: { space: problem.space, order: drawOrder(problem.space), direction: problem.direction, seed, startup_trials: 10 } });
      const ready = await receive();
      if (!String(ready.optuna).startsWith('3.1')) console.log(`(Optuna ${ready.optuna}, not 3.1)`);
      const out: Evaluation[] = [];
      for (let index = 0; index < trials; index++) {
        send({ ask: true });
        const { params } = (await receive()) as { params: SearchParams };
        const evaluation = await problem.objective(params, { seed, index });
        send({ value: evaluation.value });
        out.push(evaluation);
      }
      send({ end: true });
      return out;
    },
    close: () => child?.stdin.end(),
  };
}

/** A Gaussian draw from the (study seed, trial) stream: the same noise for every sampler at the same trial. */
const noise = (seed: number, index: number, sd: number) => {
  const random = seedrandom(`bench-search:${seed}:${index}`);
  return sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
};

const BATCH_PENALTY: Record<number, number> = { 16: 0.012, 32: 0.004, 64: 0, 128: 0.005, 256: 0.014 };

export const TUNING_4D: Problem = {
  name: 'tuning-4d',
  direction: 'maximize',
  space: {
    'optimizer.lr': { type: 'log_uniform', low: 1e-5, high: 1 },
    'optimizer.weight_decay': { type: 'log_uniform', low: 1e-6, high: 1e-1 },
    'vars.dropout': { type: 'uniform', low: 0, high: 0.7 },
    'training.batch_size': { type: 'choice', values: [16, 32, 64, 128, 256] },
  },
  objective(params, { seed, index }) {
    const batch = params['training.batch_size'] as number;
    const lrBest = Math.log10((3e-3 * batch) / 64);
    const truth =
      0.93 -
      0.025 * (Math.log10(params['optimizer.lr'] as number) - lrBest) ** 2 -
      0.006 * (Math.log10(params['optimizer.weight_decay'] as number) + 4) ** 2 -
      0.25 * ((params['vars.dropout'] as number) - 0.3) ** 2 -
      BATCH_PENALTY[batch];
    return { truth, value: truth + noise(seed, index, 0.003) };
  },
};

export const BRANIN: Problem = {
  name: 'branin',
  direction: 'minimize',
  space: { x1: { type: 'uniform', low: -5, high: 10 }, x2: { type: 'uniform', low: 0, high: 15 } },
  objective(params) {
    const [x1, x2] = [params.x1 as number, params.x2 as number];
    const value = (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
    return { value, truth: value };
  },
};

const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((p) => p * 1e-4));

export const HARTMANN6: Problem = {
  name: 'hartmann6',
  direction: 'minimize',
  space: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x${i + 1}`, { type: 'uniform' as const, low: 0, high: 1 }])),
  objective(params) {
    const x = Array.from({ length: 6 }, (_, i) => params[`x${i + 1}`] as number);
    const value = -H_ALPHA.reduce((sum, a, i) => sum + a * Math.exp(-x.reduce((s, xj, j) => s + H_A[i][j] * (xj - H_P[i][j]) ** 2, 0)), 0);
    return { value, truth: value };
  },
};

/** The noise-free value of the best observed trial among the first `budget`. */
export function bestAfter(evaluations: readonly Evaluation[], budget: number, direction: SearchDirection): number {
  const first = evaluations.slice(0, budget);
  const best = first.reduce((b, e) => ((direction === 'maximize' ? e.value > b.value : e.value < b.value) ? e : b));
  return best.truth ?? best.value;
}

export async function compareSamplers(problems: readonly Problem[], contenders: readonly Contender[], studies: number, trials: number, budgets: readonly number[]): Promise<void> {
  for (const problem of problems) {
    console.log(`\n${problem.name} (${problem.direction}; best value found, min/median/max over ${studies} studies)`);
    console.log(['sampler'.padEnd(16), ...budgets.map((b) => `${b} trials`.padEnd(28))].join(''));
    for (const contender of contenders) {
      const started = performance.now();
      const runs: Evaluation[][] = [];
      for (let seed = 1; seed <= studies; seed++) runs.push(await contender.run(problem, seed, trials));
      const cells = budgets.map((b) => spread(runs.map((r) => bestAfter(r, b, problem.direction)), 4).padEnd(28));
      console.log([contender.name.padEnd(16), ...cells].join('') + `(${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
}

async function main() {
  const { values: opts } = parseArgs({ options: { studies: { type: 'string' }, trials: { type: 'string' } } });
  const studies = Number(opts.studies ?? 10);
  const trials = Number(opts.trials ?? 40);
  const budgets = [10, 20, 40].filter((b) => b <= trials);
  const optuna = optunaTpe();
  try {
    await compareSamplers([TUNING_4D, BRANIN, HARTMANN6], [ablate('ablate tpe', { type: 'tpe' }), ablate('ablate random', { type: 'random' }), optuna], studies, trials, budgets);
  } finally {
    optuna.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
