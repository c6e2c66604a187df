/**
 * `ablate slurm`: the scripts it writes, run through submit.sh with a stand-in sbatch that runs
 * each job at once from / (as a node would not be in the workspace): every shard's trials are
 * trained, and the tables are written once, by the report job, after all the tasks.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-tiny.yaml';
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');

function slurm(results: string, epochs = 1) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'slurm', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=3', '--set', 'optimizer={type: sgd, lr: 0.1}', '--set', `training.epochs=${epochs}`, '--shards', '2', '--cpus', '1'], { cwd: ROOT, encoding: 'utf8' });
  return { run, dir: join(results, 'fmnist-tiny', 'slurm') };
}

describe('ablate slurm', () => {
  it('writes an array job that starts in $SLURM_SUBMIT_DIR, a report job, and submit.sh that chains them', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-slurm-'));
    const { run, dir } = slurm(results);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/3 trials = .* in 2 shards\.\nwrote .*slurm\/run\.sbatch \(the array job\), report\.sbatch .* bash .*slurm\/submit\.sh\n$/);
    const array = readFileSync(join(dir, 'run.sbatch'), 'utf8');
    expect(array).toMatch(/^#SBATCH --array=0-1$/m);
    expect(array).toMatch(/^cd "\$SLURM_SUBMIT_DIR"$/m);
    expect(array).not.toContain(ROOT);
    // Preemption and the time limit: SIGTERM 300 s before, passed on to ablate; the task requeues itself and its log goes on.
    expect(array).toMatch(/^#SBATCH --signal=B:TERM@300\n#SBATCH --requeue$/m);
    expect(array).toMatch(/^#SBATCH --open-mode=append$/m);
    expect(array).toMatch(/^trap 'kill -TERM "\$ablate" 2>\/dev\/null \|\| true' TERM$/m);
    expect(array).toMatch(/^ {2}scontrol requeue "\$\{SLURM_ARRAY_JOB_ID\}_\$\{SLURM_ARRAY_TASK_ID\}" \|\| true$/m);
    expect(array).toContain(`"$ablate_bin" exec --experiment '${FIXTURE}' --shard "\${SLURM_ARRAY_TASK_ID}/2" --threads "\${SLURM_CPUS_PER_TASK}" --set 'results_dir=${results}' --set 'repeats=3' --set 'optimizer={type: sgd, lr: 0.1}' --set 'training.epochs=1' --quiet --no-report &`);
    expect(readFileSync(join(dir, 'report.sbatch'), 'utf8')).toContain(`npx ablate report --experiment '${FIXTURE}' --set 'results_dir=${results}'`);
    expect(readFileSync(join(dir, 'submit.sh'), 'utf8')).toMatch(/sbatch --parsable --dependency=afterany:"\$array" .*report\.sbatch/);
  });

  (hasFashionMnist ? it : it.skip)('runs every shard, then writes the report once, after all the tasks', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-slurm-run-'));
    const logs = mkdtempSync(join(tmpdir(), 'ablate-sbatch-'));
    const { dir } = slurm(results);
    const submit = spawnSync('bash', [join(dir, 'submit.sh')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${join(ROOT, 'apps/runner/fixtures/slurm')}:${process.env.PATH}`, SBATCH_LOGS: logs } });
    expect(submit.stderr).toBe('');
    expect(submit.stdout).toMatch(/^submitted array job 101 \(2 tasks\) and report job 102 \(after all of them\)/);
    expect(readFileSync(join(logs, 'submitted'), 'utf8').split('\n')[1]).toMatch(/report\.sbatch afterany:101$/);
    const tasks = [0, 1].map((i) => readFileSync(join(logs, `101_${i}.out`), 'utf8'));
    expect(tasks[0]).toMatch(/shard 0\/2: 2 trials/);
    expect(tasks[1]).toMatch(/shard 1\/2: 1 trials/);
    for (const task of tasks) expect(task).not.toMatch(/report:|table\.md/);
    expect(readFileSync(join(logs, '102.out'), 'utf8')).toMatch(/3 finished trial/);
    expect(readdirSync(join(results, 'fmnist-tiny')).filter((n) => /^[0-9a-f]{12}$/.test(n))).toHaveLength(3);
    expect(existsSync(join(results, 'fmnist-tiny', 'table.md'))).toBe(true);
  }, 120000);

  (hasFashionMnist ? it : it.skip)('a task told to stop (SIGTERM to its script, as --signal does) checkpoints its trial, exits 143 and requeues itself', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-slurm-term-'));
    const bin = mkdtempSync(join(tmpdir(), 'ablate-scontrol-'));
    // A stand-in scontrol that records what it is asked.
    writeFileSync(join(bin, 'scontrol'), `#!/bin/bash\necho "$@" >> ${bin}/calls\n`, { mode: 0o755 });
    const { dir } = slurm(results, 400);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, SLURM_SUBMIT_DIR: ROOT, SLURM_ARRAY_JOB_ID: '77', SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_PER_TASK: '1' };
    const task = spawn('bash', [join(dir, 'run.sbatch')], { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    task.stdout.on('data', (chunk) => (out += String(chunk)));
    task.stderr.on('data', (chunk) => (out += String(chunk)));
    const partial = join(results, 'fmnist-tiny', '.partial');
    // Once a trial has trained a few epochs (its draft exists, then 3 s), the signal.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(partial) && readdirSync(partial).length > 0) {
          clearInterval(poll);
          setTimeout(resolve, 3000);
        }
      }, 200);
    });
    task.kill('SIGTERM');
    const status = await new Promise<number | null>((resolve) => task.on('exit', (code) => resolve(code)));
    expect([status, out]).toEqual([143, expect.stringMatching(/interrupted by SIGTERM: trial [0-9a-f]{12} has its checkpoint after epoch \d+;[^]*requeueing 77_0 to resume/)]);
    expect(readFileSync(join(bin, 'calls'), 'utf8')).toBe('requeue 77_0\n');
    const [id] = readdirSync(partial);
    expect(existsSync(join(partial, id, 'checkpoint', 'state.json'))).toBe(true);
    expect(readdirSync(join(results, 'fmnist-tiny', '.locks'))).toEqual([]);
  }, 120000);
});
