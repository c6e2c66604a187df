/**
 * Benchmark: what `reproducible: strict` costs. The Fashion-MNIST CNN (experiments/fashion-mnist-cnn.yaml)
 * on 10,000 real training images, 2 epochs, through runner:exec with the default settings (all
 * cores, oneDNN's best instruction set) and with --reproducible strict (1 thread, oneDNN capped at
 * AVX2), each in a fresh process, alternated over `--rounds` rounds (default 5). Prints
 * min/median/max of the training seconds of each and of their ratio:
 *   strict_cost_ratio    strict train seconds / default train seconds, round by round
 *   npx nx run bench:strict [--rounds 5] [--threads N: the default side's thread count]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { alternate, ratios, roundsOf, spread } from './protocol';

const ROOT = resolve(__dirname, '..');
const { values: opts } = parseArgs({ options: { rounds: { type: 'string' }, threads: { type: 'string' } } });
const SET = ['split.limit.train=10000', 'split.limit.val=1000', 'split.limit.test=2000', 'training.epochs=2', 'repeats=1', 'report.plots=false'];

function trainSeconds(extra: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-strict-'));
  try {
    const args = [...process.execArgv, join(ROOT, 'apps', 'runner', 'src', 'main.ts'), 'exec', '--experiment', join(ROOT, 'experiments', 'fashion-mnist-cnn.yaml'), '--backend', 'native', '--quiet', ...[...SET, `results_dir=${dir}`].flatMap((s) => ['--set', s]), ...extra];
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const folder = join(dir, 'fashion-mnist-cnn');
    const [trial] = readdirSync(folder).filter((n) => /^[0-9a-f]{12}$/.test(n));
    return (JSON.parse(readFileSync(join(folder, trial, 'timing.json'), 'utf8')) as { train_seconds: number }).train_seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = alternate(roundsOf(opts.rounds), () => trainSeconds(opts.threads ? ['--threads', opts.threads] : []), () => trainSeconds(['--reproducible', 'strict']));
console.log(`train_seconds_default ${spread(runs.a, 2)}`);
console.log(`train_seconds_strict ${spread(runs.b, 2)}`);
console.log(`strict_cost_ratio ${spread(ratios(runs.b, runs.a), 2)}`);
