/**
 * Benchmark: validating and expanding a 10,000-trial grid (10 x 10 x 25 grid points x 4 seeds over
 * the Fashion-MNIST CNN experiment), in a fresh process as `runner:validate` would (trial ids
 * include the data files' hashes, cached after the first run). Prints
 * `validate_10k_trials_ms <ms>` (goal: under 1000) and the time of the same work with a cold
 * validator cache, for reference.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-'));
const file = join(dir, 'grid-10k.yaml');
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
writeFileSync(
  file,
  [
    `extends: ${resolve(__dirname, '../experiments/fashion-mnist-cnn.yaml')}`,
    'vars: { width: 1 }',
    'repeats: 4',
    'grid:',
    `  optimizer.lr: [${range(10, (i) => (i + 1) / 1000).join(', ')}]`,
    `  training.batch_size: [${range(10, (i) => 10 * (i + 1)).join(', ')}]`,
    `  vars.width: [${range(25, (i) => i + 1).join(', ')}]`,
  ].join('\n'),
);

const script = `
const t0 = performance.now();
const { planWithData } = require('./apps/runner/src/commands/plan');
const plan = planWithData(${JSON.stringify(file)});
const ids = new Set(plan.expansion.trials.map((t) => t.id));
if (plan.expansion.trials.length !== 10000 || ids.size !== 10000) throw new Error('expected 10000 distinct trials');
process.stdout.write(String(performance.now() - t0));
`;
const run = () => Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: resolve(__dirname, '..'), encoding: 'utf8' }));

try {
  const runs = [run(), run(), run()].sort((a, b) => a - b);
  console.log(`validate_10k_trials_ms ${runs[1].toFixed(0)}`);
  console.log(`validate_10k_trials_runs_ms ${runs.map((r) => r.toFixed(0)).join(',')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
