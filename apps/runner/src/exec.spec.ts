/**
 * runner:exec as a process: a sweep killed with SIGKILL in the middle of a trial leaves no folder
 * for that trial and loses none of the finished ones; running again completes it and skips the rest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-tiny.yaml';
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const args = (results: string) => ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=3', '--set', 'training.epochs=4'];

const trialFolders = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : []);

(hasFashionMnist ? describe : describe.skip)('runner:exec', () => {
  it('survives SIGKILL mid-trial: no half trial is left, and a rerun completes the sweep without repeating a trial', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-kill-'));
    const dir = join(results, 'fmnist-tiny');
    const child = spawn(process.execPath, args(results), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        // the second trial has started training: kill the process without warning
        if (/trial 2\/3 .*\n.*\n\s+epoch 1\/4/.test(out) && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(out).toMatch(/trial 1\/3 \w+ seed 3: done/);
    expect(trialFolders(dir)).toHaveLength(1);
    expect(readdirSync(join(dir, '.partial'))).toHaveLength(1);

    const again = spawnSync(process.execPath, args(results), { cwd: ROOT, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/2 trial\(s\) done, 0 failed, 1 already done \(skipped\)/);
    expect(again.stdout).not.toMatch(/seed 3: started/);
    expect(trialFolders(dir)).toHaveLength(3);
    expect(readdirSync(join(dir, '.partial'))).toHaveLength(0);
  }, 120000);

  it('prints plain progress lines when the output is not a terminal', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-lines-'));
    const run = spawnSync(process.execPath, args(results).slice(0, 8), { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^backend: (native CPU kernels \(oneDNN\)|pure JavaScript)/m);
    expect(run.stdout).toMatch(/ {2}epoch 2\/2: lr 0\.0100, train\.loss \d\.\d{4}, train\.oa \d\.\d{4}, val\.loss/);
    expect(run.stdout).toMatch(/1 trial\(s\) done, 0 failed, 0 already done/);
  }, 60000);
});
