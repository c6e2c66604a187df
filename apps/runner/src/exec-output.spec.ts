/** What `exec` prints when its output is not a terminal: plain lines, complete to the last trial; and --json for scripts. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const exec = (results: string, ...extra: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', 'apps/runner/fixtures/tiny/fmnist-tiny.yaml', '--set', `results_dir=${results}`, '--set', 'repeats=2', '--set', 'training.epochs=1', '--threads', '1', ...extra], { cwd: ROOT, encoding: 'utf8' });

(hasFashionMnist ? describe : describe.skip)(`exec's output${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  it('prints every line of every trial in a pipe, the last one included', () => {
    const run = exec(mkdtempSync(join(tmpdir(), 'ablate-lines-')));
    expect(run.status).toBe(0);
    const last = run.stdout.slice(run.stdout.indexOf('trial 2/2'));
    expect(last).toMatch(/^trial 2\/2 \w+ seed 4: started\n {2}data: .*\n {2}epoch 1\/1: lr 0\.0100, .*\n {2}test: oa \d\.\d{4}.*\ntrial 2\/2 \w+ seed 4: done in [\d.]+ s \(oa \d\.\d{4}.*\); sweep: 2\/2 finished\n/);
    expect(run.stdout).not.toContain(String.fromCharCode(27));
  }, 60000);

  it('prints only JSON lines on stdout with --json, the sentences on stderr', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-json-'));
    const run = exec(results, '--json');
    expect(run.status).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(['sweep', 'trial_started', 'log', 'epoch', 'log', 'trial_finished', 'trial_started', 'log', 'epoch', 'log', 'trial_finished', 'sweep_finished']);
    expect(events[0]).toMatchObject({ experiment: 'fmnist-tiny', trials: 2, backend: expect.any(String), workers: 1 });
    expect(events[3]).toMatchObject({ id: events[1].id, epoch: 1, epochs: 1, lr: 0.01, 'train.loss': expect.any(Number), 'val.oa': expect.any(Number) });
    expect(events[5]).toMatchObject({ id: events[1].id, seed: 3, metrics: { oa: expect.any(Number) } });
    expect(events[11]).toMatchObject({ done: 2, failed: 0, skipped: 0 });
    expect(run.stderr).toMatch(/2 trial\(s\) done, 0 failed/);

    const again = exec(results, '--json');
    expect(again.stdout.trim().split('\n').map((line) => JSON.parse(line).event)).toEqual(['sweep', 'sweep_finished']);
    expect(JSON.parse(again.stdout.trim().split('\n')[1])).toMatchObject({ done: 0, skipped: 2 });
  }, 90000);
});
