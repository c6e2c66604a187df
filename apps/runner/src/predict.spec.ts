/**
 * `ablate predict` as a user runs it, on REAL Fashion-MNIST: a trained trial applied to its own
 * test part gives exactly its recorded test accuracy; applied to new images (the PNG class folders
 * of data/images, written by PIL) it writes one row per file with the probabilities; data of
 * another shape is one paragraph naming both shapes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { readMat, toRowMajor } from '@ablate/data';
import { cli } from './testing/cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
/** rsvg-convert turns the map's SVG into PDF; CI installs it (and ABLATE_REQUIRE_PDF fails the report tests without it). */
const hasRsvg = spawnSync('rsvg-convert', ['--version']).error === undefined;


/** Trains the experiment of `common`, then predicts on its test part: the trial's folder, with the trial's metrics. */
async function trainThenPredict(common: string[], results: string): Promise<{ dir: string; test: Record<string, number>; out: string }> {
  const run = await cli(['exec', ...common, '--set', 'report.plots=false']);
  expect(run.code).toBe(0);
  const id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
  const predicted = await cli(['predict', ...common]);
  expect(predicted.err).toBe('');
  expect(predicted.code).toBe(0);
  const dir = join(results, 'fmnist-tiny', id);
  return { dir, test: (JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { test: Record<string, number> }).test, out: predicted.out };
}

