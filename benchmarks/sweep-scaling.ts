/**
 * Benchmark: an 8-trial sweep (benchmarks/fixtures/sweep-8.yaml) run by `runner:exec` with
 * `--workers 1` and with `--workers 2`, each from an empty results folder, on the same backend,
 * alternated over `--rounds` rounds (default 5); the machine's cores are shared out (2 workers get
 * 1 thread each). Prints min/median/max of:
 *   sweep_seconds_workers1 / sweep_seconds_workers2
 *   sweep_speedup                 workers1 / workers2, round by round
 * With `--backend cpu` (pure JavaScript, single-threaded per process) the workers are the only way
 * to use a second core; with the native kernels both cores are already busy inside each step.
 *   npx nx run bench:sweep [--backend native|cpu] [--workers 2] [--rounds 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { alternate, ratios, roundsOf, spread } from './protocol';

const ROOT = resolve(__dirname, '..');
const { values: opts } = parseArgs({ options: { backend: { type: 'string' }, workers: { type: 'string' }, rounds: { type: 'string' } } });
const backend = opts.backend ?? 'native';
const parallel = Number(opts.workers ?? 2);

function sweep(workers: number): { seconds: number; rows: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-sweep-'));
  try {
    const started = performance.now();
    execFileSync(process.execPath, [...process.execArgv, join(ROOT, 'apps', 'runner', 'src', 'main.ts'), 'exec', '--experiment', join(ROOT, 'benchmarks', 'fixtures', 'sweep-8.yaml'), '--backend', backend, '--workers', String(workers), '--quiet', '--set', `results_dir=${dir}`], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const seconds = (performance.now() - started) / 1000;
    const rows = readFileSync(join(dir, 'sweep-8', 'results.csv'), 'utf8').trim().split('\n');
    return { seconds, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = alternate(roundsOf(opts.rounds), () => sweep(1), () => sweep(parallel));
const [one, many] = [runs.a.map((r) => r.seconds), runs.b.map((r) => r.seconds)];
console.log(`backend ${backend}`);
console.log(`sweep_trials ${runs.a[0].rows.length - 1}`);
console.log(`sweep_seconds_workers1 ${spread(one, 1)}`);
console.log(`sweep_seconds_workers${parallel} ${spread(many, 1)}`);
console.log(`sweep_speedup ${spread(ratios(one, many), 2)}`);
