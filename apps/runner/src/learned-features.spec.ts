/**
 * The report's plots of what a network learned, from a trained fixture trial on real Fashion-MNIST:
 * feature maps, a UMAP embedding and Grad-CAM are drawn from inspection files written from the
 * saved model (no retraining); the embedding is the same on a second report (seeded); a plot that
 * needs images on a model without 2-D maps says so.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './testing/cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const CNN = 'model={layers: [{type: conv2d, filters: 8, kernel: 3, activation: relu}, {type: max_pool2d, pool: 2}, {type: conv2d, filters: 16, kernel: 3, activation: relu}, {type: global_avg_pool}, {type: dense, units: 10}]}';

(hasFashionMnist ? describe : describe.skip)(`plots of what a network learned${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  it('draws feature maps, a seeded UMAP embedding and Grad-CAM from the saved model', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-learned-'));
    const common = ['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', CNN, '--set', 'training.epochs=1', '--set', 'report.plots=[{type: feature_maps, examples: [0, 5], channels: 4}, {type: embedding, points: 150}, grad_cam]'];
    const run = await cli(['exec', ...common]);
    expect(run.err).toBe('');
    expect(run.out).toContain('plots in');
    const dir = join(results, 'fmnist-tiny');
    const trial = readdirSync(dir).find((f) => /^[0-9a-f]{12}$/.test(f)) as string;
    const maps = JSON.parse(readFileSync(join(dir, trial, 'inspect-feature_maps.json'), 'utf8')) as { layer: string; shape: number[]; examples: Array<{ position: number; maps: Array<{ height: number; width: number }> }> };
    expect([maps.layer, maps.shape]).toEqual(['conv2d_1', [26, 26, 8]]);
    expect(maps.examples.map((e) => [e.position, e.maps.length, e.maps[0].height])).toEqual([[0, 4, 26], [5, 4, 26]]);
    const cams = JSON.parse(readFileSync(join(dir, trial, 'inspect-grad_cam.json'), 'utf8')) as { layer: string; examples: Array<{ cam: { height: number; data: string } }> };
    expect([cams.layer, cams.examples.length, cams.examples[0].cam.height]).toEqual(['conv2d_2', 6, 28]);
    // Each map is scaled to [0, 1] at the layer's 11x11; resized to 28x28 (bilinear), its peak stays near 1.
    for (const e of cams.examples) expect(Math.max(...Buffer.from(e.cam.data, 'base64'))).toBeGreaterThan(200);
    const embedding = readFileSync(join(dir, trial, 'inspect-embedding.json'), 'utf8');
    expect((JSON.parse(embedding) as { points: unknown[] }).points).toHaveLength(150);
    for (const plot of ['feature_maps', 'embedding', 'grad_cam']) expect(existsSync(join(dir, 'plots', `${plot}.svg`))).toBe(true);
    expect(readFileSync(join(dir, 'plots', 'feature_maps.svg'), 'utf8')).toContain('Feature maps of layer conv2d_1 (26×26, first 4 of 8 channels');

    // Made again from the saved model: the same embedding, to the byte.
    rmSync(join(dir, trial, 'inspect-embedding.json'));
    expect((await cli(['report', ...common])).code).toBe(0);
    expect(readFileSync(join(dir, trial, 'inspect-embedding.json'), 'utf8')).toBe(embedding);
  }, 120000);

  it('says a plot of images needs a model with 2-D maps', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-learned-dense-'));
    const run = await cli(['exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'training.epochs=1', '--set', 'report.plots=[grad_cam]']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('report plot grad_cam needs a layer with 2-D maps ([height, width, channels]); this model has none.');
  }, 120000);

  it("says these plots are a classifier's", async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-learned-regression-'));
    const run = await cli(['exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'training.epochs=1', '--set', 'loss={type: mse}', '--set', 'model={layers: [{type: flatten}, {type: dense, units: 1}]}', '--set', 'report.plots=[embedding]']);
    expect(run.code).toBe(1);
    expect(run.err).toContain("report plots embedding show what a classifier learned; this trial's task is regression.");
  }, 120000);
});