/** A fixture experiment trained once into a fresh results folder: the options that name it, and its trial id once beforeAll has run. */
function trainedTrial(fixture: string, prefix: string): { common: string[]; results: string; id: () => string } {
  const results = mkdtempSync(join(tmpdir(), prefix));
  const common = ['--experiment', join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', fixture), '--set', `results_dir=${results}`];
  let id = '';
  beforeAll(async () => {
    const run = await cli(['exec', ...common, '--set', 'report.plots=false']);
    expect(run.code).toBe(0);
    id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
  }, 120000);
  return { common, results, id: () => id };
}

(hasFashionMnist ? describe : describe.skip)(`ablate predict${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  const { common, results, id: trialId } = trainedTrial('fmnist-tiny.yaml', 'ablate-predict-');

  it("reproduces the trial's test accuracy exactly on its test part", async () => {
    const run = await cli(['predict', ...common]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(results, 'fmnist-tiny', trialId(), 'metrics.json'), 'utf8')) as { test: { oa: number } };
    const [, accuracy, right, total] = /accuracy ([\d.]+) \((\d+) of (\d+) labelled examples\)/.exec(run.out) ?? [];
    expect(Number(right) / Number(total)).toBe(metrics.test.oa);
    expect(Number(accuracy)).toBeCloseTo(metrics.test.oa, 4);
    const rows = parse(readFileSync(join(results, 'fmnist-tiny', trialId(), 'predictions.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(200);
    const sum = Object.entries(rows[0]).filter(([k]) => k.startsWith('p_')).reduce((s, [, v]) => s + Number(v), 0);
    expect(sum).toBeCloseTo(1, 4);
  });

  it('labels new images from an image folder, one row per file', async () => {
    const out = join(results, 'new.csv');
    const run = await cli(['predict', ...common, '--data', `{type: image_folder, path: ${join(ROOT, 'data', 'images', 'fashion-mnist-png')}}`, '--out', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(80);
    expect(rows[0].id).toMatch(/fashion-mnist-png\/test\/Ankle_boot\/\d+\.png$/);
    // The folders' names that are the trial's class names (Trouser, Bag, ...) give labels; "Ankle_boot" is not "Ankle boot".
    expect(rows.filter((r) => r.label === 'Trouser')).toHaveLength(8);
    expect(rows.filter((r) => r.id.includes('Ankle_boot')).every((r) => r.label === '')).toBe(true);
  });

  it('names both shapes when the new data does not fit the model', async () => {
    const run = await cli(['predict', ...common, '--data', `{type: image_folder, path: ${join(ROOT, 'data', 'images', 'fashion-mnist-png')}, size: 14}`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('the new examples are [14,14,1] (float32); the trial\'s model was trained on [28,28,1] (float32) before its preprocessing.');
  });
});

(hasFashionMnist ? describe : describe.skip)(`ablate predict on a regression trial${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  const results = mkdtempSync(join(tmpdir(), 'ablate-predict-regression-'));
  // The class index as a number to regress: a regression trial on real images, as run-trial.spec runs one.
  const common = ['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'loss={type: mse}', '--set', 'model={layers: [{type: flatten}, {type: dense, units: 1}]}'];

  it("writes each example's value and target, and gives the trial's recorded test metrics", async () => {
    const { dir, test, out } = await trainThenPredict(common, results);
    const metrics = { test };
    const predicted = { out };
    const line = `mse ${metrics.test.mse.toPrecision(6)}, mae ${metrics.test.mae.toPrecision(6)}, rmse ${metrics.test.rmse.toPrecision(6)}, r2 ${metrics.test.r2.toPrecision(6)} (200 examples)`;
    expect(predicted.out).toContain(line);
    const rows = parse(readFileSync(join(dir, 'predictions.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['id', 'predicted', 'target']);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => Number.isInteger(Number(r.target)) && Number(r.target) >= 0 && Number(r.target) <= 9)).toBe(true);
  }, 120000);
});

(hasFashionMnist ? describe : describe.skip)(`ablate predict choosing a trial${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  const results = mkdtempSync(join(tmpdir(), 'ablate-predict-choose-'));
  const common = ['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'variants={wide: {}, narrow: {training.batch_size: 25}}', '--set', 'training.epochs=1'];

  it('by variant and seed, by its folder, or asks which when several are left', async () => {
    const run = await cli(['exec', ...common, '--set', 'report.plots=false']);
    expect(run.code).toBe(0);
    const several = await cli(['predict', ...common]);
    expect(several.code).toBe(1);
    expect(several.err).toMatch(/2 trials are left; the command applies one\. Give --trial <id> \(finished: [0-9a-f]{12} = variant "wide", seed 3; [0-9a-f]{12} = variant "narrow", seed 3\), narrow with --variant and --seed, or add --best\./);
    const narrow = await cli(['predict', ...common, '--variant', 'narrow', '--seed', '3']);
    expect(narrow.err).toBe('');
    const id = /trial ([0-9a-f]{12}) \(variant "narrow", seed 3\)/.exec(narrow.out)?.[1] as string;
    expect(id).toBeDefined();
    const byFolder = await cli(['predict', ...common, '--trial', join(results, 'fmnist-tiny', id)]);
    expect(byFolder.out).toContain(`trial ${id} (variant "narrow", seed 3)`);
    const unknown = await cli(['predict', ...common, '--variant', 'tall']);
    expect(unknown.err).toContain('the experiment has no variant "tall".');
    expect(unknown.err).toContain('Its variants: "wide", "narrow".');
  }, 120000);
});

(hasFashionMnist ? describe : describe.skip)(`ablate predict on a denoiser${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  const results = mkdtempSync(join(tmpdir(), 'ablate-predict-denoiser-'));
  // A three-layer residual denoiser (DnCNN's shape), one epoch on real images.
  const model = 'model={layers: [{type: conv2d, filters: 8, kernel: 3, padding: 1, activation: relu, name: features}, {type: conv2d, filters: 1, kernel: 3, padding: 1, name: noise}, {type: subtract, inputs: [input, noise]}]}';
  const common = ['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'task={type: image_to_image, noise_sigma: 0.1}', '--set', 'loss={type: mse}', '--set', model, '--set', 'training.epochs=1'];
  const png = join(ROOT, 'data', 'images', 'fashion-mnist-png');

  it("writes the output images of its noisy test images, and the trial's recorded test metrics exactly", async () => {
    const { dir, test, out } = await trainThenPredict(common, results);
    const trial = { test };
    const predicted = { out };
    const written = JSON.parse(readFileSync(join(dir, 'predictions-metrics.json'), 'utf8')) as Record<string, number>;
    for (const key of ['mse', 'mae', 'psnr', 'ssim', 'input_mse', 'input_psnr', 'input_ssim']) expect([key, written[key]]).toEqual([key, trial.test[key]]);
    expect(predicted.out).toContain(`psnr ${trial.test.psnr.toFixed(2)} dB, ssim ${trial.test.ssim.toFixed(4)}`);
    const rows = parse(readFileSync(join(dir, 'predictions.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(200);
    expect(Object.keys(rows[0])).toEqual(['id', 'output', 'psnr', 'ssim', 'input_psnr', 'input_ssim']);
    // The mean of the images' PSNR is the trial's PSNR; each output PNG is the image in pixel values.
    expect(rows.reduce((a, r) => a + Number(r.psnr), 0) / rows.length).toBeCloseTo(trial.test.psnr, 3);
    const image = PNG.sync.read(readFileSync(join(dir, rows[0].output)));
    expect([image.width, image.height]).toEqual([28, 28]);
    const outputs = readFileSync(join(dir, 'predictions-outputs.npy'));
    expect(outputs.length).toBeGreaterThan(200 * 28 * 28 * 4);
    // Pixel 0 of image 0: the output value (0..1 after `scale`) times 255, rounded.
    const header = outputs.readUInt16LE(8) + 10;
    expect(image.data[0]).toBe(Math.max(0, Math.min(255, Math.round(outputs.readFloatLE(header) * 255))));
  }, 120000);

  it('denoises new images as they are, or scores them with --add-noise', async () => {
    const out = join(results, 'new.csv');
    const plain = await cli(['predict', ...common, '--data', `{type: image_folder, path: ${png}}`, '--out', out]);
    expect(plain.err).toBe('');
    const count = Number(/(\d+) output images in .*new-images\/ \(no clean images to score them against: give --add-noise for clean images\)/.exec(plain.out)?.[1]);
    expect(count).toBeGreaterThan(10);
    expect(readdirSync(join(results, 'new-images'))).toHaveLength(count);
    const noisy = await cli(['predict', ...common, '--data', `{type: image_folder, path: ${png}}`, '--out', out, '--add-noise']);
    expect(noisy.out).toMatch(/psnr \d+\.\d\d dB, ssim 0\.\d{4}, mse .* over \d+ images \(their noisy inputs: psnr \d+\.\d\d dB/);
    const wrong = await cli(['predict', ...common, '--add-noise']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('--add-noise makes the inputs of a denoiser from clean new images; the test part is made noisy as in the trial already.');
  }, 120000);
});

describe('ablate predict on new texts (real Jane Austen passages)', () => {
  const { common, results, id: trialId } = trainedTrial('austen-tiny.yaml', 'ablate-predict-text-');

  it("labels passages from a table through the trial's vocabulary and length, as in training", async () => {
    const out = join(results, 'passages.csv');
    // The table's own `length` is not used: the trial's (40) and its vocabulary are.
    const run = await cli(['predict', ...common, '--data', `{type: text, path: ${join(ROOT, 'data', 'text', 'austen', 'test.tsv')}, length: 5}`, '--out', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(results, 'austen-tiny', trialId(), 'metrics.json'), 'utf8')) as { test: { oa: number } };
    const [, right, total] = /accuracy [\d.]+ \((\d+) of (\d+) labelled examples\)/.exec(run.out) ?? [];
    expect(Number(total)).toBe(600);
    expect(Number(right) / Number(total)).toBe(metrics.test.oa);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(600);
    expect(Object.keys(rows[0])).toEqual(['id', 'predicted', 'label', ...['emma', 'mansfield_park', 'northanger_abbey', 'persuasion', 'pride_prejudice', 'sense_sensibility'].map((c) => `p_${c}`)]);
  });

  it('labels texts without labels: a .txt file of one passage per line, or a table with label_column: null, the same way', async () => {
    const table = readFileSync(join(ROOT, 'data', 'text', 'austen', 'test.tsv'), 'utf8').trim().split('\n');
    const header = table[0].split('\t');
    const textColumn = header.indexOf('text');
    const passages = table.slice(1, 21).map((row) => row.split('\t')[textColumn]);
    const dir = mkdtempSync(join(tmpdir(), 'ablate-predict-unlabelled-'));
    writeFileSync(join(dir, 'passages.txt'), passages.join('\n') + '\n');
    writeFileSync(join(dir, 'passages.tsv'), ['text', ...passages].join('\n') + '\n');
    const fromTxt = await cli(['predict', ...common, '--data', `{type: text, path: ${join(dir, 'passages.txt')}, length: 1}`, '--out', join(dir, 'txt.csv')]);
    expect(fromTxt.err).toBe('');
    expect(fromTxt.out).toContain("20 predictions");
    expect(fromTxt.out).toContain("no labels of the trial's classes in the data: no accuracy");
    const fromTable = await cli(['predict', ...common, '--data', `{type: text, path: ${join(dir, 'passages.tsv')}, length: 1, label_column: null}`, '--out', join(dir, 'table.csv')]);
    expect(fromTable.err).toBe('');
    const strip = (file: string): Array<Record<string, string>> => (parse(readFileSync(join(dir, file), 'utf8'), { columns: true }) as Array<Record<string, string>>).map((r) => ({ ...r, id: '' }));
    expect(strip('table.csv')).toEqual(strip('txt.csv'));
    // As labelled in the test table, these passages get the same classes.
    const fromLabelled = await cli(['predict', ...common, '--data', `{type: text, path: ${join(ROOT, 'data', 'text', 'austen', 'test.tsv')}, length: 1}`, '--out', join(dir, 'labelled.csv')]);
    expect(fromLabelled.code).toBe(0);
    const labelled = parse(readFileSync(join(dir, 'labelled.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(strip('txt.csv').map((r) => r.predicted)).toEqual(labelled.slice(0, 20).map((r) => r.predicted));
    // Without labels, no trial trains on them.
    const train = await cli(['exec', ...common, '--set', `dataset={type: text, path: ${join(dir, 'passages.txt')}, length: 40}`, '--set', `results_dir=${dir}`]);
    expect(train.code).toBe(1);
    expect(train.err).toContain('the dataset has no labels, so no trial can train on it. Give a table with a label column (or class folders) to train; a .txt file or a table with `label_column: null` holds texts for `ablate predict --data` to label.');
  });

  it('says the new data is of another kind than the trial was trained on', async () => {
    const run = await cli(['predict', ...common, '--data', `{type: image_folder, path: ${join(ROOT, 'data', 'images', 'fashion-mnist-png')}}`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("the new data is examples; the trial's model was trained on texts.");
  });
});

/** The values of an int16 .npy file. */
function int16(file: string): Int16Array {
  const bytes = readFileSync(file);
  const data = bytes.subarray(10 + bytes.readUInt16LE(8));
  return Int16Array.from({ length: data.length / 2 }, (_, i) => data.readInt16LE(2 * i));
}

describe('ablate predict on a scene (real Jasper Ridge)', () => {
  const { common, results, id: trialId } = trainedTrial('jasper-tiny.yaml', 'ablate-predict-scene-');

  it("maps a cube through the trial's fitted statistics: the trial's own scene gives its classification map exactly", async () => {
    const out = join(results, 'jasper.csv');
    const run = await cli(['predict', ...common, '--data', `{type: jasper, path: ${join(ROOT, 'data', 'hsi', 'Jasper.mat')}, min_abundance: 0.5}`, '--out', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('10000 predictions');
    const shown = (ext: string) => relative(process.cwd(), join(results, `jasper-map.${ext}`));
    const pdf = hasRsvg ? `, ${shown('pdf')}` : '';
    expect(run.out).toContain(`classification map of the scene: ${shown('npy')}, ${shown('mat')}, ${shown('png')}, ${shown('svg')}${pdf}\n`);
    const map = readFileSync(join(results, 'jasper-map.npy'));
    expect(map.equals(readFileSync(join(results, 'jasper-tiny', trialId(), 'prediction_map.npy')))).toBe(true);
    // The .mat holds the same map, classes numbered from 1 (MATLAB reads it column-major).
    const [mat] = readMat(readFileSync(join(results, 'jasper-map.mat')), { path: 'jasper-map.mat', shown: 'jasper-map.mat' });
    expect([mat.name, mat.className, mat.dims]).toEqual(['map', 'int32', [100, 100]]);
    const fromNpy = int16(join(results, 'jasper-map.npy'));
    expect(Array.from(toRowMajor(mat.data as Int32Array, mat.dims), (v) => v - 1)).toEqual(Array.from(fromNpy));
    // The report's figure: ground truth and prediction side by side, the legend naming the classes.
    const svg = readFileSync(join(results, 'jasper-map.svg'), 'utf8');
    expect(svg).toContain('>Ground truth<');
    expect(svg).toMatch(/>OA \d+\.\d\d%</);
    for (const name of ['Tree', 'Water', 'Soil', 'Road']) expect(svg).toContain(`>${name}<`);
    const png = readFileSync(join(results, 'jasper-map.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([400, 400]);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows[101].id).toBe('1,1');
  });

  it('maps a cube without labels: a crop of the scene gets the full map wherever its patches lie inside the crop', async () => {
    const out = join(results, 'crop.csv');
    // The committed ENVI crop, rows 30-39 and columns 50-59 of the scene, given with no ground truth.
    const run = await cli(['predict', ...common, '--data', `{type: hsi, cube: {path: ${join(ROOT, 'data', 'hsi', 'jasper-envi', 'jasper-crop-bip.hdr')}}}`, '--out', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain("no labels of the trial's classes in the data: no accuracy");
    const full = int16(join(results, 'jasper-tiny', trialId(), 'prediction_map.npy'));
    const crop = int16(join(results, 'crop-map.npy'));
    expect(crop).toHaveLength(100);
    // 3x3 patches: the 8x8 inside of the crop sees no padding, and the standardisation is the trial's.
    for (let r = 1; r < 9; r++) for (let c = 1; c < 9; c++) expect(crop[r * 10 + c]).toBe(full[(30 + r) * 100 + 50 + c]);
  });

  it('says a cube without labels cannot train', async () => {
    const run = await cli(['validate', ...common, '--set', `dataset={type: hsi, cube: {path: ${join(ROOT, 'data', 'hsi', 'jasper-envi', 'jasper-crop-bip.hdr')}}}`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('the dataset has no labels, so no trial can train on it. Add `labels:` (its ground truth) to train; a cube without labels is for `ablate predict --data` to map.');
  });

  it('names both band counts when the new cube is of another sensor', async () => {
    // A real 10 x 10 crop of Jasper Ridge (ENVI, band-interleaved by pixel) cut to its first 3 bands,
    // its labels a one-band ENVI image as ENVI's classification files are.
    const dir = mkdtempSync(join(tmpdir(), 'ablate-3-bands-'));
    const bip = new Float32Array(new Uint8Array(readFileSync(join(ROOT, 'data', 'hsi', 'jasper-envi', 'jasper-crop-bip.img'))).buffer);
    const three = Float32Array.from({ length: 300 }, (_, i) => bip[Math.floor(i / 3) * 198 + (i % 3)]);
    const header = (bands: number, type: number) => `ENVI\nsamples = 10\nlines = 10\nbands = ${bands}\nheader offset = 0\nfile type = ENVI Standard\ndata type = ${type}\ninterleave = bip\nbyte order = 0\n`;
    writeFileSync(join(dir, 'cube.hdr'), header(3, 4));
    writeFileSync(join(dir, 'cube.img'), Buffer.from(three.buffer));
    writeFileSync(join(dir, 'gt.hdr'), header(1, 2));
    writeFileSync(join(dir, 'gt.img'), Buffer.from(Int16Array.from({ length: 100 }, (_, i) => 1 + (i % 2)).buffer));
    const run = await cli(['predict', ...common, '--data', `{type: hsi, cube: {path: ${join(dir, 'cube.hdr')}}, labels: {path: ${join(dir, 'gt.hdr')}}}`]);
    expect(run.err).toContain("the new scene has 3 bands; the trial's model was trained on a scene of 198 bands.");
    expect(run.code).toBe(1);
  });
});
