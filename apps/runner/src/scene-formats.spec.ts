/**
 * Hyperspectral data as the field keeps it, end to end: Moffett Field's bands x pixels spectra and
 * abundance maps (../shared/datasets/hsi) validate and train, one short epoch, through `exec`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli/run-cli';

const ROOT = join(__dirname, '..', '..', '..');
const MOFFETT = join(ROOT, 'experiments', 'moffett-abundance.yaml');
const shared = existsSync(join(ROOT, '..', 'shared', 'datasets', 'hsi', 'moffett.mat'));

(shared ? describe : describe.skip)(`Moffett Field${shared ? '' : ' (skipped: ../shared/datasets/hsi is not beside the clone)'}`, () => {
  it('trains with labels made from its abundance maps', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-moffett-'));
    let out = '';
    let err = '';
    const args = ['exec', '--experiment', MOFFETT, '--set', `results_dir=${results}`, '--set', 'repeats=1', '--set', 'training.epochs=2', '--set', 'report.plots=false'];
    const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
    expect(err).toBe('');
    expect(code).toBe(0);
    const id = /trial 1\/1 ([0-9a-f]{12})/.exec(out)?.[1] as string;
    const metrics = JSON.parse(readFileSync(join(results, 'moffett-abundance', id, 'metrics.json'), 'utf8')) as { test: { oa: number }; test_per_class: { classes: string[]; support: number[] } };
    expect(metrics.test_per_class.classes).toEqual(['Water', 'Soil', 'Vegetation']);
    // Every pixel whose dominant abundance is at least 0.5 and that trains or validates nothing: 2,452 labelled less 180.
    expect(metrics.test_per_class.support.reduce((a, b) => a + b, 0)).toBe(2272);
    // Above chance (1/3) after two short epochs.
    expect(metrics.test.oa).toBeGreaterThan(0.5);
  }, 120000);
});
