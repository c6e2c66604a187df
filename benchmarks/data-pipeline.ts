/**
 * Benchmark: the HybridSN data pipeline on an Indian-Pines-sized scene — a SYNTHETIC 145x145x200
 * cube (seeded, smooth spectra) with the REAL Indian Pines ground truth (10,249 labelled pixels),
 * PCA to 30 bands (fitted on every pixel, as HybridSN does), 25x25 patches, every labelled pixel
 * gathered in batches of 128. Runs in a fresh process so peak RSS is the pipeline's own.
 * Prints:
 *   hsi_pipeline_peak_mb        peak resident memory of the process (goal: under 1024)
 *   materialised_patches_mb     what holding every patch at once would take (float32)
 *   pca_21025x200_ms            PCA fit + projection of the whole cube (goal: under 2000)
 *   batch128_prepare_ms         median time to gather one batch of 128 patches
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

function child(cube: string, gt: string): void {
  const t = (since: number) => performance.now() - since;
  const { prepareData, loadDataset, batchesOf } = require('@ablate/data');
  const dataset = { type: 'hsi', cube: { path: cube, variable: 'cube' }, labels: { path: gt } };
  let start = performance.now();
  loadDataset(dataset, { baseDir: '/' });
  const load = t(start);
  start = performance.now();
  prepareData({ dataset, preprocessing: [{ type: 'pca', components: 30, fit: 'all' }], split: { type: 'ratio', train: 0.3 } }, { baseDir: '/', seed: 0 });
  const pca = t(start);
  const data = prepareData({ dataset, preprocessing: [{ type: 'pca', components: 30, fit: 'all' }, { type: 'patches', size: 25 }], split: { type: 'ratio', train: 0.3 } }, { baseDir: '/', seed: 0 });
  const times: number[] = [];
  let examples = 0;
  for (const part of [data.train, data.test]) {
    const it = batchesOf(part, 128);
    for (;;) {
      start = performance.now();
      const next = it.next();
      if (next.done) break;
      times.push(t(start));
      examples += next.value.y.length;
    }
  }
  times.sort((a: number, b: number) => a - b);
  const patchBytes = examples * 25 * 25 * 30 * 4;
  process.stdout.write(
    JSON.stringify({ load, pca, batch: times[Math.floor(times.length / 2)], examples, peak: process.resourceUsage().maxRSS / 1024, materialised: patchBytes / 2 ** 20 }),
  );
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-hsi-'));
  try {
    const { writeMat, readMat, toRowMajor } = require('@ablate/data');
    const gtFile = join(ROOT, 'libs', 'data', 'fixtures', 'mat', 'Indian_pines_gt.mat');
    const [gt] = readMat(readFileSync(gtFile), { shown: gtFile, path: gtFile });
    const [rows, cols, bands] = [145, 145, 200];
    const cube = new Float32Array(rows * cols * bands);
    for (let p = 0; p < rows * cols; p++) {
      const label = toRowMajor(gt.data, gt.dims)[p];
      for (let b = 0; b < bands; b++) cube[p * bands + b] = 1000 + 300 * Math.sin((b + 7 * label) / 25) + ((p * 7919 + b * 104729) % 997) / 10;
    }
    writeFileSync(join(dir, 'cube.mat'), writeMat([{ name: 'cube', dims: [rows, cols, bands], data: cube }], 'SYNTHETIC Indian-Pines-sized cube'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, 'child', join(dir, 'cube.mat'), gtFile], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out);
    console.log(`hsi_pipeline_peak_mb ${r.peak.toFixed(0)}`);
    console.log(`materialised_patches_mb ${r.materialised.toFixed(0)}`);
    console.log(`pca_21025x200_ms ${r.pca.toFixed(0)}`);
    console.log(`batch128_prepare_ms ${r.batch.toFixed(2)}`);
    console.log(`scene_load_ms ${r.load.toFixed(0)}`);
    console.log(`labelled_pixels ${r.examples}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') child(process.argv[3], process.argv[4]);
else main();
