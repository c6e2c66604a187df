/**
 * runner:exec as a process: a sweep killed with SIGKILL in the middle of a trial leaves no folder
 * for that trial and loses none of the finished ones; running again completes it and skips the rest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-tiny.yaml';
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const args = (results: string) => ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=3', '--set', 'training.epochs=4'];

const trialFolders = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => /^[0-9a-f]{12}$/.test(n)) : []);

(hasFashionMnist ? describe : describe.skip)(`runner:exec${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
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

  it('runs a 12-trial sweep in 2 worker processes, survives a kill, and ends with the results of a 1-process run', async () => {
    const sweep = (results: string, workers: number) => [...args(results).slice(0, 6), '--set', `results_dir=${results}`, '--set', 'repeats=4', '--set', 'grid={optimizer.lr: [0.01, 0.003, 0.001]}', '--workers', String(workers), '--threads', '1'];
    const parallel = mkdtempSync(join(tmpdir(), 'ablate-workers-'));
    const child = spawn(process.execPath, sweep(parallel, 2), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        first += String(chunk);
        if ((first.match(/: done in/g) ?? []).length >= 3 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    // The killed parent's workers stop at their next await (maybe after committing the trial they
    // were running); wait until no process holds a lock, then take what is on disk as finished.
    const locks = join(parallel, 'fmnist-tiny', '.locks');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && readdirSync(locks).some((f) => alive(JSON.parse(readFileSync(join(locks, f), 'utf8')).pid)); i++) await new Promise((r) => setTimeout(r, 100));
    const doneFirst = trialFolders(join(parallel, 'fmnist-tiny'));
    expect(doneFirst.length).toBeGreaterThanOrEqual(3);
    expect(doneFirst.length).toBeLessThan(12);
    const second = spawnSync(process.execPath, sweep(parallel, 2), { cwd: ROOT, encoding: 'utf8' });
    expect(second.status).toBe(0);
    const startedSecond = [...second.stdout.matchAll(/trial \d+\/\d+ (\w+) .*: started/g)].map((m) => m[1]);
    // every trial completed exactly once: none finished before the kill runs again, together they are all 12
    expect(startedSecond.filter((id) => doneFirst.includes(id))).toEqual([]);
    expect(new Set([...doneFirst, ...startedSecond]).size).toBe(12);
    expect(trialFolders(join(parallel, 'fmnist-tiny')).filter((n) => /^[0-9a-f]{12}$/.test(n))).toHaveLength(12);

    const serial = mkdtempSync(join(tmpdir(), 'ablate-serial-'));
    expect(spawnSync(process.execPath, sweep(serial, 1), { cwd: ROOT, encoding: 'utf8' }).status).toBe(0);
    const csv = (dir: string) => readFileSync(join(dir, 'fmnist-tiny', 'results.csv'), 'utf8').split('\n').map((line) => line.split(',').filter((_, i) => !TIME_COLUMNS.includes(i)).join(','));
    const header = readFileSync(join(serial, 'fmnist-tiny', 'results.csv'), 'utf8').split('\n')[0].split(',');
    const TIME_COLUMNS = header.flatMap((h, i) => (/seconds/.test(h) ? [i] : []));
    expect(csv(parallel)).toHaveLength(1 + 12 + 1);
    expect(csv(parallel)).toEqual(csv(serial));
  }, 180000);

  it('prints plain progress lines when the output is not a terminal', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-lines-'));
    const run = spawnSync(process.execPath, args(results).slice(0, 8), { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^backend: (native CPU kernels \(oneDNN\)|pure JavaScript)/m);
    expect(run.stdout).toMatch(/ {2}epoch 2\/2: lr 0\.0100, train\.loss \d\.\d{4}, train\.oa \d\.\d{4}, val\.loss/);
    expect(run.stdout).toMatch(/1 trial\(s\) done, 0 failed, 0 already done/);
  }, 60000);
});
