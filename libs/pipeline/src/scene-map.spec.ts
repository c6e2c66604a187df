/**
 * A trial on a hyperspectral scene (the committed Jasper Ridge scene, 1 epoch) records its
 * classification map, and the report draws it: the prediction of every pixel agrees with the test
 * confusion matrix where the test pixels are, and the figure's legend lists the classes in order.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { loadDataset, makeSplit } from '@ablate/data';
import { writeReport } from '@ablate/report';
import type { DatasetSpec, SplitSpec } from '@ablate/spec';
import { planExperiment, TrialStore } from '@ablate/sweep';
import { runTrial } from './run-trial';

const FIXTURE = join(__dirname, '..', '..', '..', 'apps', 'runner', 'fixtures', 'tiny', 'jasper-tiny.yaml');

/** An int16 [rows, cols] .npy as written by the trial: its shape and values. */
function npy(path: string): { shape: number[]; values: Int16Array } {
  const bytes = readFileSync(path);
  const length = bytes.readUInt16LE(8);
  const header = bytes.toString('latin1', 10, 10 + length);
  expect(header).toMatch(/^\{'descr': '<i2', 'fortran_order': False, 'shape': \(\d+, \d+\), \} *\n$/);
  expect((10 + length) % 64).toBe(0);
  const shape = (/\((\d+), (\d+)\)/.exec(header) as RegExpExecArray).slice(1).map(Number);
  const values = Int16Array.from({ length: shape[0] * shape[1] }, (_, i) => bytes.readInt16LE(10 + length + 2 * i));
  return { shape, values };
}

describe('the classification map of a scene trial', () => {
  const plan = planExperiment(FIXTURE, {});
  const [trial] = plan.expansion.trials;
  const root = mkdtempSync(join(tmpdir(), 'ablate-scene-'));
  const store = new TrialStore(root);
  const dir = store.trialDir(trial.id);

  beforeAll(async () => {
    const outcome = await runTrial(trial, { experiment: 'jasper-tiny', baseDir: join(FIXTURE, '..'), store, backend: await selectBackend('cpu') });
    expect(outcome.status).toBe('done');
  }, 120_000);

  it('holds every pixel’s predicted class and the ground truth, -1 only where unlabelled', () => {
    const predicted = npy(join(dir, 'prediction_map.npy'));
    const truth = npy(join(dir, 'ground_truth_map.npy'));
    expect(predicted.shape).toEqual([100, 100]);
    expect(truth.shape).toEqual([100, 100]);
    // Every pixel is predicted, labelled or not: classes 0..3, no "not predicted".
    expect(Math.min(...predicted.values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...predicted.values)).toBeLessThanOrEqual(3);
    // Jasper Ridge at min_abundance 0.5 (data/hsi/README.md): 3412 / 3310 / 2256 / 661 labelled, 361 not.
    const count = (k: number) => truth.values.filter((v) => v === k).length;
    expect([count(-1), count(0), count(1), count(2), count(3)]).toEqual([361, 3412, 3310, 2256, 661]);
    // Where the test pixels are, the map is what evaluation counted in confusion.csv.
    const config = trial.config as { dataset: DatasetSpec; split: SplitSpec };
    const dataset = loadDataset(config.dataset, { baseDir: join(FIXTURE, '..') });
    const { test } = makeSplit(dataset, config.split, trial.seed);
    const confusion = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (const p of test) confusion[truth.values[p]][predicted.values[p]]++;
    const csv = readFileSync(join(dir, 'confusion.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').slice(1).map(Number));
    expect(confusion).toEqual(csv);
  });

  it('is drawn by the report as PNG, PDF and SVG, the ground truth first, the legend in class order', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ablate-scene-report-'));
    const report = await writeReport({ name: 'jasper-tiny', resultsDir: root, trials: [trial], gridPaths: [], hasVariants: false, command: 'test', outDir: out, report: { plots: ['classification_map'] } });
    expect(report.plots).toEqual(['classification_map']);
    const svg = readFileSync(join(out, 'plots', 'classification_map.svg'), 'utf8');
    const legend = [...svg.matchAll(/class="legend-label"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(legend).toEqual(['Tree', 'Water', 'Soil', 'Road', 'unlabelled']);
    const captions = [...svg.matchAll(/text-anchor="middle" fill="#222">([^<]*)</g)].map((m) => m[1]);
    expect(captions).toEqual(['Ground truth', 'Prediction']);
    expect([...svg.matchAll(/<image /g)]).toHaveLength(2);
    if (report.notices.length === 0) {
      expect(readFileSync(join(out, 'plots', 'classification_map.png')).subarray(1, 4).toString()).toBe('PNG');
      expect(readFileSync(join(out, 'plots', 'classification_map.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } else expect(existsSync(join(out, 'plots', 'classification_map.pdf'))).toBe(false);
  });
});
