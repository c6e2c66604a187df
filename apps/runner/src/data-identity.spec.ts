/**
 * A trial's id covers its data: after a data file is replaced, `exec` runs the trial again (under a
 * new id) instead of skipping it as done. On a SYNTHETIC CSV table written here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function table(shift: number): string {
  const rows = ['a,b,label'];
  for (let i = 0; i < 40; i++) rows.push(`${((i * 7) % 10) / 10 + shift},${((i * 3) % 10) / 10},${i % 2}`);
  return rows.join('\n') + '\n';
}

describe('trial identity and data', () => {
  it('gives a trial a new id when its data file changes, so it is not skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-data-id-'));
    writeFileSync(join(dir, 'synthetic.csv'), table(0));
    writeFileSync(
      join(dir, 'exp.yaml'),
      [
        'dataset: { type: csv, path: synthetic.csv, label_column: label }',
        'split: { type: ratio, train: 0.5 }',
        'model: { layers: [{ type: dense, units: "${data.classes}" }] }',
        'optimizer: { type: sgd, lr: 0.1 }',
        'training: { epochs: 1, batch_size: 8 }',
        'report: { plots: false }',
        `results_dir: ${join(dir, 'results')}`,
      ].join('\n'),
    );
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', ...args, '--experiment', join(dir, 'exp.yaml')], { cwd: ROOT, encoding: 'utf8' });
    const id = () => /^1\s+([0-9a-f]{12})/m.exec(run('validate', '--list').stdout)?.[1];
    const first = id();
    expect(run('exec', '--quiet', '--backend', 'cpu').stdout).toMatch(/1 trial\(s\) done/);
    expect(run('exec', '--quiet', '--backend', 'cpu').stdout).toMatch(/0 trial\(s\) done, 0 failed, 1 already done/);
    writeFileSync(join(dir, 'synthetic.csv'), table(1));
    expect(id()).not.toBe(first);
    expect(run('exec', '--quiet', '--backend', 'cpu').stdout).toMatch(/1 trial\(s\) done, 0 failed, 0 already done/);
  }, 60000);
});

const noFashionMnist = existsSync('/usr/share/datasets/fashion-mnist') ? undefined : 'Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): the ids cover its files';

(noFashionMnist ? describe.skip : describe)(`trial ids across versions${noFashionMnist ? ` (skipped: ${noFashionMnist})` : ''}`, () => {
  it('are those of the committed quick-start results: defaults added since (task, loss) do not change them', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'results', 'quickstart', 'results.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const listed = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'validate', '--list', '--experiment', 'experiments/quickstart.yaml'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const ids = [...listed.matchAll(/^\d+\s+([0-9a-f]{12})/gm)].map((m) => m[1]);
    expect(ids.sort()).toEqual(committed.sort());
  });
});
